import type { sessionMethods } from '../../../shared/api/methods/sessions';
import type { Session } from '../../../shared/wizard/session';
import type { SessionView } from '../../../shared/wizard/view';
import type { HandlersFor } from '../context';

type DetailsMethods = Pick<typeof sessionMethods, 'sessions.update'>;

export interface DetailsNeeds {
  now(): string;
  /** Serialised read-change-write of one stored session (upgraded to the current shape). */
  change(id: string, edit: (session: Session) => Session): Promise<Session>;
  /** The id of the step on screen, so the event sits where the engineer was. */
  stepOf(session: Session): string;
  view(session: Session): Promise<SessionView>;
}

const quoted = (value: string | null) => (value ? `"${value}"` : 'none');

/** "Ticket set to "CS-1"." / "Customer changed from "A" to "B"." / "Ticket removed (was "CS-1")." */
function sentence(label: string, before: string | null, after: string | null): string {
  if (!after) return `${label} removed (was ${quoted(before)}).`;
  if (!before) return `${label} set to ${quoted(after)}.`;
  return `${label} changed from ${quoted(before)} to ${quoted(after)}.`;
}

/**
 * The ticket and the customer name a session, its report and its files, and often arrive after the
 * work has started (the case is opened once the cause is known): they may change at any time, a
 * completed session too, since they change no finding. Each change is one line in the event log.
 */
export function detailsHandlers(needs: DetailsNeeds): HandlersFor<DetailsMethods> {
  return {
    'sessions.update': async ({ id, ticket, customer }) => {
      const session = await needs.change(id, (current) => {
        const at = needs.now();
        const step = needs.stepOf(current);
        let next = current;
        const events = [...current.events];
        const beforeTicket = current.ticket ?? null;
        if (ticket !== undefined && (ticket || null) !== beforeTicket) {
          next = { ...next, ticket: ticket || null };
          events.push({ at, type: 'details', step, summary: sentence('Ticket', beforeTicket, ticket || null) });
        }
        const beforeCustomer = current.environment.customer;
        if (customer !== undefined && (customer || null) !== beforeCustomer) {
          next = { ...next, environment: { ...next.environment, customer: customer || null } };
          events.push({ at, type: 'details', step, summary: sentence('Customer', beforeCustomer, customer || null) });
        }
        // Nothing changed, nothing written: no event for saving the same value again.
        return next === current ? current : { ...next, events, updatedAt: at };
      });
      return needs.view(session);
    },
  };
}
