import type {
  ApplyPreview,
  ApplyThreadsResult,
  AuditEntry,
  EmailQueueProbeResult,
  EmailsSentProbeResult,
  ErrorsProbeResult,
  ServersProbeResult,
  ThreadsProbeResult,
} from '../../../shared/probes/types';

export type {
  ApplyPreview,
  ApplyThreadsResult,
  AuditEntry,
  EmailQueueProbeResult,
  EmailsSentProbeResult,
  ErrorsProbeResult,
  ServersProbeResult,
  ThreadsProbeResult,
};

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
}

export interface ApplyThreadsRequest {
  /** The stored value the engineer saw (null = no global row). Apply is refused when it changed. */
  expected: string | null;
  newValue: number;
  actor: string;
  sessionId?: string;
}

export interface ProbeServiceApi {
  readThreads(profileId: string, opts?: ProbeCallOptions): Promise<ThreadsProbeResult>;
  readServers(profileId: string, opts?: ProbeCallOptions): Promise<ServersProbeResult>;
  readErrors(profileId: string, opts?: ErrorsProbeOptions): Promise<ErrorsProbeResult>;
  readEmailQueue(profileId: string, opts?: ProbeCallOptions): Promise<EmailQueueProbeResult>;
  /** Emails marked sent since `since` (ISO UTC), bounded by a row cap; unknown when the table is not found. */
  readEmailsSent(profileId: string, opts: ProbeCallOptions & { since: string }): Promise<EmailsSentProbeResult>;
  /**
   * Tells the platform database that the Scheduler was restarted at `at` (ISO UTC). A real database
   * ignores it; the embedded demo simulates the Scheduler: queued emails are sent after the restart
   * and, while its budget is over the limit, new 432 errors are logged.
   */
  schedulerRestarted(profileId: string, at: string): Promise<void>;
  previewApplyThreads(profileId: string, request: { expected: string | null; newValue: number }): Promise<ApplyPreview>;
  applyThreads(profileId: string, request: ApplyThreadsRequest, opts?: ProbeCallOptions): Promise<ApplyThreadsResult>;
  undoApply(auditId: string, opts?: ProbeCallOptions & { actor: string }): Promise<ApplyThreadsResult>;
  /** Seeds the demo again; `utcOffsetMinutes` sets its clock zone (default: keep the current one). */
  resetDemo(options?: { utcOffsetMinutes?: number }): Promise<void>;
  /** Every audit entry, newest first, after settling pending ones (see reconcileAudit). */
  listAudit(): Promise<AuditEntry[]>;
  /**
   * Settles audit entries left pending by an earlier run (a crash between the commit and the audit)
   * by reading the value from the database: new value = done, previous value = failed, no answer =
   * still pending (and the user is told).
   */
  reconcileAudit(): Promise<{ done: number; failed: number; pending: number }>;
}
