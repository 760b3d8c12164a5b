import { num, text } from './facts';
import { firstMatch, type Matcher } from '../../incidents/matcher';
import type { ErrorsProbeResult } from '../../probes/types';
import type { StepContext } from '../../wizard/playbook';

/**
 * The forms of a playbook's error the session knows of, wherever they came from: the error log's
 * count per form, the pasted text (one form per line, the first matcher that accepts it), and the
 * form the engineer chose. Playbooks that decide per form read their evidence through this.
 */

export interface FormEvidence<V extends string> {
  variant: V;
  /** Occurrences in the error log (0 when only pasted or chosen). */
  logged: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Lines of pasted text of this form. */
  pasted: number;
  /** The engineer chose this form. */
  chosen: boolean;
}

export interface ErrorForms<V extends string> {
  /** In priority order: the order the decision and the sentences list them. */
  variants: readonly V[];
  /** Each form in a few words, as the steps and the report say it (also the stored choice). */
  words: Record<V, string>;
  matchers: readonly Matcher[];
  /** The id of the probe whose error-log search the symptom step keeps. */
  errorsProbe: string;
  /** The fact holding the engineer's choice of form. */
  chosenFact: string;
  /** The fact holding the pasted evidence. */
  evidenceFact: string;
}

/** The pasted texts of the session: the engineer's evidence and the text that opened it (once). */
export function pastedTexts(ctx: StepContext, evidenceFact: string): string[] {
  const texts = [text(ctx.facts, evidenceFact), ctx.session.pastedError?.trim()].filter((t): t is string => Boolean(t));
  return [...new Set(texts)];
}

export function formEvidence<V extends string>(forms: ErrorForms<V>, ctx: StepContext): FormEvidence<V>[] {
  const isVariant = (v: unknown): v is V => typeof v === 'string' && (forms.variants as readonly string[]).includes(v);
  const byVariant = new Map<V, FormEvidence<V>>();
  const entry = (variant: V) => {
    let e = byVariant.get(variant);
    if (!e) byVariant.set(variant, (e = { variant, logged: 0, firstSeen: null, lastSeen: null, pasted: 0, chosen: false }));
    return e;
  };
  const logged = ctx.session.probes[forms.errorsProbe] as ErrorsProbeResult | undefined;
  for (const v of logged?.perVariant ?? []) {
    if (!isVariant(v.variant) || v.count <= 0) continue;
    Object.assign(entry(v.variant), { logged: v.count, firstSeen: v.firstSeen, lastSeen: v.lastSeen });
  }
  for (const line of pastedTexts(ctx, forms.evidenceFact).flatMap((t) => t.split(/\r?\n/))) {
    const variant = firstMatch(forms.matchers, line)?.variant;
    if (isVariant(variant)) entry(variant).pasted += 1;
  }
  const chosen = text(ctx.facts, forms.chosenFact);
  const chosenVariant = chosen ? (isVariant(chosen) ? chosen : forms.variants.find((v) => forms.words[v] === chosen)) : undefined;
  if (chosenVariant) entry(chosenVariant).chosen = true;
  return [...byVariant.values()].sort((a, b) => b.logged - a.logged || forms.variants.indexOf(a.variant) - forms.variants.indexOf(b.variant));
}

/** "5.7.60 ... (12 in the error log, 1 pasted line)" per form, for the derived fact of the symptom step. */
export function formsSentence<V extends string>(forms: ErrorForms<V>, evidence: readonly FormEvidence<V>[]): string | null {
  if (evidence.length === 0) return null;
  return evidence
    .map((e) => {
      const where = [
        e.logged ? `${e.logged} in the error log` : '',
        e.pasted ? `${e.pasted} pasted line${e.pasted === 1 ? '' : 's'}` : '',
        e.chosen ? 'chosen by the engineer' : '',
      ].filter(Boolean);
      return `${forms.words[e.variant]} (${where.join(', ')})`;
    })
    .join('; ');
}

/** The Continue check of a symptom step that decides per form. */
export function symptomCheck<V extends string>(forms: ErrorForms<V>, ctx: StepContext, name: string): string | null {
  if (formEvidence(forms, ctx).length > 0) return null;
  const count = num(ctx.facts, 'errors.count');
  if (count !== null && count > 0) return 'Say which form of the error it is: paste one line of it, or choose the form.';
  if (count === 0) return `No ${name} was found. Paste the error you saw, or search a longer window, before going on.`;
  if (pastedTexts(ctx, forms.evidenceFact).length) return `The pasted text is not a ${name} this playbook knows. Paste the exact error, or choose the form.`;
  return 'Search the error log, paste the error you saw, or choose its form.';
}

/** "Send As denied: 12, first 2026-12-01 08:00 UTC, last ..." per form found in the log. */
export function perVariantText(result: ErrorsProbeResult, utc: (iso: string | null) => string | null): string | null {
  const rows = result.perVariant ?? [];
  if (rows.length === 0) return null;
  return rows.map((v) => `${v.label}: ${v.count}, first ${utc(v.firstSeen)}, last ${utc(v.lastSeen)}`).join('; ');
}
