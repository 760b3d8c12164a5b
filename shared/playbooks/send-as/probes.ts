import { SEND_AS_MATCHERS } from '../../incidents/send-as-matchers';
import type { EmailQueueProbeResult, EmailsSentProbeResult, ErrorsProbeResult } from '../../probes/types';
import type { ProbeKind, ProbeUse } from '../../wizard/playbook';
import { perVariantText } from '../common/error-forms';
import { emailsSentFacts, errorLogFacts, errorsSinceFixFacts, utc, type NewFact } from '../common/probe-facts';
import { addressPairs, PROBE } from './facts';

/** The error in sentences and probe summaries (singular). */
export const ERROR_WORDS = 'Send As denial';

/** The readings this playbook makes with the registered probes. */
export const SEND_AS_PROBES: Record<ProbeKind, ProbeUse> = {
  [PROBE.errors]: {
    probe: 'error-log',
    label: 'Search the error log for Send As denials',
    matchers: SEND_AS_MATCHERS,
    errorName: ERROR_WORDS,
    window: true,
  },
  [PROBE.queue]: { probe: 'email-queue', label: 'Read the email queue' },
  [PROBE.errorsAfter]: {
    probe: 'error-log',
    label: 'Count Send As denials since the fix',
    matchers: SEND_AS_MATCHERS,
    errorName: ERROR_WORDS,
    sinceFix: true,
  },
  [PROBE.sentAfter]: { probe: 'emails-sent', label: 'Count emails sent since the fix', sinceFix: true },
};

/** Which login mailbox was refused which From address, as the error log's sample messages name them. */
function perSenderFacts(r: ErrorsProbeResult): NewFact[] {
  const pairs = addressPairs(r.samples.map((x) => x.message));
  if (pairs.length === 0) return [];
  const n = r.samples.length;
  return [
    {
      key: 'errors.perSender',
      value: pairs.map((p) => `${p.login} not allowed to send as ${p.from}: ${p.count}`).join('; '),
      detail: `addresses named in ${n} sample message${n === 1 ? '' : 's'} of the error log`,
    },
  ];
}

/** A probe's result as facts of this playbook. */
export function sendAsFactsFromProbe(probe: ProbeKind, result: unknown): NewFact[] {
  switch (probe) {
    case PROBE.errors: {
      const r = result as ErrorsProbeResult;
      const perVariant = perVariantText(r, utc);
      return [
        ...errorLogFacts(r, ERROR_WORDS),
        ...(perVariant ? [{ key: 'errors.perVariant', value: perVariant, detail: 'per form of the error, in the window' }] : []),
        ...perSenderFacts(r),
      ];
    }
    case PROBE.queue:
      return [{ key: 'queue.summary', value: (result as EmailQueueProbeResult).summary, detail: 'email queue' }];
    case PROBE.errorsAfter:
      return errorsSinceFixFacts(result as ErrorsProbeResult);
    case PROBE.sentAfter:
      return emailsSentFacts(result as EmailsSentProbeResult);
    default:
      return [];
  }
}
