import { z } from 'zod';
import { method } from '../define';
import type { Recognition } from '../../incidents/recognise';
import type { PlaybookSummary } from '../../wizard/view';

/** The playbook library: what is registered, and which playbook a pasted error belongs to. */
export const playbookMethods = {
  'playbooks.list': method(z.object({}).strict()).returns<PlaybookSummary[]>(),
  /**
   * "Paste an error", a line or a whole log excerpt: every playbook's matchers run on every line;
   * per playbook the matching lines (by variant) and the first one with the range to highlight, best
   * first, and a sentence; when none matches, the nearest known texts and what they mean.
   */
  'playbooks.recognise': method(z.object({ text: z.string().max(100_000) }).strict()).returns<Recognition & { playbooks: PlaybookSummary[] }>(),
};
