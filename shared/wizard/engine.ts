import { changeAttachments } from '../attachments';
import { formatTime } from '../format-time';
import { contextOf, factMap, stepOfFact } from './context';
import { fixOptions, givenTime, restartOf } from './fix';
import { decideOutcome, OUTCOME_LABELS, verificationOf } from './outcome';
import { clockOf, probeEvent } from './probe-result';
import { sourceOfOrigin } from './provenance';
import { reachable } from './queries';
import type { Playbook, StepContext, StepDef } from './playbook';
import type { EnvironmentSnapshot, Fact, FactValue, RestartItem, Session, SessionAction, SessionEvent } from './session';
import { describeValue, ISO_TIME, labelOf } from './words';

/**
 * The session state machine. Pure: every function takes the session, the playbook and the time,
 * and returns a new session; the caller stores it. Every action leaves one or more events, and
 * after every action `deriveSession` recomputes derived facts, the diagnosis, the restart checklist
 * and the status, so what is stored is always consistent with the facts.
 */

/** A rule of the wizard the engineer broke (e.g. Continue with a fact missing): the message says what to do. */
export class WizardRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WizardRuleError';
  }
}

export interface NewSession {
  id: string;
  playbook: Playbook;
  environment: EnvironmentSnapshot;
  offline: boolean;
  now: string;
  pastedError?: string | null;
  ticket?: string | null;
}

export function createSession({ id, playbook, environment, offline, now, pastedError = null, ticket = null }: NewSession): Session {
  const session: Session = {
    schema: 1,
    id,
    playbookId: playbook.id,
    environment,
    offline,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    status: 'in-progress',
    current: 0,
    steps: Object.fromEntries(playbook.steps.map((s) => [s.id, { status: 'pending' as const }])),
    facts: [],
    pastedError,
    ticket,
    probes: {},
    diagnosis: null,
    plan: null,
    applies: [],
    manualApplies: [],
    restart: [],
    verification: null,
    events: [],
  };
  const where = `${offline ? 'offline (facts typed in)' : `on ${environment.name}`}${ticket ? ` for ${ticket}` : ''}`;
  const started = log(session, { at: now, type: 'started', step: playbook.steps[0]!.id, summary: `Started "${playbook.title}" ${where}.` });
  return deriveSession(started, playbook);
}

function log(session: Session, event: SessionEvent): Session {
  return { ...session, updatedAt: event.at, events: [...session.events, event] };
}

