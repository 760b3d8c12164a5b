import type { Playbook } from '../wizard/types';
import { concurrencyPlaybook } from './concurrency';

/**
 * The playbooks the app knows. A registry rather than a constant so a host (or a test) can add
 * one: the wizard renders any playbook from its data, without code of its own.
 */
export interface PlaybookRegistry {
  list(): Playbook[];
  get(id: string): Playbook | undefined;
  /** Playbooks whose symptoms match the pasted text, best first. */
  recognise(text: string): Playbook[];
}

export const BUILT_IN_PLAYBOOKS: readonly Playbook[] = [concurrencyPlaybook];

export function createPlaybookRegistry(playbooks: readonly Playbook[] = BUILT_IN_PLAYBOOKS): PlaybookRegistry {
  const ids = new Set<string>();
  for (const p of playbooks) {
    if (ids.has(p.id)) throw new Error(`Two playbooks share the id "${p.id}"`);
    ids.add(p.id);
  }
  return {
    list: () => [...playbooks],
    get: (id) => playbooks.find((p) => p.id === id),
    recognise: (text) => (text.trim() ? playbooks.filter((p) => p.recognises(text)) : []),
  };
}

/** The answer to "paste an error", in words the page shows as they are. */
export function recognitionMessage(text: string, matches: Playbook[]): string {
  if (!text.trim()) return 'Paste the error text first.';
  if (matches.length === 0) return 'This text matches no playbook the app knows. Pick a playbook yourself, or check the full error in Service Center.';
  return `Recognised: ${matches.map((p) => p.title).join(', ')}.`;
}
