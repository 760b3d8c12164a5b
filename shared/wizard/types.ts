import type { AttachmentChange, SessionAttachment } from '../attachments';
import type { BudgetResult, Plan } from '../capacity/types';
import type { Matcher } from '../incidents/matcher';
import type { DbClock } from '../probes/types';
import type { Criterion, CriterionResult } from './criteria';
import type { OutcomeDecision } from './outcome';
import type { ResultOrigin } from './provenance';

/**
 * Playbooks and troubleshooting sessions. A playbook is data plus pure functions; a session is the
 * state one engineer builds while walking it. The reducer in ./engine.ts is the only thing that
 * changes a session, and every change leaves a timestamped event, so the resolution report can tell
 * what happened in which order.
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

export type StepKind = 'confirm-symptom' | 'collect-facts' | 'diagnose' | 'choose-plan' | 'apply' | 'restart-checklist' | 'verify' | 'report';

/** A playbook's name for one reading of a registered probe (the keys of Playbook.probes). */
export type ProbeKind = string;

/** The probes the back end offers (electron/services/probes/registry.ts); a playbook uses them by name. */
/**
 * 'smtp-check' is the live check of the mail server: it needs what the engineer types for it (the
 * server, and a password for this check only), so it runs from its own form, never by itself.
 */
export const PROBE_NAMES = ['error-log', 'parameter', 'servers', 'email-queue', 'emails-sent', 'recipients', 'smtp-check'] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

/** One reading a playbook makes with a registered probe, and how the page offers it. */
export interface ProbeUse {
  probe: ProbeName;
  /** The button, e.g. "Search the error log". */
  label: string;
  /** Error-log search: the errors to count (the playbook's matchers) and their name in sentences. */
  matchers?: readonly Matcher[];
  errorName?: string;
  /** Parameter probe: the OSSYS_PARAMETER name read. */
  parameter?: string;
  /** Reads only what happened since the fix took effect (the last restart, else the last change). */
  sinceFix?: boolean;
  /** The page offers a window of days (1 to 14) for it. */
  window?: boolean;
}

/** A fact a step gathers, and how the engineer can give it when no probe can. */
export interface FactDef {
  key: string;
  label: string;
  /** Sources this fact may come from; the first is preferred. */
  sources: FactSource[];
  /** How the wizard asks for it when typed in. */
  input?: 'number' | 'text' | 'textarea' | 'yes-no' | 'servers' | 'host-threads' | 'senders' | 'choice' | 'datetime';
  /** For input 'choice'. */
  choices?: Array<{ value: string; label: string }>;
  /** For input 'senders': the whole-number fields of each row besides its name (default: servers and threads). */
  columns?: Array<{ key: string; label: string }>;
  hint?: string;
  optional?: boolean;
  /** The step already shows it otherwise (e.g. the diagnosis banner): not listed again; kept for the report. */
  shownAbove?: boolean;
  /**
   * While unknown, its editor starts from this other fact's value (e.g. the servers before the fix),
   * unsaved: the engineer confirms or corrects it; it is never taken as an answer by itself.
   */
  prefillFrom?: string;
}

/** What a step shows and needs, computed from the facts so far. */
export interface StepContext {
  facts: FactMap;
  session: Session;
}

export interface StepDef {
  id: string;
  kind: StepKind;
  title: string;
  /** Guidance in our own words; may depend on the facts (e.g. name the servers to restart). */
  guidance: (ctx: StepContext) => string;
  facts: FactDef[];
  /** Probes that fill this step's facts on a saved connection (ids of Playbook.probes). */
  probes?: ProbeKind[];
  /** Exact things to do at this step (e.g. a fix a customer's admin follows), shown and reported. */
  instructions?: (ctx: StepContext) => PlanInstruction[];
  /** Facts computed from earlier ones; re-run whenever anything changes. */
  derive?: (ctx: StepContext) => Array<Omit<Fact, 'at' | 'step' | 'source'> & { at?: string }>;
  /**
   * When the step is complete: null when it is, else the sentence telling the engineer what is
   * missing (shown when Continue is refused).
   */
  check: (ctx: StepContext) => string | null;
  /**
   * When the step does not apply (e.g. no plan is needed because the farm is within the limit):
   * the reason, and the step is skipped with it when the engineer continues past it.
   */
  skipWhen?: (ctx: StepContext) => string | null;
}

/** How the resolution report speaks of a playbook's incident. */
export interface PlaybookReport {
  /** e.g. "Email connection limit (… ) on PRD". */
  title: (environment: string) => string;
  /** The error as the report names it, e.g. '"… Concurrent connections limit exceeded"'. */
  errorName: string;
  /** The probe whose result is the report's symptom evidence. */
  symptomProbe?: ProbeKind;
  /** The guidance the report cites. */
  references: Array<{ title: string; url: string | null }>;
  /**
   * What happened, in two or three sentences a customer reads, for a playbook without a connection
   * budget (the report then adds how the check after the fix went).
   */
  summary?: (ctx: StepContext) => string;
}

