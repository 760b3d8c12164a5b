import { CONCURRENCY_MATCHERS } from '../../incidents/concurrency-matchers';
import type { EmailsSentProbeResult, ErrorsProbeResult, ParameterProbeResult, ServersProbeResult } from '../../probes/types';
import type { ProbeKind, ProbeUse } from '../../wizard/playbook';
import type { FactValue } from '../../wizard/session';
import { emailsSentFacts, errorLogFacts, errorsSinceFixFacts, type NewFact } from '../common/probe-facts';
import { PROBE, THREADS_PARAMETER } from './facts';

const ZONE_HINT = 'from OSSYS_ZONE_SERVER, a hint only: confirm in Service Center > Administration > Deployment Zones';

export const CONCURRENCY_PROBES: Record<ProbeKind, ProbeUse> = {
  [PROBE.errors]: {
    probe: 'error-log',
    label: 'Search the error log for 432s',
    matchers: CONCURRENCY_MATCHERS,
    errorName: '432 concurrency error',
    window: true,
  },
  [PROBE.emailQueue]: { probe: 'email-queue', label: 'Read the email queue' },
  [PROBE.servers]: { probe: 'servers', label: 'Read the servers' },
  [PROBE.threads]: { probe: 'parameter', parameter: THREADS_PARAMETER, label: 'Read the threads value' },
  [PROBE.errorsAfter]: {
    probe: 'error-log',
    label: 'Count 432s since the restart',
    matchers: CONCURRENCY_MATCHERS,
    errorName: '432 concurrency error',
    sinceFix: true,
  },
  [PROBE.threadsAfter]: { probe: 'parameter', parameter: THREADS_PARAMETER, label: 'Read the threads value again' },
  [PROBE.serversAfter]: { probe: 'servers', label: 'Read the servers again' },
  [PROBE.sentAfter]: { probe: 'emails-sent', label: 'Count emails sent since the restart', sinceFix: true },
};

/**
 * Where the server facts came from: OSSYS_SERVER, legacy zone rows only as a hint, and the servers
 * the probe could not tell about (asked in the step).
 */
function serversDetail(r: ServersProbeResult): string {
  const parts = ['OSSYS_SERVER'];
  if (r.servers.some((s) => s.zoneOrigin.kind === 'hint')) parts.push(`zones ${ZONE_HINT}`);
  const unknown = r.servers.filter((s) => s.sendsEmail === null || s.zone === null).map((s) => s.name);
  if (unknown.length) parts.push(`not known for ${unknown.join(', ')}`);
  return parts.join('; ');
}

/** What each probe's result says, as facts of the steps that read it. */
export function concurrencyFactsFromProbe(probe: ProbeKind, result: unknown): NewFact[] {
  switch (probe) {
    case PROBE.errors:
      return errorLogFacts(result as ErrorsProbeResult, '432');
    case PROBE.emailQueue:
      return [{ key: 'queue.summary', value: (result as { summary: string }).summary, detail: 'email queue' }];
    case PROBE.servers:
    case PROBE.serversAfter: {
      const r = result as ServersProbeResult;
      if (r.problem || r.servers.length === 0) return [];
      return [
        {
          key: probe === PROBE.servers ? 'servers' : 'after.servers',
          value: r.servers.map((s) => ({ name: s.name, sendsEmail: s.sendsEmail, zone: s.zone, active: s.active })) as FactValue,
          detail: serversDetail(r),
        },
      ];
    }
    case PROBE.threads:
    case PROBE.threadsAfter: {
      const r = result as ParameterProbeResult;
      const prefix = probe === PROBE.threads ? 'threads' : 'after.threads';
      const facts: NewFact[] = [];
      if (r.globalValue !== null) facts.push({ key: `${prefix}.global`, value: r.globalValue, detail: 'OSSYS_PARAMETER (global row)' });
      // An empty record says "the probe looked: no per-host rows", unlike a fact never read.
      facts.push({ key: `${prefix}.hosts`, value: r.hostValues, detail: 'OSSYS_PARAMETER (per-host rows)' });
      return facts;
    }
    case PROBE.errorsAfter:
      return errorsSinceFixFacts(result as ErrorsProbeResult);
    case PROBE.sentAfter:
      return emailsSentFacts(result as EmailsSentProbeResult);
    default:
      return [];
  }
}
