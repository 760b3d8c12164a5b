import type {
  ApplyPreview,
  ApplyThreadsResult,
  AuditEntry,
  EmailQueueProbeResult,
  ErrorsProbeResult,
  ServersProbeResult,
  ThreadsProbeResult,
} from '../../../shared/probes/types';

export type {
  ApplyPreview,
  ApplyThreadsResult,
  AuditEntry,
  EmailQueueProbeResult,
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
  previewApplyThreads(profileId: string, request: { expected: string | null; newValue: number }): Promise<ApplyPreview>;
  applyThreads(profileId: string, request: ApplyThreadsRequest, opts?: ProbeCallOptions): Promise<ApplyThreadsResult>;
  undoApply(auditId: string, opts?: ProbeCallOptions & { actor: string }): Promise<ApplyThreadsResult>;
  resetDemo(): Promise<void>;
  listAudit(): Promise<AuditEntry[]>;
}
