/**
 * Facts read from a platform database by a probe. Each fact says where it came from, or that it is
 * unknown and why, so the wizard can ask the engineer instead of guessing. Implemented by the
 * adapters in electron/services/probes (mssql, oracledb thin, embedded demo).
 */

export type FactOrigin =
  | { kind: 'database'; detail: string } // e.g. "OSSYS_SERVER.IS_ACTIVE"
  /** Read from the database, but not authoritative (e.g. legacy OSSYS_ZONE rows): confirm it. */
  | { kind: 'hint'; detail: string }
  | { kind: 'unknown'; reason: string };

/**
 * The database clock as one probe measured it (domain.md 4a). O11 keeps INSTANT and the other
 * times in the database's local time, so every window is built in that time and every result is
 * converted back to UTC with this offset.
 */
export interface DbClock {
  /** The database's offset from UTC in minutes, east positive (-300 = UTC-05:00, 330 = UTC+05:30). */
  utcOffsetMinutes: number;
  /** Database clock minus this computer's clock, in whole seconds (negative = database behind). */
  skewSeconds: number;
  /** The database's local time as it answered, ISO without offset, e.g. "2026-12-02T04:10:00.000". */
  databaseLocalTime: string;
  /** One sentence for facts and the report: "UTC-05:00, 4 s behind this computer". */
  summary: string;
}

export interface ProbeMeta {
  /** ISO time the probe ran. */
  readAt: string;
  durationMs: number;
  /** 'import': counted from the customer's export of the error log, not read from a database. */
  engine: 'sqlserver' | 'oracle' | 'demo' | 'import';
  /** The database clock read at the start of the probe; absent in results saved before it was read. */
  clock?: DbClock;
}

export interface ParameterRow {
  name: string;
  value: string;
  /** null = the global row. */
  host: string | null;
}

