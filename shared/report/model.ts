import type { SmtpCheckResult } from '../smtp-check/result';
/**
 * The resolution report of one troubleshooting session, as data. Built from a session by
 * ./build.ts, rendered to HTML (./html.ts, also the PDF) and Markdown (./markdown.ts), and exported
 * as JSON for tools. Versioned: a tool reading the JSON checks `reportVersion` first.
 *
 * Never holds credentials: the environment is described by name, role, engine and host only.
 */

import type { CriterionState } from '../wizard/criteria';
import { SESSION_STATUSES, type SessionStatus } from '../wizard/session';

/** 2: the outcome is the engine's (with its criteria and follow-ups), and "mitigated" and "in-progress" exist. */
export const REPORT_VERSION = 2 as const;

/** How the session ended, as the engine decided it (shared/wizard/outcome.ts); "in-progress" while open. */
export const REPORT_OUTCOMES = SESSION_STATUSES;
export type ReportOutcome = SessionStatus;

export { OUTCOME_LABELS } from '../wizard/outcome';

/** Where a fact came from and when it was read or entered. */
export interface ReportSource {
  /** In words, e.g. "OSSYS_PARAMETER (platform database)" or "entered by the engineer". */
  source: string;
  /** ISO time; null when not recorded. */
  at: string | null;
}

export interface ReportEnvironment {
  name: string;
  /** e.g. "Production"; null when not recorded. */
  role: string | null;
  /** e.g. "SQL Server", "Oracle", "Demo database", "Offline (entered by hand)". */
  engine: string;
  /** Database host name (no user, no password); null when offline. */
  host: string | null;
}

export interface ReportHeader {
  title: string;
  environment: ReportEnvironment;
  /** Customer name or ticket tag; null when none was given. */
  customer: string | null;
  /** Ticket or case number; null when none was given. */
  ticket: string | null;
  engineerName: string | null;
  /**
   * The database clock the probes measured, e.g. "UTC-05:00, 4 s behind this computer": every time
   * in the report is UTC, converted with this offset. null offline or before any probe read it.
   */
  databaseClock: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: ReportOutcome;
  outcomeLabel: string;
}

export interface ReportSymptom {
  /** The error as the playbook names it. */
  errorName: string;
  /** Number of errors found in the window (a lower bound when `capped`). */
  count: number;
  capped: boolean;
  windowStart: string | null;
  windowEnd: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  perServer: Array<{ server: string; count: number }>;
  sampleMessage: string | null;
  source: ReportSource;
  /** When the log views held less than the window asked for: what was really covered, in words. */
  coverage: string | null;
}

export interface ReportFinding {
  /** Group the fact belongs to, e.g. "Servers", "Threads", "Mailbox". */
  topic: string;
  label: string;
  value: string;
  source: ReportSource;
}

export interface ReportServerRow {
  name: string;
  sendsEmail: boolean | null;
  threads: number | null;
  threadsSource: string;
  zone: string | null;
}

export interface ReportMailboxCalc {
  mailbox: string;
  limit: number;
  before: { connections: number; arithmetic: string };
  /** null when nothing was changed. */
  after: { connections: number; arithmetic: string } | null;
}

export interface ReportCalculation {
  provider: string;
  limit: number;
  mailboxes: ReportMailboxCalc[];
  /** The engine's one-sentence verdict before the change. */
  verdict: string;
}

export interface ReportChange {
  description: string;
  /** What was changed, e.g. "the global row of a parameter". */
  target: string;
  before: string | null;
  after: string | null;
  /** Exactly the SQL the app ran; null when the engineer made the change by hand. */
  statement: string | null;
  parameters: Record<string, string | number | null> | null;
  actor: string | null;
  at: string | null;
  auditId: string | null;
  /** When the change was undone; null when it stands. */
  undoneAt: string | null;
}

export interface ReportRestartStep {
  server: string;
  done: boolean;
  at: string | null;
}

