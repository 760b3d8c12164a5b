import { matchesAny } from '../incidents/matcher';
import { recogniseText, type Recognition } from '../incidents/recognise';
import type { Playbook } from '../wizard/playbook';
import { concurrencyPlaybook } from './concurrency';
import { quotaPlaybook } from './quota';
import { sendAsPlaybook } from './send-as';
import { smtpAuthPlaybook } from './smtp-auth';
import { smtpConnectionPlaybook } from './smtp-connection';

/**
 * The playbooks the app knows. A registry rather than a constant so a host (or a test) can add
 * one: the wizard renders any playbook from its data, without code of its own. Adding a playbook
 * is its folder and one line in BUILT_IN_PLAYBOOKS.
 */
export interface PlaybookRegistry {
  list(): Playbook[];
  get(id: string): Playbook | undefined;
  /** Playbooks whose matchers accept the pasted text, best first. */
  recognise(text: string): Playbook[];
  /** "Paste an error": per playbook, how many lines matched and the first one, best first; or the nearest known texts. */
  recogniseText(text: string): Recognition;
}

export const BUILT_IN_PLAYBOOKS: readonly Playbook[] = [concurrencyPlaybook, smtpAuthPlaybook, quotaPlaybook, sendAsPlaybook, smtpConnectionPlaybook];

export function createPlaybookRegistry(playbooks: readonly Playbook[] = BUILT_IN_PLAYBOOKS): PlaybookRegistry {
  const ids = new Set<string>();
  for (const p of playbooks) {
    if (ids.has(p.id)) throw new Error(`Two playbooks share the id "${p.id}"`);
    ids.add(p.id);
  }
  const detailed = (text: string) =>
    recogniseText(
      text,
      playbooks.map((p) => ({ id: p.id, title: p.title, matchers: p.matchers })),
    );
  return {
    list: () => [...playbooks],
    get: (id) => playbooks.find((p) => p.id === id),
    recognise: (text) => {
      if (!text.trim()) return [];
      // Best first: the order of the line-by-line recognition, then any playbook matching the text as a whole.
      const byLines = detailed(text).results.map((r) => playbooks.find((p) => p.id === r.id)!);
      return [...byLines, ...playbooks.filter((p) => !byLines.includes(p) && matchesAny(p.matchers, text))];
    },
    recogniseText: detailed,
  };
}
