import { contextOf } from './context';
import { lastChange, reachable, staleProbe, stepViews } from './queries';
import { fixEffectiveAt, fixOptions, fixPending, restartOf } from './fix';
import { decideOutcome, OUTCOME_LABELS, type OutcomeDecision } from './outcome';
import type { ApplyOffer, FixOption, FactDef, PlanInstruction, Playbook, ProbeKind, StepDef, StepKind, Verdict } from './playbook';
import type { Fact, Session, SessionStatus, StepState } from './session';
import type { ErrorsProbeResult } from '../probes/types';

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

/**
 * What the wizard page receives: the session plus every step computed into plain data (guidance,
 * what is missing, exact plan steps). Functions stay in the back end, so the page can show any
 * registered playbook without code of its own.
 */
export interface StepInfo {
  id: string;
  kind: StepKind;
  title: string;
  guidance: string;
  facts: FactDef[];
  /** The probes this step can run, with the page's button label and whether it takes a window of days. */
  /** `probe`: the registered probe it uses (e.g. 'error-log', where an imported export can stand in). */
  /** `stale`: read before the latest change or restart, so read again when the step is opened. */
  probes: Array<{ id: ProbeKind; label: string; window: boolean; probe?: string; stale: boolean }>;
  /** Exact things to do at this step, when the playbook gives them. */
  instructions: PlanInstruction[];
  state: StepState;
  /** null when the step is complete, else what is missing, in words. */
  missing: string | null;
  /** Whether the engineer may open it now (the engine's rule, so the page does not copy it). */
  reachable: boolean;
}

export interface SessionView {
  session: Session;
  playbook: PlaybookSummary;
  steps: StepInfo[];
  /** Exact steps of each plan the diagnosis offers, by plan id. */
  planInstructions: Record<string, PlanInstruction[]>;
  /** What the app itself can apply for the chosen plan, or why it cannot. */
  applyFromApp: ApplyOffer | { unavailable: string } | null;
  /**
   * Other saved environments whose profile names the same sending mailbox: they share its
   * connection limit, so the mailbox step offers them as other senders. Filled by the session
   * service (it knows the profiles); absent when none or offline without profiles.
   */
  sameMailbox?: Array<{ profileId: string; name: string; mailbox: string }>;
  /** When the environment's temporary database user stops working (ISO), when it has one. */
  databaseUserExpiresAt?: string;
  /** The fix as the engine sees it: the ways it can be recorded, and when it took effect. */
  fix: { options: FixOption[]; effectiveAt: string | null; pending: string | null };
  /** What completing the session now would decide (the stored decision once completed). */
  outcome: OutcomeDecision;
  /** The diagnosis banner, when the playbook words one; null before the facts allow it. */
  verdict: Verdict | null;
  /** Each form of the error the search found (or the import counted), most first: the diagnosis's per-form table. */
  forms: Array<{ label: string; count: number; firstSeen: string; lastSeen: string }>;
}

export interface PlaybookSummary {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ id: string; kind: StepKind; title: string }>;
  /** What the restart checklist restarts, e.g. a Windows service; null when the playbook needs none. */
  restartService: string | null;
  /** Whether the diagnosis is a connection budget the Diagnosis step draws. */
  computesBudget: boolean;
  /** The outcomes in words, for badges and lists (the same for every playbook). */
  outcomeWords: Record<SessionStatus, string>;
}

/** One line of the Troubleshoot page's session list. */
export interface SessionSummary {
  id: string;
  ticket: string | null;
  customer: string | null;
  playbookId: string;
  playbookTitle: string;
  environment: string;
  offline: boolean;
  status: Session['status'];
  /** Title of the step on screen. */
  step: string;
  lastChange: { at: string; summary: string };
  createdAt: string;
}

export function playbookSummary(playbook: Playbook): PlaybookSummary {
  return {
    id: playbook.id,
    title: playbook.title,
    summary: playbook.summary,
    steps: playbook.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title })),
    restartService: restartOf(playbook)?.service ?? null,
    computesBudget: Boolean(playbook.budget),
    outcomeWords: OUTCOME_LABELS,
  };
}

export function sessionView(session: Session, playbook: Playbook): SessionView {
  const ctx = contextOf(session);
  const steps = stepViews(session, playbook).map((v) => ({
    id: v.def.id,
    kind: v.def.kind,
    title: v.def.title,
    guidance: v.guidance,
    facts: v.def.facts,
    probes: (v.def.probes ?? []).map((id) => ({
      id,
      label: playbook.probes?.[id]?.label ?? id,
      window: playbook.probes?.[id]?.window === true,
      probe: playbook.probes?.[id]?.probe,
      stale: staleProbe(session, id),
    })),
    instructions: v.def.instructions?.(ctx) ?? [],
    state: v.state,
    missing: v.missing,
    reachable: reachable(session, playbook, v.index),
  }));
  const planInstructions = Object.fromEntries((session.diagnosis?.plans ?? []).map((p) => [p.id, playbook.budget?.planInstructions(p, ctx) ?? []]));
  const now = new Date().toISOString();
  return {
    session,
    playbook: playbookSummary(playbook),
    steps,
    planInstructions,
    applyFromApp: playbook.applyFromApp?.(ctx) ?? null,
    fix: { options: fixOptions(playbook, ctx), effectiveAt: fixEffectiveAt(session, playbook), pending: fixPending(session, playbook) },
    outcome: session.outcome ?? decideOutcome(session, playbook, ctx, now),
    verdict: playbook.verdict?.(ctx) ?? null,
    forms: formsOf(session, playbook),
  };
}

/** The forms of the error in the first error-log reading that counted them (read or imported). */
function formsOf(session: Session, playbook: Playbook): SessionView['forms'] {
  const id = Object.entries(playbook.probes ?? {}).find(([, use]) => use.probe === 'error-log' && !use.sinceFix)?.[0];
  const kept = id ? (session.probes[id] as Partial<ErrorsProbeResult> | undefined) : undefined;
  return (kept?.perVariant ?? []).map((v) => ({ label: v.label, count: v.count, firstSeen: v.firstSeen, lastSeen: v.lastSeen }));
}

export function sessionSummary(session: Session, playbook: Playbook | undefined): SessionSummary {
  const last = lastChange(session);
  return {
    id: session.id,
    ticket: session.ticket ?? null,
    customer: session.environment.customer,
    playbookId: session.playbookId,
    playbookTitle: playbook?.title ?? session.playbookId,
    environment: session.environment.name,
    offline: session.offline,
    status: session.status,
    step: playbook?.steps[session.current]?.title ?? '',
    lastChange: { at: last.at, summary: last.summary },
    createdAt: session.createdAt,
  };
}
