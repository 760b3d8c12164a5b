import { SMTP_AUTH_MATCHERS } from '../../incidents/smtp-auth-matchers';
import type { EmailQueueProbeResult, EmailsSentProbeResult, ErrorsProbeResult, ParameterProbeResult } from '../../probes/types';
import { liveCheckFacts } from '../../smtp-check/facts';
import type { SmtpCheckResult } from '../../smtp-check/result';
import type { ProbeKind, ProbeUse } from '../../wizard/playbook';
import { emailsSentFacts, errorLogFacts, errorsSinceFixFacts, type NewFact } from '../common/probe-facts';
import { PROBE, utc, VERSION_PARAMETER, versionFromParameter } from './facts';

/** The error in sentences and probe summaries (singular). */
export const ERROR_WORDS = 'SMTP authentication error';

export const SMTP_AUTH_PROBES: Record<ProbeKind, ProbeUse> = {
  [PROBE.errors]: {
    probe: 'error-log',
    label: 'Search the error log for SMTP authentication errors',
    matchers: SMTP_AUTH_MATCHERS,
    errorName: ERROR_WORDS,
    window: true,
  },
  [PROBE.queue]: { probe: 'email-queue', label: 'Read the email queue' },
  [PROBE.version]: { probe: 'parameter', label: 'Read the Platform Server version', parameter: VERSION_PARAMETER },
  [PROBE.errorsAfter]: {
    probe: 'error-log',
    label: 'Count SMTP authentication errors since the fix',
    matchers: SMTP_AUTH_MATCHERS,
    errorName: ERROR_WORDS,
    sinceFix: true,
  },
  [PROBE.sentAfter]: { probe: 'emails-sent', label: 'Count emails sent since the fix', sinceFix: true },
  [PROBE.liveLogin]: { probe: 'smtp-check', label: 'Check the login on the mail server' },
};

/** "535 5.7.139 ... Tenant: 150, first 2026-11-30 09:12 UTC, last 2026-12-02 09:01 UTC" per form found in the log. */
function perVariantText(result: ErrorsProbeResult): string | null {
  const rows = result.perVariant ?? [];
  if (rows.length === 0) return null;
  return rows.map((v) => `${v.label}: ${v.count}, first ${utc(v.firstSeen)}, last ${utc(v.lastSeen)}`).join('; ');
}

/** What each probe's result says, as facts of the steps that read it. */
export function smtpAuthFactsFromProbe(probe: ProbeKind, result: unknown): NewFact[] {
  switch (probe) {
    case PROBE.errors: {
      const r = result as ErrorsProbeResult;
      const perVariant = perVariantText(r);
      return [
        ...errorLogFacts(r, 'SMTP authentication error'),
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
    case PROBE.liveLogin: {
      const check = liveCheckFacts(result as SmtpCheckResult);
      return check.loginAccepted === null ? [] : [{ key: 'after.smtp.login', value: check.loginAccepted, detail: check.words, at: check.at }];
    }
    default:
      return [];
  }
}