export interface ReportActions {
  plan: { title: string; reason: string; tradeOff: string | null } | null;
  changes: ReportChange[];
  restart: ReportRestartStep[];
  /** What was restarted, e.g. a Windows service; null when nothing was. */
  restartService: string | null;
  /** The exact steps given for the fix, when the playbook has them. */
  fixSteps: Array<{ text: string; where: string | null; code: { language: string; text: string } | null }>;
  /** How to undo, in words; null when nothing can or needs to be undone. */
  undo: string | null;
}

/** One verification criterion as the engine judged it. */
export interface ReportCriterion {
  /** What must hold. */
  label: string;
  state: CriterionState;
  /** "Passed", "Not yet", "Failed", "Not known". */
  result: string;
  /** What was seen, or what is missing. */
  seen: string;
  /** While not yet: the earliest time it can pass, when time decides it. */
  until: string | null;
}

export interface ReportFollowUp {
  action: string;
  owner: string;
  /** Not before this time, when time decides it. */
  notBefore: string | null;
}

/** The outcome as the engine decided it, with why, the criteria and what is left to do. */
export interface ReportOutcomeDetail {
  /** What the outcome means, in general. */
  meaning: string;
  /** Why this session has it. */
  reason: string;
  /** How the fix takes effect, e.g. "when the Scheduler Service was restarted on every front-end server". */
  fixTakesEffect: string;
  /** When it did; null when it has not. */
  fixTakenEffectAt: string | null;
  /** The changes that stand, each lasting or a stop-gap. */
  fixes: Array<{ description: string; at: string; lasting: boolean }>;
  criteria: ReportCriterion[];
  followUps: ReportFollowUp[];
}

/** What happens to the emails that failed: retried, or abandoned and lost. */
export interface ReportEmails {
  failing: number | null;
  abandoned: number | null;
  /** In the customer's words, with what the platform does with each. */
  statement: string;
  source: ReportSource;
}

export interface ReportVerification {
  checkedAt: string | null;
  passed: boolean | null;
  /** What was checked and what was seen, in words. */
  summary: string;
  details: string[];
}

export interface ReportEvent {
  at: string;
  message: string;
}

export interface ReportEvidence {
  label: string;
  value: string;
}

/** A file the customer sent, attached to the session. The JSON export holds this, never the bytes. */
export interface ReportAttachment {
  id: string;
  fileName: string;
  /** '' when none was given. */
  caption: string;
  /** Told by the file's first bytes. */
  type: 'png' | 'jpeg' | 'pdf' | 'smtp-check';
  bytes: number;
  sha256: string;
  addedAt: string;
  addedBy: string;
  /** An SMTP check's JSON: the check itself, which the report shows as a table (shared/report/smtp-check-section.ts). */
  smtpCheck?: SmtpCheckResult;
}

export interface ReportReference {
  title: string;
  /** null when the source has no stable public address. */
  url: string | null;
}

export interface ReportModel {
  reportVersion: typeof REPORT_VERSION;
  sessionId: string;
  generatedAt: string;
  header: ReportHeader;
  /** Two or three sentences a customer can read. */
  summary: string;
  symptom: ReportSymptom | null;
  findings: ReportFinding[];
  servers: ReportServerRow[];
  calculation: ReportCalculation | null;
  /** false when the playbook computes no connection budget: the report has no calculation section then. */
  calculationApplies: boolean;
  actions: ReportActions;
  verification: ReportVerification | null;
  outcome: ReportOutcomeDetail;
  /** The email queue, when it was read or given. */
  emails: ReportEmails | null;
  appendix: {
    events: ReportEvent[];
    references: ReportReference[];
    /** What the live database showed about where settings live (e.g. OSSYS_SERVER's columns), as evidence. */
    evidence: ReportEvidence[];
    /** Files the customer sent (images are shown in the HTML and PDF); absent in reports made before attachments. */
    attachments?: ReportAttachment[];
  };
}
