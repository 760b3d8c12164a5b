import { SMTP_CONNECTION_MATCHERS } from '../../incidents/smtp-connection-matchers';
import type { EmailQueueProbeResult, EmailsSentProbeResult, ErrorsProbeResult, ParameterProbeResult } from '../../probes/types';
import type { ProbeKind, ProbeUse } from '../../wizard/playbook';
import { perVariantText } from '../common/error-forms';
import { emailsSentFacts, errorLogFacts, errorsSinceFixFacts, utc, type NewFact } from '../common/probe-facts';
import { VERSION_PARAMETER, versionFromParameter } from '../smtp-auth/facts';
import { PROBE } from './facts';

/** The error in sentences and probe summaries (singular). */
export const ERROR_WORDS = 'SMTP connection or TLS error';

export const SMTP_CONNECTION_PROBES: Record<ProbeKind, ProbeUse> = {
  [PROBE.errors]: {
    probe: 'error-log',
    label: 'Search the error log for SMTP connection and TLS errors',
    matchers: SMTP_CONNECTION_MATCHERS,
    errorName: ERROR_WORDS,
    window: true,
  },
  [PROBE.queue]: { probe: 'email-queue', label: 'Read the email queue' },
  [PROBE.version]: { probe: 'parameter', label: 'Read the Platform Server version', parameter: VERSION_PARAMETER },
  [PROBE.errorsAfter]: {
    probe: 'error-log',
    label: 'Count SMTP connection and TLS errors since the fix',
    matchers: SMTP_CONNECTION_MATCHERS,
    errorName: ERROR_WORDS,
    sinceFix: true,
  },
  [PROBE.sentAfter]: { probe: 'emails-sent', label: 'Count emails sent since the fix', sinceFix: true },
};

export function connectionFactsFromProbe(probe: ProbeKind, result: unknown): NewFact[] {
  switch (probe) {
    case PROBE.errors: {
      const r = result as ErrorsProbeResult;
      const perVariant = perVariantText(r, utc);
      return [
        ...errorLogFacts(r, ERROR_WORDS),
        ...(perVariant ? [{ key: 'errors.perVariant', value: perVariant, detail: 'per form of the error, in the window' }] : []),
      ];
    }
    case PROBE.queue:
      return [{ key: 'queue.summary', value: (result as EmailQueueProbeResult).summary, detail: 'email queue' }];
    case PROBE.version:
      return versionFromParameter(result as ParameterProbeResult);
    case PROBE.errorsAfter:
      return errorsSinceFixFacts(result as ErrorsProbeResult);
    case PROBE.sentAfter:
      return emailsSentFacts(result as EmailsSentProbeResult);
    default:
      return [];
  }
}
