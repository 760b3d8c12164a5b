import type { AttachmentChange, SessionAttachment } from '../attachments';
import type { BudgetResult, Plan } from '../capacity/types';
import type { DbClock } from '../probes/types';
import type { CriterionResult } from './criteria';
import type { OutcomeDecision } from './outcome';
import type { ProbeKind } from './playbook';
import type { ResultOrigin } from './provenance';

/**
 * The stored data: a troubleshooting session as one engineer builds it while walking a playbook, its
 * facts, events and the actions the reducer accepts. Every change leaves a timestamped event, so
 * the resolution report can tell what happened in which order.
 */

/**
 * Where a fact came from: read from the platform database by a probe, counted from an export the
 * customer sent, typed in by the engineer, or computed from other facts (./provenance.ts words it).
 */
export type FactSource = 'probe' | 'imported' | 'checked' | 'engineer' | 'derived';

/** Fact values are plain JSON, so a session file round-trips without loss. */
export type FactValue = string | number | boolean | null | FactValue[] | { [key: string]: FactValue };

export interface Fact {
  /** Stable key, e.g. "threads.global" or "restart:FE01". */
  key: string;
  value: FactValue;
  source: FactSource;
  /** ISO time the fact was read, given or derived. */
  at: string;
  /** Where exactly it came from, e.g. "OSSYS_PARAMETER (global row)" or "typed in from Factory Configuration". */
  detail?: string;
  /** Id of the step that gathered it. */
  step: string;
}

/** Facts by key, as checks and derivations read them. */
export type FactMap = Readonly<Record<string, Fact | undefined>>;

/** Every state a session can be in; one list, so the session file's schema and the types agree. */
export const SESSION_STATUSES = ['in-progress', 'resolved', 'mitigated', 'applied-not-verified', 'not-resolved', 'within-limit-other-cause'] as const;

export type SessionStatus = (typeof SESSION_STATUSES)[number];

export type SessionOutcome = Exclude<SessionStatus, 'in-progress'>;

/**
 * The environment as it was when the session started: enough to name it in a report, never a
 * credential (no user, password or connection string).
 */
export interface EnvironmentSnapshot {
  /** null when working offline. */
  profileId: string | null;
  name: string;
  role: string | null;
  engine: 'sqlserver' | 'oracle' | 'demo' | 'manual';
  /** Database server host name, never a connection string. */
  host: string | null;
  customer: string | null;
  /** The mailbox this environment sends email through, when the profile knows it. */
  mailbox: string | null;
  /** OutSystems Cloud: the app does not write to the platform database (absent in older sessions = self-managed). */
  hosting?: 'self-managed' | 'outsystems-cloud';
}

export interface StepState {
  status: 'pending' | 'done' | 'skipped';
  /** Why the engineer skipped it. */
  skipReason?: string;
  completedAt?: string;
}

/** One write through the app's Apply (or its undo), as the probe reported it. */
export interface ApplyRecord {
  description: string;
  /** What changed, e.g. "the global row of <parameter>". */
  target: string;
  /** Exactly the SQL that ran, with placeholders, and its parameters. */
  statement: string;
  parameters: Record<string, string | number | null>;
  before: string | null;
  after: string;
  actor: string;
  at: string;
  auditId: string;
  undone: boolean;
  undoneAt?: string;
  undoAuditId?: string;
}

/** "I applied it myself": what the engineer says was done, by hand, outside the app. */
export interface ManualApplyNote {
  note: string;
  actor: string;
  /** When it was done: the time the engineer gave (offline it may be before it was recorded). */
  at: string;
  /** Which of the playbook's fix options it was (lasting or stop-gap); absent in older sessions. */
  option?: string;
}

export interface RestartItem {
  server: string;
  /** ISO time it was ticked; null while not done. */
  at: string | null;
}

export type VerificationResult = 'pass' | 'fail' | 'watch';

/** The engine's judgement of the playbook's criteria (./outcome.ts), kept as the engineer last verified. */
export interface Verification {
  /** When the engineer last verified. */
  at: string;
  /** When the fix took effect (./fix.ts): only what happened after it counts. */
  since: string | null;
  result: VerificationResult;
  /** Each criterion as judged; absent in sessions saved before criteria. */
  criteria?: CriterionResult[];
  /** While not yet verified: the earliest time every watched criterion can pass, when time decides it. */
  until?: string | null;
  /** Minutes between re-checks while watching. */
  watchMinutes?: number;
  /** The budget recomputed from the facts read after the change. */
  budgetAfter: BudgetResult | null;
  summary: string;
}