export interface Playbook {
  id: string;
  title: string;
  summary: string;
  /** How pasted texts and log lines are recognised; each matcher carries the examples it must (not) match. */
  matchers: readonly Matcher[];
  steps: StepDef[];
  /** The probes its steps name, by the id the steps use. */
  probes?: Record<ProbeKind, ProbeUse>;
  /** Probe results kept under other names by sessions saved before (old name to probe id). */
  legacyProbeKeys?: Record<string, ProbeKind>;
  /** Turns a probe result into facts of the given step (their source is set by the engine from where the result came). */
  factsFromProbe?: (probe: ProbeKind, result: unknown, session: Session) => Array<Omit<Fact, 'step' | 'at' | 'source'> & { at?: string }>;
  /** The fix: when it takes effect, and the ways it can be made, each lasting or a stop-gap. */
  fix: FixCapability;
  /** What must hold after the fix, as data: the engine judges it and decides the outcome. */
  verification: VerificationCapability;
  /**
   * When the facts show that nothing needs changing (e.g. within the limit, another cause), the
   * reason in the customer's words; a session completed without a fix then ends "no change needed".
   */
  noChangeNeeded?: (ctx: StepContext) => string | null;
  /** The diagnosis in one banner (what the facts say, how bad), for a playbook without a connection budget. */
  verdict?: (ctx: StepContext) => Verdict | null;
  /** The diagnosis and plans before the change, when the playbook computes one (for the report). */
  diagnosis?: (ctx: StepContext) => BudgetResult | null;
  /** The same calculation with the facts read after the change. */
  diagnosisAfter?: (ctx: StepContext) => BudgetResult | null;
  /** What must be restarted for the fix to take effect, and on which servers (the restart checklist). */
  restart?: { service: string; servers: (ctx: StepContext) => string[] };
  report: PlaybookReport;
  /**
   * Why Continue on this step is refused, with the saved environments that send through the same
   * mailbox named as candidates (the service knows the profiles, the playbook knows the step).
   */
  candidatesMessage?: (stepId: string, candidates: string[]) => string | null;
  /** The fact holding the sending mailbox, so saved environments on the same mailbox can be offered. */
  mailboxFact?: string;
  /** Another sender on the mailbox, read with these probes from its own saved environment. */
  otherSender?: {
    probes: ProbeKind[];
    row: (name: string, results: Partial<Record<ProbeKind, unknown>>) => { factKey: string; row: { [key: string]: FactValue } };
  };
  /** Exact steps of a plan: where to click and what to type, or the SQL. */
  planInstructions?: (plan: Plan, ctx: StepContext) => PlanInstruction[];
  /** What the app can write itself for the chosen plan (a parameter's global row), or why it cannot. */
  applyFromApp?: (ctx: StepContext) => ApplyOffer | { unavailable: string };
}

/** A diagnosis in one banner: `problem` explains the error, `unclear` needs more facts or checks. */
export interface Verdict {
  tone: 'problem' | 'unclear';
  /** A few words, e.g. "Over the daily recipient quota". */
  headline: string;
  text: string;
}

/** One way to make the fix, as the engineer records it. */
export interface FixOption {
  id: string;
  /** What is done, in the customer's words, e.g. "Move the platform's SMTP to OAuth 2.0". */
  label: string;
  /** false for a stop-gap: it gets email flowing, the lasting fix stays open as a follow-up. */
  lasting: boolean;
  /** Who makes it, e.g. "The customer's Microsoft 365 admin". */
  owner?: string;
}

export interface FixCapability {
  /**
   * When the fix takes effect: once every server on the restart checklist is restarted, or as soon
   * as the change is recorded. The platform database hears of it then (the demo plays its part).
   */
  takesEffect: 'restart' | 'apply';
  /** The ways the fix can be made for these facts; none declared means one lasting fix. */
  options?: (ctx: StepContext) => FixOption[];
}

export interface VerificationCapability {
  /** The probes "Verify now" runs itself on a saved connection before judging, in order. */
  probes: ProbeKind[];
  /** Minutes between re-checks while the verification waits. */
  watchMinutes: number;
  /** What must hold after the fix, for these facts. */
  criteria: (ctx: StepContext) => Criterion[];
}

/** A write the app offers: one platform parameter's global row, compare-and-set, undoable. */
export interface ApplyOffer {
  parameter: string;
  /** Where it changes, in words, e.g. "the global row of <parameter>". */
  target: string;
  /** The stored value the engineer saw; Apply is refused when it changed. */
  expected: string | null;
  newValue: number;
  /** Allowed values, checked again where the write happens. */
  min: number;
  max: number;
  description: string;
}

/** One thing to do for a plan: in words, and the SQL when it can be done in the database. */
export interface PlanInstruction {
  text: string;
  /** Menu path, e.g. "Factory Configuration > Platform Configurations". */
  where?: string;
  sql?: string;
  /** A command to run elsewhere, e.g. PowerShell for an Exchange Online admin. */
  code?: { language: string; text: string };
  /** Said to the app's user only (e.g. where to record the fix): shown in the wizard, never in the customer's report. */
  forEngineer?: boolean;
}

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

/** A step as the wizard shows it: definition, state, its facts and whether it may continue. */
export interface StepView {
  def: StepDef;
  index: number;
  state: StepState;
  facts: Fact[];
  guidance: string;
  /** null when complete, else what is missing. */
  missing: string | null;
}
