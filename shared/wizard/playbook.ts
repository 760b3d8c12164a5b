import type { BudgetResult, Plan } from '../capacity/types';
import type { Matcher } from '../incidents/matcher';
import type * as Probes from '../probes/types';
import type { SmtpCheckResult } from '../smtp-check/result';
import type { Criterion } from './criteria';
import type { Fact, FactMap, FactSource, FactValue, Session } from './session';

/**
 * The author's API: what a playbook declares (steps, the facts each gathers, the probes it reads,
 * its capabilities: the fix, verification, plans, apply). A playbook is data plus pure functions;
 * the engine (./engine.ts) is the only thing that changes a session.
 */

export type StepKind = 'confirm-symptom' | 'collect-facts' | 'diagnose' | 'choose-plan' | 'apply' | 'restart-checklist' | 'verify' | 'report';

/** A playbook's name for one reading of a registered probe (the keys of Playbook.probes). */
export type ProbeKind = string;

/** The probes the back end offers (electron/services/probes/registry.ts); a playbook uses them by name. */
/**
 * 'smtp-check' is the live check of the mail server: it needs what the engineer types for it (the
 * server, and a password for this check only), so it runs from its own form, never by itself.
 */
export const PROBE_NAMES = ['error-log', 'parameter', 'servers', 'email-queue', 'emails-sent', 'recipients', 'smtp-check'] as const satisfies ReadonlyArray<
  keyof ProbeParameters & keyof ProbeResults
>;

export type ProbeName = (typeof PROBE_NAMES)[number];

/** What each registered probe needs from the playbook that uses it, by probe name. */
export interface ProbeParameters {
  /** The errors to count (the playbook's matchers) and their name in sentences, singular. */
  'error-log': { matchers: readonly Matcher[]; errorName: string };
  /** The OSSYS_PARAMETER name read. */
  parameter: { parameter: string };
  servers: object;
  'email-queue': object;
  'emails-sent': object;
  recipients: object;
  'smtp-check': object;
}

/** What each registered probe returns, by probe name. */
export interface ProbeResults {
  'error-log': Probes.ErrorsProbeResult;
  parameter: Probes.ParameterProbeResult;
  servers: Probes.ServersProbeResult;
  'email-queue': Probes.EmailQueueProbeResult;
  'emails-sent': Probes.EmailsSentProbeResult;
  recipients: Probes.RecipientsProbeResult;
  'smtp-check': SmtpCheckResult;
}

export type ProbeResultOf<N extends ProbeName> = ProbeResults[N];

/** One reading a playbook makes with the registered probe `N`, its parameters, and how the page offers it. */
export type ProbeUseOf<N extends ProbeName> = {
  probe: N;
  /** The button, e.g. "Search the error log". */
  label: string;
  /** Reads only what happened since the fix took effect (the last restart, else the last change). */
  sinceFix?: boolean;
  /** The page offers a window of days (1 to 14) for it. */
  window?: boolean;
} & ProbeParameters[N];

/** One reading a playbook makes with a registered probe: a union by probe name, so each takes exactly its own parameters. */
export type ProbeUse = { [N in ProbeName]: ProbeUseOf<N> }[ProbeName];

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
  /**
   * Step ids of sessions saved before (old id to step id). Every playbook says 'plan' for choosing
   * a plan and 'fix' for making the fix; a saved session's old ids are upgraded as it is read.
   */
  legacyStepIds?: Record<string, string>;
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
  /** A connection budget computed from the facts, before and after the change, with its plans' exact steps. */
  budget?: BudgetCapability;
  report: PlaybookReport;
  /** Other environments that send through the same mailbox: offered, read and named, all three or none. */
  sharedMailbox?: SharedMailboxCapability;
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

/**
 * When the fix takes effect: once every server on the restart checklist is restarted (so a
 * playbook that says 'restart' names what is restarted, where), or as soon as the change is
 * recorded. The platform database hears of it then (the demo plays its part).
 */
export type FixCapability = {
  /** The ways the fix can be made for these facts; none declared means one lasting fix. */
  options?: (ctx: StepContext) => FixOption[];
} & ({ takesEffect: 'apply' } | { takesEffect: 'restart'; restart: RestartCapability });

/** What must be restarted for the fix to take effect, and on which servers (the restart checklist). */
export interface RestartCapability {
  service: string;
  servers: (ctx: StepContext) => string[];
}

/** A connection budget the playbook computes (the capacity engine), and what it means to change it. */
export interface BudgetCapability {
  /** The diagnosis and plans before the change (for the wizard and the report). */
  diagnosis: (ctx: StepContext) => BudgetResult | null;
  /** The same calculation with the facts read after the change. */
  diagnosisAfter: (ctx: StepContext) => BudgetResult | null;
  /** Exact steps of a plan: where to click and what to type, or the SQL. */
  planInstructions: (plan: Plan, ctx: StepContext) => PlanInstruction[];
}

/** Other environments on the same mailbox: which fact names it, how another is read, and what Continue says. */
export interface SharedMailboxCapability {
  /** The fact holding the sending mailbox, so saved environments on the same mailbox can be offered. */
  mailboxFact: string;
  /** Another sender on the mailbox, read with these probes from its own saved environment. */
  otherSender: {
    probes: ProbeKind[];
    row: (name: string, results: Partial<Record<ProbeKind, unknown>>) => { factKey: string; row: { [key: string]: FactValue } };
  };
  /**
   * Why Continue on this step is refused, with the saved environments that send through the same
   * mailbox named as candidates (the service knows the profiles, the playbook knows the step).
   */
  candidatesMessage: (stepId: string, candidates: string[]) => string | null;
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