export interface SessionEvent {
  at: string;
  type:
    | 'started'
    | 'fact'
    | 'probe'
    | 'probe-failed'
    | 'continued'
    | 'back'
    | 'goto'
    | 'skipped'
    | 'rederived'
    | 'plan-chosen'
    | 'applied'
    | 'undone'
    | 'applied-manually'
    | 'restart-ticked'
    | 'verified'
    | 'completed'
    | 'reopened'
    | 'attachment'
    /** The ticket or the customer changed after the start. */
    | 'details';
  /** Step id the event happened on. */
  step: string;
  /** One sentence a report can print. */
  summary: string;
}

/** Probe results kept whole by probe id, for the report and for "what did the probe actually say". */
export type KeptProbes = Partial<Record<ProbeKind, unknown>>;

/** A probe that could not read its facts: they stay unknown, with this reason, until typed in or read again. */
export interface ProbeFailure {
  reason: string;
  /** The error's code (connection_failed, timeout, ...), for the tone of the message. */
  code: string;
  at: string;
}

/**
 * A troubleshooting session: everything a report needs, saved after every change.
 * The raw state (facts, step states, records, events) is what the reducer changes; `diagnosis`,
 * `restart`, `verification` and `status` are re-derived from it after every change by `deriveSession`
 * and stored too, so a reader (the report) does not have to re-derive.
 */
export interface Session {
  schema: 1;
  id: string;
  playbookId: string;
  environment: EnvironmentSnapshot;
  offline: boolean;
  createdAt: string;
  updatedAt: string;
  /** Set when the engineer completes the session; null while open. */
  completedAt: string | null;
  status: SessionStatus;
  /** Index into the playbook's steps of the step on screen. */
  current: number;
  steps: Record<string, StepState>;
  /** Current value of every fact, engineer and probe facts first, derived facts recomputed. */
  facts: Fact[];
  /** The pasted error text that opened the session, if any. */
  pastedError: string | null;
  /** The ticket or case number the session works on (in lists, reports and file names); absent in older sessions. */
  ticket?: string | null;
  probes: KeptProbes;
  /** The connection budget before any change (null until servers and threads are known). */
  diagnosis: BudgetResult | null;
  /** The plan the engineer chose, and why. */
  plan: { id: string; reason: string; plan: Plan | null } | null;
  applies: ApplyRecord[];
  manualApplies: ManualApplyNote[];
  restart: RestartItem[];
  verification: Verification | null;
  events: SessionEvent[];
  /** Files the customer sent (screenshots, PDFs): what they are, never their bytes. Absent in older sessions. */
  attachments?: SessionAttachment[];
  /** Why Apply from the app is not offered any more (the database refused the write); absent while it is. */
  applyRefused?: { reason: string; at: string };
  /** Probes whose last run failed, by kind; cleared when the probe succeeds. Absent in older sessions. */
  probeFailures?: Partial<Record<ProbeKind, ProbeFailure>>;
  /** The database clock as the latest probe measured it (domain.md 4a); absent offline. */
  clock?: DbClock & { readAt: string };
  /** Where each kept probe result came from (database or import); absent in older sessions. */
  probeOrigins?: Partial<Record<ProbeKind, ResultOrigin>>;
  /** The engine's decision when the session was completed; absent while open and in older sessions. */
  outcome?: OutcomeDecision;
}

/** What the reducer accepts. Services add probe results and apply records through the same door. */
export type SessionAction =
  | { type: 'answer'; facts: Record<string, FactValue>; detail?: string }
  /** `origin`: where the result came from, said by whoever produced it (never guessed from its fields). */
  | { type: 'probe-result'; probe: ProbeKind; result: unknown; origin: ResultOrigin }
  | { type: 'probe-failed'; probe: ProbeKind; reason: string; code: string }
  | { type: 'continue' }
  /** After the probes ran by themselves: go on through every step they completed, up to the first that needs the engineer or the diagnosis. */
  | { type: 'advance' }
  | { type: 'back' }
  | { type: 'goto'; step: string }
  | { type: 'skip'; reason: string }
  | { type: 'choose-plan'; planId: string; reason: string }
  | { type: 'apply-recorded'; record: Omit<ApplyRecord, 'undone'> }
  /** The database refused the write (e.g. permission denied): the fix is applied by hand from now on. */
  | { type: 'apply-refused'; reason: string }
  | { type: 'undo-recorded'; auditId: string; undoAuditId: string; at: string }
  /** A file the customer sent, attached, removed or captioned (the bytes are the back end's). */
  | { type: 'attachment'; change: AttachmentChange }
  /** `at`: when it was done (default now, never in the future); `option`: which fix option it was. */
  | { type: 'applied-manually'; note: string; actor: string; at?: string; option?: string }
  | { type: 'tick'; server: string; done: boolean; at?: string }
  | { type: 'verify'; result?: VerificationResult; watchMinutes?: number }
  | { type: 'complete' }
  | { type: 'reopen' };