/** Every row of any OSSYS_PARAMETER parameter, global and per host. */
export interface ParameterProbeResult extends ProbeMeta {
  /** Every row of the parameter; empty = "no row". */
  rows: ParameterRow[];
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

/**
 * What the live database showed about where settings live, kept as evidence in the session and the
 * report: where "Send Emails" is stored is not documented (domain.md 4a), so this is how we learn it.
 */
export interface SettingsEvidence {
  /** Column names of OSSYS_SERVER, as the catalog lists them. */
  serverColumns: string[];
  /** Names (never values) of OSSYS_PARAMETER rows about mail, email or SMTP, with their HOST. */
  mailParameters: Array<{ name: string; host: string | null }>;
}

export interface ServersProbeResult extends ProbeMeta {
  servers: ServerFact[];
  summary: string;
  /** Why OSSYS_SERVER itself could not be read (the wizard then asks for the servers). */
  problem?: string;
  evidence?: SettingsEvidence;
}

export interface ErrorSample {
  instant: string;
  server: string | null;
  message: string;
}

export interface ErrorsProbeResult extends ProbeMeta {
  /** Start of the window really searched, ISO UTC: never earlier than what the log views cover. */
  windowStart: string;
  /** Start of the window asked for, ISO UTC (earlier than windowStart when the views cover less). */
  requestedStart?: string;
  /** Oldest time the two log views can hold (previous cycle's start, or the oldest row), ISO UTC; null when not known. */
  coveredStart?: string | null;
  /** Sentence when less was covered than asked: "Asked for 14 days; the log views hold 9 days (since ...)." */
  coverageNote?: string;
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
  /**
   * Occurrences per form of the error, by matcher `variant ?? id`, most frequent first; only the
   * forms found. Absent in results saved before the search took a playbook's matchers.
   */
  perVariant?: ErrorVariantCount[];
  /** Set when the result was counted from an imported export (sessions.importEvidence) rather than read from the log. */
  evidence?: ImportedEvidence;
}

/** Where an imported error-log result came from: said in its summary and in the facts made from it. */
export interface ImportedEvidence {
  fileName: string;
  /** Rows of the file (after the fix, for the "since the fix" count). */
  rows: number;
  /** Rows the playbook's matchers accepted among them. */
  matching: number;
  /** The zone the file's times were read in, minutes east of UTC. */
  utcOffsetMinutes: number;
  /** The columns used, by header. */
  mapping: { time: string | null; message: string | null; server: string | null; module: string | null; application: string | null; dayFirst: boolean };
  /** "imported: errors-PRD-2026-12-01.xlsx, 3,214 rows, 84 matching": the facts' detail starts with it. */
  label: string;
  /** Every file (or paste) that makes this count, in the order imported; absent in results saved before imports added up. */
  files?: Array<{ name: string; rows: number; matching: number }>;
  /** The occurrences counted, so a later import adds only rows not yet counted; absent past the cap or in older results. */
  occurrences?: ImportedOccurrence[];
}

/** One counted occurrence of an imported error: its time, server, form and a fingerprint of its message (not the message). */
export interface ImportedOccurrence {
  at: string;
  server: string | null;
  /** Index of the matcher in the playbook's list. */
  matcher: number;
  key: string;
}

export interface ErrorVariantCount {
  /** The matcher's `variant`, or its `id` when it has none. */
  variant: string;
  /** The matcher's label (the first matcher of that variant, in the playbook's order). */
  label: string;
  count: number;
  /** ISO UTC of the oldest and newest occurrence of this form. */
  firstSeen: string;
  lastSeen: string;
}

export interface EmailQueueProbeResult extends ProbeMeta {
  known: boolean;
  /** Why it is unknown (table not found, permission denied). */
  reason?: string;
  pending?: number;
  /** Failed at least once and still retried (within Scheduler.EmailBackoffMaxDays). */
  failing?: number;
  /** Failed and past the back-off: no longer retried, the mail is lost. */
  abandoned?: number;
  sentLast24h?: number;
  /** Days of emails counted (by creation time): counts are bounded by this window and a row cap. */
  windowDays?: number;
  /** The back-off used to tell retrying from abandoned, and where it came from. */
  backoffMaxDays?: number;
  /** true when the row cap was hit: counts are lower bounds. */
  capped?: boolean;
  summary: string;
}

/** Emails the platform marked sent since a time: the traffic that proves a fix under load. */
export interface EmailsSentProbeResult extends ProbeMeta {
  /** ISO UTC start of the count. */
  since: string;
  known: boolean;
  reason?: string;
  count?: number;
  /** true when the row cap was hit: count is a lower bound. */
  capped?: boolean;
  summary: string;
}

/**
 * Recipients of the emails sent in a window (the Exchange Online daily quota counts recipients,
 * 10,000 per rolling 24 h per mailbox, domain.md 4b). Where recipients are stored is not documented:
 * the probe looks for recipient columns on OSSYS_EMAIL (Sent_Email) and keeps what it saw.
 */
export interface RecipientsProbeResult extends ProbeMeta {
  /** ISO UTC start of the window (the end is when the probe ran). */
  since: string;
  /** Window length in hours. */
  hours?: number;
  /** Whether the emails sent could be counted at all (the email status table was found and read). */
  known: boolean;
  /** Emails marked sent in the window (a lower bound when `capped`). */
  emails?: number;
  /**
   * Recipients of those emails, estimated by counting separators (`;` and `,`) in each recipient
   * column; null when no recipient column was found or it could not be joined to the sent emails:
   * the engineer then types the average recipients per email.
   */
  recipients?: number | null;
  /** true when the row cap was hit: the counts are lower bounds. */
  capped?: boolean;
  /** What the database showed: the columns of OSSYS_EMAIL, and those taken as recipient columns. */
  evidence?: { emailColumns: string[]; recipientColumns?: string[] };
  /** Why the counts are unknown, or why `recipients` is null. */
  reason?: string;
  summary: string;
}

/** Playbook scenarios the embedded demo can be seeded with. */
export const DEMO_SCENARIOS = ['concurrency', 'smtp-auth', 'quota', 'send-as', 'smtp-connection'] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** What each demo scenario shows, for the page that resets the demo (the first is the default). */
export const DEMO_SCENARIO_LABELS: Record<DemoScenario, string> = {
  concurrency: '432 concurrent connections: 2 servers x 2 threads on one mailbox (Apply from the app resolves it)',
  'smtp-auth': 'SMTP authentication refused (535 5.7.139, 550 5.7.30): the lasting fix resolves it, the stop-gap mitigates it',
  quota: 'Daily recipient quota exceeded: a check soon after the fix stays "not yet verified" until the 24 h after it have passed',
  'send-as': 'Send As denied (554 5.2.252), the mailbox then throttled: aligning the From address or granting Send As resolves it',
  'smtp-connection': 'SMTP connection and TLS (421 4.7.66 TLS 1.0/1.1): TLS 1.2 resolves it, the legacy TLS endpoint mitigates it',
};

/** Apply or Undo of the global row of a parameter. */
export interface ApplyParameterResult {
  before: string | null;
  after: string;
  /** Exactly the SQL that ran (parameter placeholders) and its parameters. */
  statement: string;
  parameters: Record<string, string | number | null>;
  auditId: string;
  appliedAt: string;
  /** The parameter written (absent in results saved before Apply took any parameter). */
  parameter?: string;
}

/** Result of a preview: exactly the statement Apply will run and its parameters. */
export interface ApplyPreview {
  statement: string;
  parameters: Record<string, string | number | null>;
  /** Plain sentence of what the statement changes, e.g. "Sets the global row from 2 to 1." */
  description: string;
}

/**
 * One write to a platform database, kept in the data folder (audit.json). Written before the change
 * (pending) and completed once its outcome is known; never removed.
 */
export interface AuditEntry {
  id: string;
  kind: 'apply' | 'undo';
  /** ISO time of the commit (pending or failed: when the change was started). */
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
  /** pending: written before the change, outcome not known yet; failed: nothing changed. Absent = done. */
  state?: 'pending' | 'done' | 'failed';
  /** Why it failed, why it is still pending, or how its outcome was established after a restart. */
  note?: string;
}
