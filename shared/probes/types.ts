/**
 * Facts read from a platform database by a probe. Each fact says where it came from, or that it is
 * unknown and why, so the wizard can ask the engineer instead of guessing. Implemented by the
 * adapters in electron/services/probes (mssql, oracledb thin, embedded demo).
 */

export type FactOrigin =
  | { kind: 'database'; detail: string } // e.g. "OSSYS_SERVER.IS_ACTIVE"
  | { kind: 'unknown'; reason: string };

export interface ProbeMeta {
  /** ISO time the probe ran. */
  readAt: string;
  durationMs: number;
  engine: 'sqlserver' | 'oracle' | 'demo';
}

export interface ThreadsRow {
  name: string;
  value: string;
  /** null = the global row. */
  host: string | null;
}

export interface ThreadsProbeResult extends ProbeMeta {
  /** Every row of Scheduler.NumberOfThreadsForEmails; empty = "no row". */
  rows: ThreadsRow[];
  /** Parsed global value, or null when there is no global row or it is not a number. */
  globalValue: number | null;
  /** Per-host overrides by host name. */
  hostValues: Record<string, number>;
  /** Plain sentence, e.g. "No row named Scheduler.NumberOfThreadsForEmails exists." */
  summary: string;
}

export interface ServerFact {
  name: string;
  ip: string | null;
  active: boolean;
  sendsEmail: boolean | null;
  sendsEmailOrigin: FactOrigin;
  zone: string | null;
  zoneOrigin: FactOrigin;
}

export interface ServersProbeResult extends ProbeMeta {
  servers: ServerFact[];
  summary: string;
  /** Why OSSYS_SERVER itself could not be read (the wizard then asks for the servers). */
  problem?: string;
}

export interface ErrorSample {
  instant: string;
  server: string | null;
  message: string;
}

export interface ErrorsProbeResult extends ProbeMeta {
  windowStart: string;
  windowEnd: string;
  count: number;
  /** true when the row cap was hit: count is a lower bound. */
  capped: boolean;
  firstSeen: string | null;
  lastSeen: string | null;
  perServer: Array<{ server: string; count: number }>;
  /** Hour buckets, ISO hour start. */
  perHour: Array<{ hour: string; count: number }>;
  samples: ErrorSample[];
  summary: string;
  /** Log views that could not be read, with the reason; their occurrences are not counted. */
  problems?: string[];
  /** Rows the database returned after its LIKE prefilter, before the exact match in code. */
  candidatesRead?: number;
}

export interface EmailQueueProbeResult extends ProbeMeta {
  known: boolean;
  /** Why it is unknown (table not found, permission denied). */
  reason?: string;
  pending?: number;
  failing?: number;
  sentLast24h?: number;
  summary: string;
}

export interface ApplyThreadsResult {
  before: string | null;
  after: string;
  /** Exactly the SQL that ran (parameter placeholders) and its parameters. */
  statement: string;
  parameters: Record<string, string | number | null>;
  auditId: string;
  appliedAt: string;
}

/** Result of a preview: exactly the statement Apply will run and its parameters. */
export interface ApplyPreview {
  statement: string;
  parameters: Record<string, string | number | null>;
  /** Plain sentence of what the statement changes, e.g. "Sets the global row from 2 to 1." */
  description: string;
}

/** One write to a platform database, kept in the data folder (audit.json). Entries are never edited. */
export interface AuditEntry {
  id: string;
  kind: 'apply' | 'undo';
  /** ISO time of the commit. */
  at: string;
  actor: string;
  profileId: string;
  /** Name of the environment (profile) at the time of the write. */
  environment: string;
  engine: 'sqlserver' | 'oracle' | 'demo';
  parameter: string;
  statement: string;
  parameters: Record<string, string | number | null>;
  before: string | null;
  after: string;
  sessionId?: string;
  /** For an undo: the entry it reverted. */
  undoOf?: string;
  /** Filled when listed: the undo entry that reverted this one, if any. */
  undoneBy?: string;
}
