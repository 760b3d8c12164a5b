import type { FactMap, FactValue } from '../../wizard/session';

/** Reading the facts a playbook gathers, the same way in every playbook. */

/** A finite number, or null while the fact is unknown or not a number. */
export function num(facts: FactMap, key: string): number | null {
  const value = facts[key]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Text with its spaces trimmed, or null while the fact is unknown or empty. */
export function text(facts: FactMap, key: string): string | null {
  const value = facts[key]?.value;
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A row of a list fact (a server, a sender): an object, not a list or a plain value. */
export function isRecord(value: FactValue | undefined): value is { [key: string]: FactValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
