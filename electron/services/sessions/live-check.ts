import { ApiError } from '../../../shared/api/errors';
import type { sessionMethods } from '../../../shared/api/methods/sessions';
import type { Playbook, ProbeKind } from '../../../shared/wizard/playbook';
import type { Session, SessionAction } from '../../../shared/wizard/session';
import type { SessionView } from '../../../shared/wizard/view';
import type { HandlersFor } from '../context';
import { runSmtpCheck } from '../smtp-check/run';

type LiveCheckMethods = Pick<typeof sessionMethods, 'sessions.liveCheck'>;

export interface LiveCheckNeeds {
  /** The stored session, refused when completed. */
  openSession(id: string): Promise<Session>;
  playbookOf(session: Session): Playbook;
  act(id: string, action: SessionAction): Promise<SessionView>;
}

/**
 * The live check of the mail server as a playbook's probe (domain.md 4e): the engineer types the
 * server and, for this check only, a password or token; the check's stages become the probe's
 * result, recorded as checked live (never as read from the database). The secret lives in the
 * request for the call only: the result, the session and the report never hold it.
 */
export function liveCheckHandlers(needs: LiveCheckNeeds): HandlersFor<LiveCheckMethods> {
  return {
    'sessions.liveCheck': async ({ id, probe, request }, ctx) => {
      const session = await needs.openSession(id);
      const use = needs.playbookOf(session).probes?.[probe as ProbeKind];
      if (use?.probe !== 'smtp-check') throw new ApiError('invalid_input', `This playbook has no live check named "${probe}".`, { field: 'probe' });
      const result = await runSmtpCheck(request, { signal: ctx.signal, onProgress: (p) => ctx.progress(p.message, p.fraction) });
      return needs.act(id, { type: 'probe-result', probe, result, origin: { kind: 'live-check', target: `${result.host}:${result.port}` } });
    },
  };
}
