import { SMTP_CONNECTION_MATCHERS } from '../../incidents/smtp-connection-matchers';
import type { EmailQueueProbeResult, EmailsSentProbeResult, ErrorsProbeResult, ParameterProbeResult } from '../../probes/types';
import type { SmtpCheckResult } from '../../smtp-check/result';
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
  [PROBE.liveCheck]: { probe: 'smtp-check', label: 'Check the connection and TLS on the mail server' },
};

/**
 * What a live check says about this playbook's question: did the connection and TLS succeed, with a
 * certificate valid for the host typed (true), or did name resolution, the connection or TLS fail
 * (false)? Nothing when TLS was not asked for or the check stopped elsewhere: it then says nothing
 * about the connection. The check's own time is the fact's time.
 */
export function liveTlsFact(result: SmtpCheckResult): NewFact[] {
  const target = `${result.host}:${result.port}`;
  const at = result.finishedAt || result.startedAt;
  const failed = result.stages.find((s) => ['dns', 'connect', 'tls'].includes(s.stage) && s.status === 'failed');
  if (failed) return [{ key: 'after.smtp.tls', value: false, detail: `${target}: ${failed.detail}`, at }];
  const tls = result.stages.find((s) => s.stage === 'tls');
  if (!tls || tls.status !== 'passed' || !result.tls) return [];
  if (!result.tls.trusted || !result.tls.validForHost)
    return [{ key: 'after.smtp.tls', value: false, detail: `${target}: ${result.tls.problem ?? 'the certificate does not validate for the host'}`, at }];
  return [{ key: 'after.smtp.tls', value: true, detail: `${target}: connected with ${result.tls.protocol ?? 'TLS'}, the certificate valid for the host`, at }];
}

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
    case PROBE.liveCheck:
      return liveTlsFact(result as SmtpCheckResult);
    default:
      return [];
  }
}
