import { ApiError } from '../../../shared/api/errors';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import { contextOf } from '../../../shared/wizard/context';
import { fixEffectiveAt } from '../../../shared/wizard/fix';
import type { Playbook } from '../../../shared/wizard/playbook';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import type { SessionView } from '../../../shared/wizard/view';
import type { HandlersFor } from '../context';
import type { ProbeService } from '../probes';
import { onlineProfile } from './environment';

type ApplyMethods = Pick<typeof sessionMethods, 'sessions.previewApply' | 'sessions.apply' | 'sessions.undo'>;

export interface ApplyNeeds {
  probes: ProbeService;
  /** The stored session, refused when completed. */
  openSession(id: string): Promise<Session>;
  playbookOf(session: Session): Playbook;
  act(id: string, action: SessionAction): Promise<SessionView>;
  /** Who applies: the engineer's name from Settings. */
  actor(): Promise<string>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What the app may write for this session: the playbook's offer, unless the platform forbids it.
 * On OutSystems Cloud a database user may never change OSSYS tables, and a database that refused
 * the write once (permission denied) is not asked again: the fix is then made by hand and recorded.
 */
export function applyOffer(session: Session, playbook: Playbook): SessionView['applyFromApp'] {
  const offer = playbook.applyFromApp?.(contextOf(session)) ?? null;
  if (!offer || 'unavailable' in offer) return offer;
  const byHand =
    'apply it as the plan\'s steps say, restart what they name (OutSystems Cloud: LifeTime > the environment > Restart services), then record what you did with "I applied it myself".';
  if (session.environment.hosting === 'outsystems-cloud') {
    return {
      unavailable: `OutSystems Cloud: a database user may change only application tables (OSUSR…), never the platform's settings. ${capitalised(byHand)}`,
    };
  }
  if (session.applyRefused) return { unavailable: `The database refused the change (${session.applyRefused.reason.replace(/\.$/, '')}): ${byHand}` };
  return offer;
}

/**
 * Once the fix takes effect (as the playbook declares it), the platform database hears of it: a
 * real one ignores it, the demo plays its part.
 */
export async function tellFixTookEffect(probes: ProbeService, session: Session, playbook: Playbook): Promise<void> {
  if (session.offline || !session.environment.profileId) return;
  const at = fixEffectiveAt(session, playbook);
  if (at) await probes.fixTookEffect(session.environment.profileId, at);
}

/** Apply from the app, its preview and its undo: the one write path, recorded in the session. */
export function applyHandlers(needs: ApplyNeeds): HandlersFor<ApplyMethods> {
  const { openSession, playbookOf, act, actor } = needs;

  function applyRequest(session: Session) {
    const offer = applyOffer(session, playbookOf(session));
    if (!offer) throw new ApiError('invalid_input', 'This playbook has nothing the app can apply; apply the change by hand and record it.');
    if ('unavailable' in offer) throw new ApiError('invalid_input', offer.unavailable);
    return offer;
  }

  return {
    'sessions.previewApply': async ({ id }) => {
      const session = await openSession(id);
      const request = applyRequest(session);
      const preview = await needs.probes.previewApplyParameter(onlineProfile(session), {
        parameter: request.parameter,
        expected: request.expected,
        newValue: request.newValue,
        min: request.min,
        max: request.max,
      });
      return { ...preview, expected: request.expected, newValue: request.newValue };
    },
    'sessions.apply': async ({ id }, ctx) => {
      const session = await openSession(id);
      const request = applyRequest(session);
      const who = await actor();
      let result: Awaited<ReturnType<typeof needs.probes.applyParameter>>;
      try {
        result = await needs.probes.applyParameter(
          onlineProfile(session),
          {
            parameter: request.parameter,
            expected: request.expected,
            newValue: request.newValue,
            min: request.min,
            max: request.max,
            actor: who,
            sessionId: id,
          },
          { signal: ctx.signal, progress: ctx.progress },
        );
      } catch (error) {
        // Permission denied is an answer, not a failure: the session goes on with the fix made by hand.
        if (error instanceof ApiError && error.code === 'forbidden') return act(id, { type: 'apply-refused', reason: error.message });
        throw error;
      }
      return act(id, {
        type: 'apply-recorded',
        record: {
          description: request.description,
          target: request.target,
          statement: result.statement,
          parameters: result.parameters,
          before: result.before,
          after: result.after,
          actor: who,
          at: result.appliedAt,
          auditId: result.auditId,
        },
      });
    },
    'sessions.undo': async ({ id, auditId }, ctx) => {
      const session = await openSession(id);
      const record = session.applies.find((a) => a.auditId === auditId);
      if (!record) throw new ApiError('not_found', 'No change with that id was applied in this session.', { field: 'auditId' });
      if (record.undone) throw new ApiError('conflict', 'This change was already undone.');
      const result = await needs.probes.undoApply(auditId, { actor: await actor(), signal: ctx.signal, progress: ctx.progress });
      return act(id, { type: 'undo-recorded', auditId, undoAuditId: result.auditId, at: result.appliedAt });
    },
  };
}
