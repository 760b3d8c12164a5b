import type { Playbook, StepContext, StepDef } from './playbook';
import type { Fact, FactMap, Session } from './session';

/** The facts by key and the context a playbook's functions are given. */

export function factMap(facts: readonly Fact[]): FactMap {
  return Object.fromEntries(facts.map((f) => [f.key, f]));
}

export function contextOf(session: Session): StepContext {
  return { facts: factMap(session.facts), session };
}

/** The step that gathers a fact key, or undefined for a key no step declares. */
export function stepOfFact(playbook: Playbook, key: string): StepDef | undefined {
  return playbook.steps.find((s) => s.facts.some((f) => f.key === key));
}
