import type { OtherKnownError, sessionMethods } from '../../../shared/api/methods/sessions';
import type { ErrorsProbeResult } from '../../../shared/probes/types';
import type { Playbook, ProbeUse } from '../../../shared/wizard/playbook';
import type { Session } from '../../../shared/wizard/session';
import type { HandlersFor } from '../context';
import type { ProbeService } from '../probes';
import { runProbeUse } from '../probes/registry';

type OtherErrorsMethods = Pick<typeof sessionMethods, 'sessions.otherKnownErrors'>;

export interface OtherErrorsNeeds {
  probes: ProbeService;
  stored(id: string): Promise<Session>;
  playbookOf(session: Session): Playbook;
  playbooks(): readonly Playbook[];
}

/** A playbook's search of the error log over a window of days (not its "since the fix" count), with the probe's id. */
export function windowSearch(playbook: Playbook): [string, ProbeUse] | undefined {
  return Object.entries(playbook.probes ?? {}).find(([, use]) => use.probe === 'error-log' && !use.sinceFix && use.matchers?.length);
}

/**
 * "The log shows another known error": one playbook run on a log full of another playbook's errors
 * would otherwise only say "no error found". Asked only when the session's own search of the
 * database read nothing (an imported export is the customer's selection, not the log): then every
 * other playbook's matchers search the same window, from the same start. Nothing found, nothing said.
 */
export function otherErrorsHandlers(needs: OtherErrorsNeeds): HandlersFor<OtherErrorsMethods> {
  return {
    'sessions.otherKnownErrors': async ({ id }, ctx) => {
      const session = await needs.stored(id);
      const profileId = session.environment.profileId;
      const own = windowSearch(needs.playbookOf(session));
      const result = own && (session.probes[own[0]] as ErrorsProbeResult | undefined);
      if (session.offline || !profileId || !result || result.count > 0 || result.evidence) return { found: [] };
      const since = result.windowStart;
      const others = needs.playbooks().filter((p) => p.id !== session.playbookId);
      const found: OtherKnownError[] = [];
      for (const [i, playbook] of others.entries()) {
        const search = windowSearch(playbook);
        if (!search) continue;
        const other = (await runProbeUse(needs.probes, search[1], profileId, {
          signal: ctx.signal,
          progress: (message, fraction) => ctx.progress(`${playbook.title}: ${message}`, (i + (fraction ?? 0)) / others.length),
          since,
        })) as ErrorsProbeResult;
        if (other.count > 0) {
          found.push({
            playbookId: playbook.id,
            title: playbook.title,
            count: other.count,
            capped: other.capped,
            sentence: `${new Intl.NumberFormat('en-US').format(other.count)}${other.capped ? ' or more' : ''} error${other.count === 1 ? '' : 's'} of the "${playbook.title}" playbook in this window.`,
          });
        }
      }
      return { found: found.sort((a, b) => b.count - a.count), since };
    },
  };
}