function sameValue(a: FactValue | undefined, b: FactValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Sets given (non-derived) facts. When a value actually changes, every later step that was done is
 * opened again: its answers may rest on the old value, and the derived facts after it are recomputed.
 */
/**
 * `summaryPrefix` null: the caller logs its own event (a probe says once what it read), so no
 * separate "facts" event is written; re-opened steps are still logged.
 */
function setFacts(session: Session, playbook: Playbook, incoming: Array<Omit<Fact, 'step'>>, now: string, summaryPrefix: string | null): Session {
  let facts = [...session.facts];
  let earliestChanged = Infinity;
  const changed: string[] = [];
  for (const fact of incoming) {
    const step = stepOfFact(playbook, fact.key);
    if (!step) throw new WizardRuleError(`This playbook has no fact named "${fact.key}".`);
    const def = step.facts.find((f) => f.key === fact.key);
    // A time is a time: "yesterday" cannot be put on a timeline or compared with a restart.
    if (
      def?.input === 'datetime' &&
      fact.value !== null &&
      (typeof fact.value !== 'string' || Number.isNaN(Date.parse(fact.value)) || !ISO_TIME.test(fact.value))
    ) {
      throw new WizardRuleError(`${def.label}: give a date and time (for example 2026-12-01 14:30), not "${describeValue(fact.value)}".`);
    }
    // A count is a number: "eleven" is refused before it reaches the session or its event log.
    if (def?.input === 'number' && fact.value !== null && (typeof fact.value !== 'number' || !Number.isFinite(fact.value) || fact.value < 0)) {
      throw new WizardRuleError(`${def.label}: give a number of 0 or more, not "${describeValue(fact.value)}".`);
    }
    const previous = facts.find((f) => f.key === fact.key);
    facts = facts.filter((f) => f.key !== fact.key);
    facts.push({ ...fact, step: step.id });
    if (!previous || !sameValue(previous.value, fact.value)) {
      changed.push(`${labelOf(playbook, fact.key)} = ${describeValue(fact.value)}`);
      earliestChanged = Math.min(earliestChanged, playbook.steps.indexOf(step));
    }
  }
  let next: Session = { ...session, facts };
  if (changed.length === 0) return next;
  if (summaryPrefix !== null) {
    next = log(next, {
      at: now,
      type: 'fact',
      step: playbook.steps[Math.min(earliestChanged, playbook.steps.length - 1)]!.id,
      summary: `${summaryPrefix}: ${changed.join('; ').replace(/\.$/, '')}.`,
    });
  }
  const reopened = playbook.steps.filter((s, i) => i > earliestChanged && next.steps[s.id]?.status === 'done');
  if (reopened.length > 0) {
    const steps = { ...next.steps };
    for (const s of reopened) steps[s.id] = { status: 'pending' };
    next = log(
      { ...next, steps },
      {
        at: now,
        type: 'rederived',
        step: playbook.steps[earliestChanged]!.id,
        summary: `Changed facts re-opened: ${reopened.map((s) => s.title).join(', ')}.`,
      },
    );
  }
  return next;
}

function currentStep(session: Session, playbook: Playbook): StepDef {
  return playbook.steps[Math.min(session.current, playbook.steps.length - 1)]!;
}

function findStepIndex(playbook: Playbook, id: string): number {
  const index = playbook.steps.findIndex((s) => s.id === id);
  if (index < 0) throw new WizardRuleError(`This playbook has no step "${id}".`);
  return index;
}

/** Applies one action. Throws WizardRuleError when the action is not allowed now. */
export function reduceSession(session: Session, action: SessionAction, playbook: Playbook, now: string): Session {
  if (session.completedAt && action.type !== 'reopen') {
    throw new WizardRuleError('This session is completed; reopen it to change it.');
  }
  const step = currentStep(session, playbook);
  let next: Session;
  switch (action.type) {
    case 'answer': {
      const incoming = Object.entries(action.facts).map(([key, value]) => ({
        key,
        value,
        source: 'engineer' as const,
        at: now,
        detail: action.detail ?? 'entered by the engineer',
      }));
      next = setFacts(session, playbook, incoming, now, 'Engineer gave');
      break;
    }
    case 'probe-result': {
      if (!playbook.probes?.[action.probe]) throw new WizardRuleError(`This playbook has no probe "${action.probe}".`);
      const facts = playbook.factsFromProbe?.(action.probe, action.result, session) ?? [];
      const kept = { ...session.probes, [action.probe]: action.result };
      const origins = { ...session.probeOrigins, [action.probe]: action.origin };
      const { [action.probe]: _cleared, ...probeFailures } = session.probeFailures ?? {};
      // Only a database has a clock; an imported file's times were read in the zone the engineer gave.
      const clock = (action.origin.kind === 'database' ? clockOf(action.result) : undefined) ?? session.clock;
      const source = sourceOfOrigin(action.origin);
      // An imported export says so in every fact made from it ("imported: <file>, 3,214 rows, 84 matching; ...").
      const imported = action.origin.kind === 'imported' ? action.origin.label : null;
      const sourced = facts.map((f) => ({ ...f, source, detail: imported ? (f.detail ? `${imported}; ${f.detail}` : imported) : f.detail }));
      next = setFacts(
        { ...session, probes: kept, probeOrigins: origins, probeFailures, ...(clock ? { clock } : {}) },
        playbook,
        sourced.map((f) => ({ ...f, at: f.at ?? now })),
        now,
        null,
      );
      next = log(next, { at: now, type: 'probe', step: step.id, summary: probeEvent(playbook.probes[action.probe]!.label, action.result, action.origin) });
      break;
    }
    case 'probe-failed': {
      // The facts stay unknown, with the reason where the step shows them; typing them in is the way on.
      const failure = { reason: action.reason, code: action.code, at: now };
      next = log(
        { ...session, probeFailures: { ...session.probeFailures, [action.probe]: failure } },
        {
          at: now,
          type: 'probe-failed',
          step: step.id,
          summary: `${playbook.probes?.[action.probe]?.label ?? action.probe}: could not read its facts: ${action.reason}`,
        },
      );
      break;
    }
    case 'continue': {
      const ctx = contextOf(session);
      const missing = step.check(ctx);
      if (missing) throw new WizardRuleError(missing);
      next = markDone(session, step, now);
      next = log(next, { at: now, type: 'continued', step: step.id, summary: `Completed "${step.title}".` });
      next = moveForward(next, playbook, session.current + 1, now);
      break;
    }
    case 'advance': {
      next = session;
      for (;;) {
        const here = currentStep(next, playbook);
        const index = playbook.steps.indexOf(here);
        // The diagnosis is where the engineer reads what the facts say; later steps change things.
        if (here.kind === 'diagnose' || index === playbook.steps.length - 1 || here.check(contextOf(next)) !== null) break;
        next = log(markDone(next, here, now), { at: now, type: 'continued', step: here.id, summary: `Completed "${here.title}" from what the probes read.` });
        next = moveForward(next, playbook, index + 1, now);
      }
      break;
    }
    case 'back': {
      if (session.current === 0) throw new WizardRuleError('This is the first step.');
      let target = session.current - 1;
      // Skip back over steps that were skipped because they did not apply.
      while (target > 0 && session.steps[playbook.steps[target]!.id]?.status === 'skipped') target--;
      next = log(
        { ...session, current: target },
        { at: now, type: 'back', step: playbook.steps[target]!.id, summary: `Went back to "${playbook.steps[target]!.title}".` },
      );
      break;
    }
    case 'goto': {
      const target = findStepIndex(playbook, action.step);
      if (!reachable(session, playbook, target)) {
        const firstOpen = playbook.steps.findIndex((s) => session.steps[s.id]?.status === 'pending');
        throw new WizardRuleError(`Finish "${playbook.steps[firstOpen]!.title}" first.`);
      }
      next = log({ ...session, current: target }, { at: now, type: 'goto', step: action.step, summary: `Opened "${playbook.steps[target]!.title}".` });
      break;
    }
    case 'skip': {
      const reason = action.reason.trim();
      if (!reason) throw new WizardRuleError('Say why you skip this step.');
      next = { ...session, steps: { ...session.steps, [step.id]: { status: 'skipped', skipReason: reason, completedAt: now } } };
      next = log(next, { at: now, type: 'skipped', step: step.id, summary: `Skipped "${step.title}": ${reason}` });
      next = moveForward(next, playbook, session.current + 1, now);
      break;
    }
    case 'choose-plan': {
      const plan = session.diagnosis?.plans.find((p) => p.id === action.planId) ?? null;
      if (!plan) throw new WizardRuleError('That plan is not one of the plans for the current facts.');
      const reason = action.reason.trim() || (session.diagnosis?.plans[0]?.id === plan.id ? 'The recommended plan.' : 'Chosen by the engineer.');
      next = log(
        { ...session, plan: { id: plan.id, reason, plan } },
        { at: now, type: 'plan-chosen', step: step.id, summary: `Chose plan "${plan.title}": ${reason}` },
      );
      break;
    }
    case 'apply-recorded': {
      next = log(
        { ...session, applies: [...session.applies, { ...action.record, undone: false }] },
        {
          at: action.record.at,
          type: 'applied',
          step: step.id,
          summary: `${action.record.actor} applied from the app: ${action.record.target} ${action.record.before ?? '(no row)'} -> ${action.record.after}.`,
        },
      );
      break;
    }
    case 'apply-refused': {
      next = log(
        { ...session, applyRefused: { reason: action.reason, at: now } },
        {
          at: now,
          type: 'applied',
          step: step.id,
          summary: `Apply from the app was refused by the database: ${action.reason} The change is to be made by hand and recorded.`,
        },
      );
      break;
    }
    case 'undo-recorded': {
      const record = session.applies.find((a) => a.auditId === action.auditId);
      if (!record) throw new WizardRuleError('No change with that id was applied in this session.');
      const applies = session.applies.map((a) =>
        a.auditId === action.auditId ? { ...a, undone: true, undoneAt: action.at, undoAuditId: action.undoAuditId } : a,
      );
      next = log(
        { ...session, applies },
        { at: action.at, type: 'undone', step: step.id, summary: `Undid the change: ${record.target} back to ${record.before ?? '(no row)'}.` },
      );
      break;
    }
    case 'applied-manually': {
      const note = action.note.trim();
      if (!note) throw new WizardRuleError('Describe what you changed.');
      const options = fixOptions(playbook, contextOf(session));
      const option = action.option ? options.find((o) => o.id === action.option) : options.length === 1 ? options[0] : undefined;
      if (action.option && !option) throw new WizardRuleError(`"${action.option}" is not one of the fixes for these facts.`);
      if (!option && options.length > 1) throw new WizardRuleError(`Say which fix was made: ${options.map((o) => o.label.replace(/\.$/, '')).join('; or ')}.`);
      const at = timeGiven(action.at, now);
      const kind = option && !option.lasting ? ' (stop-gap)' : '';
      next = log(
        { ...session, manualApplies: [...session.manualApplies, { note, actor: action.actor, at, ...(option ? { option: option.id } : {}) }] },
        {
          at: now,
          type: 'applied-manually',
          step: step.id,
          summary: `${action.actor} recorded a change made by hand${kind}${at !== now ? `, done at ${formatTime(at)}` : ''}: ${note}`,
        },
      );
      break;
    }
    case 'attachment': {
      next = changeAttachments(session, action.change, now, step.id);
      break;
    }
    case 'tick': {
      if (!session.restart.some((r) => r.server === action.server)) throw new WizardRuleError(`"${action.server}" is not on the restart checklist.`);
      const at = action.done ? timeGiven(action.at, now) : null;
      const restart: RestartItem[] = session.restart.map((r) => (r.server === action.server ? { server: r.server, at } : r));
      next = log(
        { ...session, restart },
        {
          at: now,
          type: 'restart-ticked',
          step: step.id,
          summary: at
            ? `${restartOf(playbook)?.service ?? 'Service'} restarted on ${action.server}${at !== now ? ` at ${formatTime(at)}` : ''}.`
            : `Restart of ${action.server} un-ticked.`,
        },
      );
      break;
    }
    case 'verify': {
      const verification = verificationOf(session, playbook, contextOf(session), now, action.watchMinutes);
      next = log({ ...session, verification }, { at: now, type: 'verified', step: step.id, summary: verification.summary });
      break;
    }
    case 'complete': {
      // The engine decides, from the playbook's declared criteria judged now: no playbook picks its own word.
      const outcome = decideOutcome(session, playbook, contextOf(session), now);
      // Completing early (the engineer stops here) is allowed; only the last step counts as done by it.
      const last = session.current === playbook.steps.length - 1;
      const steps = last ? { ...session.steps, [step.id]: { status: 'done' as const, completedAt: now } } : session.steps;
      // The report is what a completed session shows: a session finished early (not yet verified) opens on it.
      next = log(
        { ...session, completedAt: now, status: outcome.status, outcome, steps, current: playbook.steps.length - 1 },
        {
          at: now,
          type: 'completed',
          step: step.id,
          summary: `Session completed: ${OUTCOME_LABELS[outcome.status].toLowerCase()}. ${outcome.reason}`,
        },
      );
      return deriveSession(next, playbook);
    }
    case 'reopen': {
      if (!session.completedAt) throw new WizardRuleError('This session is still open.');
      const { outcome: _dropped, ...reopened } = session;
      next = log({ ...reopened, completedAt: null, status: 'in-progress' }, { at: now, type: 'reopened', step: step.id, summary: 'Session reopened.' });
      break;
    }
  }
  if (CHANGES_THE_FIX.has(action.type) && next.verification) {
    // A verification speaks of the fix as it was; after another change or restart it must be redone.
    next = log(
      { ...next, verification: null },
      { at: now, type: 'rederived', step: step.id, summary: 'The earlier verification no longer applies: verify again.' },
    );
  }
  return deriveSession(next, playbook);
}

/** Actions after which an earlier verification says nothing about the fix any more. */
const CHANGES_THE_FIX = new Set<SessionAction['type']>(['apply-recorded', 'undo-recorded', 'applied-manually', 'tick']);

/** A time the engineer gave for something done outside the app, checked (./fix.ts givenTime). */
function timeGiven(given: string | undefined, now: string): string {
  try {
    return givenTime(given, now);
  } catch (error) {
    throw new WizardRuleError(error instanceof Error ? error.message : String(error));
  }
}

function markDone(session: Session, step: StepDef, now: string): Session {
  return { ...session, steps: { ...session.steps, [step.id]: { status: 'done', completedAt: now } } };
}

/** Moves to `index`, skipping (with their reason) the steps that do not apply to these facts. */
function moveForward(session: Session, playbook: Playbook, index: number, now: string): Session {
  let next = session;
  let target = Math.min(index, playbook.steps.length - 1);
  while (target < playbook.steps.length - 1) {
    const candidate = playbook.steps[target]!;
    const reason = candidate.skipWhen?.(contextOf(next));
    if (!reason) break;
    next = { ...next, steps: { ...next.steps, [candidate.id]: { status: 'skipped', skipReason: reason, completedAt: now } } };
    next = log(next, { at: now, type: 'skipped', step: candidate.id, summary: `Skipped "${candidate.title}": ${reason}` });
    target++;
  }
  return { ...next, current: target };
}

/**
 * Recomputes everything that follows from the given facts: derived facts step by step (each step
 * sees the facts of the steps before it), the diagnosis, the chosen plan against the new plans,
 * the restart checklist (keeping ticks) and the verification's budget.
 */
export function deriveSession(session: Session, playbook: Playbook): Session {
  const given = session.facts.filter((f) => f.source !== 'derived');
  let facts: Fact[] = [...given];
  for (const step of playbook.steps) {
    if (!step.derive) continue;
    const ctx: StepContext = { facts: factMap(facts), session: { ...session, facts } };
    for (const d of step.derive(ctx)) {
      const previous = session.facts.find((f) => f.key === d.key && f.source === 'derived');
      const at = previous && sameValue(previous.value, d.value) ? previous.at : (d.at ?? session.updatedAt);
      facts = facts.filter((f) => f.key !== d.key);
      facts.push({ key: d.key, value: d.value, detail: d.detail, source: 'derived', at, step: step.id });
    }
  }
  let next: Session = { ...session, facts };
  const diagnosis = playbook.budget?.diagnosis(contextOf(next)) ?? null;
  next = { ...next, diagnosis };
  if (next.plan) {
    const plan = diagnosis?.plans.find((p) => p.id === next.plan!.id) ?? null;
    // Keep a plan that was acted on even when the facts moved on: the report must say what was done.
    const acted = next.applies.length > 0 || next.manualApplies.length > 0;
    next = { ...next, plan: plan || acted ? { ...next.plan, plan: plan ?? next.plan.plan } : null };
  }
  const servers = restartOf(playbook)?.servers(contextOf(next)) ?? [];
  next = { ...next, restart: servers.map((server) => ({ server, at: session.restart.find((r) => r.server === server)?.at ?? null })) };
  if (next.verification && playbook.budget) {
    next = { ...next, verification: { ...next.verification, budgetAfter: playbook.budget.diagnosisAfter(contextOf(next)) } };
  }
  return next;
}
