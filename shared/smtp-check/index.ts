import type { SmtpCheckRequest } from './request';
import type { SmtpCheckProgress, SmtpCheckResult } from './result';

/**
 * The live SMTP check's seam, so a playbook can use it as a probe: one plain function, given a
 * request and a signal, reporting progress, resolving with the stages it ran. It never rejects for
 * a server problem (a refused login is a failed stage); only a cancel rejects, with the signal's reason.
 */
export interface RunSmtpCheckOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SmtpCheckProgress) => void;
  /** Clock for startedAt/finishedAt, replaceable in tests. */
  now?: () => Date;
}

export type RunSmtpCheck = (request: SmtpCheckRequest, options?: RunSmtpCheckOptions) => Promise<SmtpCheckResult>;
