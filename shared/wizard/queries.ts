import { contextOf } from './context';
import type { ProbeKind, Playbook, StepDef } from './playbook';
import type { Session, SessionEvent } from './session';
import type { StepView } from './view';

/** Questions asked of a session without changing it: what the view and the sessions service read. */

/** Whether the engineer may open a step: any step up to the current one, or up to the first still to do. */
export function reachable(session: Session, playbook: Playbook, index: number): boolean {
  const firstOpen = playbook.steps.findIndex((s) => session.steps[s.id]?.status === 'pending');
  return index <= session.current || firstOpen < 0 || index <= firstOpen;
}

/**
 * A probe whose kept result was read before the latest change or restart: what it read may be out of
 * date, so the page reads it again when its step is opened.
 */
export function staleProbe(session: Session, probe: ProbeKind): boolean {
  if (session.offline || session.probeOrigins?.[probe]?.kind === 'imported') return false;
  const changedAt = [...session.applies.map((a) => a.at), ...session.manualApplies.map((m) => m.at), ...session.restart.map((r) => r.at)]
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const readAt = (session.probes[probe] as { readAt?: unknown } | undefined)?.readAt;
  return Boolean(changedAt) && typeof readAt === 'string' && readAt < changedAt!;
}

/** Every step as the wizard shows it. */
export function stepViews(session: Session, playbook: Playbook): StepView[] {
  const ctx = contextOf(session);
  return playbook.steps.map((def, index) => ({
    def,
    index,
    state: session.steps[def.id] ?? { status: 'pending' },
    facts: session.facts.filter((f) => f.step === def.id),
    guidance: def.guidance(ctx),
    missing: def.check(ctx),
  }));
}

/** Kinds of step from which on the session changes things: no probe of theirs runs by itself. */
const ACTING: ReadonlySet<StepDef['kind']> = new Set(['choose-plan', 'apply', 'restart-checklist', 'verify', 'report']);

/**
 * The read-only probes a new session on a saved environment runs by itself: those of the steps
 * before the first that changes anything, never one that reads "since the fix".
 */
export function startupProbes(playbook: Playbook): ProbeKind[] {
  const firstActing = playbook.steps.findIndex((s) => ACTING.has(s.kind));
  const before = firstActing < 0 ? playbook.steps : playbook.steps.slice(0, firstActing);
  return [...new Set(before.flatMap((s) => s.probes ?? []))].filter((id) => playbook.probes?.[id] && !playbook.probes[id]!.sinceFix);
}

/** The latest event: what the session list shows as "last change". */
export function lastChange(session: Session): SessionEvent {
  return session.events.at(-1) ?? { at: session.updatedAt, type: 'started', step: '', summary: 'Started.' };
}
