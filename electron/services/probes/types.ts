import type { Matcher } from '../../../shared/incidents/matcher';
import type {
  ApplyParameterResult,
  ApplyPreview,
  AuditEntry,
  DemoScenario,
  EmailQueueProbeResult,
  EmailsSentProbeResult,
  ErrorsProbeResult,
  ParameterProbeResult,
  RecipientsProbeResult,
  ServersProbeResult,
} from '../../../shared/probes/types';

/** What every probe call accepts: cancellation and progress, as the API's long calls give them. */
export interface ProbeCallOptions {
  signal?: AbortSignal;
  progress?: (message: string, fraction?: number) => void;
}

export interface ErrorsProbeOptions extends ProbeCallOptions {
  /** ISO start of the window; default `until` minus `days`. */
  since?: string;
  /** ISO end of the window; default now. */
  until?: string;
  /** Window length when `since` is not given; default 7. */
  days?: number;
  /**
   * The playbook's matchers, in priority order (`firstMatch`): their LIKE patterns are the SQL
   * prefilter (at most 16), the matchers the exact check.
   */
  matchers: readonly Matcher[];
  /** What the summary calls the error, singular ("SMTP authentication error"). */
  errorName: string;
}

export interface ParameterProbeOptions extends ProbeCallOptions {
  /** The OSSYS_PARAMETER name, compared without regard to letter case. */
  name: string;
}

export interface RecipientsProbeOptions extends ProbeCallOptions {
  /** Window length in hours, ending now; default 24 (Exchange Online's rolling quota window). */
  hours?: number;
}

/** Whole numbers the new value of a parameter may take, both ends included. */
export interface AllowedRange {
  min: number;
  max: number;
}

export interface PreviewParameterRequest {
  /** The OSSYS_PARAMETER name; only its global row is written. */
  parameter: string;
  /** The stored value the engineer saw (null = no global row). */
  expected: string | null;
  newValue: number;
  /** When given (both), a value outside min..max is refused here too. */
  min?: number;
  max?: number;
}

export interface ApplyParameterRequest extends PreviewParameterRequest {
  /** Whole numbers the new value may take, both included: Apply refuses any other with invalid_input. */
  min: number;
  max: number;
  actor: string;
  sessionId?: string;
}

export interface ProbeServiceApi {
  /** Every row (global and per host) of any OSSYS_PARAMETER parameter. */
  readParameter(profileId: string, opts: ParameterProbeOptions): Promise<ParameterProbeResult>;
  /**
   * Emails sent in the last `hours` (default 24) and, when OSSYS_EMAIL has recipient columns, their
   * recipients (separators counted in SQL); bounded by a row cap; unknown when the tables are not found.
   */
  readRecipients(profileId: string, opts?: RecipientsProbeOptions): Promise<RecipientsProbeResult>;
  readServers(profileId: string, opts?: ProbeCallOptions): Promise<ServersProbeResult>;
  readErrors(profileId: string, opts: ErrorsProbeOptions): Promise<ErrorsProbeResult>;
  readEmailQueue(profileId: string, opts?: ProbeCallOptions): Promise<EmailQueueProbeResult>;
  /** Emails marked sent since `since` (ISO UTC), bounded by a row cap; unknown when the table is not found. */
  readEmailsSent(profileId: string, opts: ProbeCallOptions & { since: string }): Promise<EmailsSentProbeResult>;
  /**
   * Tells the platform database that the fix took effect at `at` (ISO UTC): the Scheduler restarted,
   * or the engineer fixed the cause outside the app. A real database ignores it; the embedded demo
   * simulates by its scenario: in 'concurrency' queued emails are sent after the restart and, while
   * the budget is over the limit, new 432 errors are logged; 'smtp-auth' and 'quota' send
   * the queued emails after `at` and log no new error.
   */
  fixTookEffect(profileId: string, at: string): Promise<void>;
  /** The exact statement Apply will run on the parameter's global row, and its parameters. */
  previewApplyParameter(profileId: string, request: PreviewParameterRequest): Promise<ApplyPreview>;
  /**
   * Sets the global row of a parameter: compare-and-set against `expected` in one transaction, audit
   * entry first, value read back after the commit.
   */
  applyParameter(profileId: string, request: ApplyParameterRequest, opts?: ProbeCallOptions): Promise<ApplyParameterResult>;
  /** Restores the value recorded before the change, on the parameter the change wrote. */
  undoApply(auditId: string, opts?: ProbeCallOptions & { actor: string }): Promise<ApplyParameterResult>;
  /**
   * Seeds the demo again with a playbook's scenario (default: the one it has; 'concurrency' on a
   * new folder); `utcOffsetMinutes` sets its clock zone (default: keep the current one).
   */
  resetDemo(options?: { scenario?: DemoScenario; utcOffsetMinutes?: number; timeZone?: string }): Promise<void>;
  /** Every audit entry, newest first, after settling pending ones (see reconcileAudit). */
  listAudit(): Promise<AuditEntry[]>;
  /**
   * Settles audit entries left pending by an earlier run (a crash between the commit and the audit)
   * by reading the value from the database: new value = done, previous value = failed, no answer =
   * still pending (and the user is told).
   */
  reconcileAudit(): Promise<{ done: number; failed: number; pending: number }>;
}
