import { matchesAny, type Matcher } from '../../incidents/matcher';
import type { FactDef, StepContext } from '../../wizard/playbook';
import { pastedTexts } from './error-forms';
import type { NewFact } from './probe-facts';

/** The fact the symptom step keeps the engineer's pasted error or screenshot note in. */
const EVIDENCE = 'symptom.evidence';

/** Whether what was pasted (at the symptom step, or when the session started) is this playbook's error. */
export function pastedIsError(ctx: StepContext, matchers: readonly Matcher[]): boolean {
  const evidence = pastedTexts(ctx, EVIDENCE).join('\n');
  return evidence !== '' && matchesAny(matchers, evidence);
}

/** 'symptom.recognised' once anything was pasted: whether the playbook's matchers accept it. */
export function recognisedFacts(ctx: StepContext, matchers: readonly Matcher[]): NewFact[] {
  if (pastedTexts(ctx, EVIDENCE).length === 0) return [];
  return [{ key: 'symptom.recognised', value: pastedIsError(ctx, matchers), detail: 'from the pasted text' }];
}

/**
 * The facts of the symptom step of an error known by its forms, in the order every such playbook
 * shows them: the count (`countLabel`), the count per form, `extra` facts of the playbook's own,
 * first and last seen, per server, the email queue, the pasted text, the form chosen by hand
 * (`forms`, their words) and the forms found.
 */
export function formSymptomFacts(countLabel: string, forms: readonly string[], extra: FactDef[] = []): FactDef[] {
  return [
    { key: 'errors.count', label: countLabel, sources: ['probe', 'engineer'], input: 'number', hint: 'How many the error log shows' },
    { key: 'errors.perVariant', label: 'Per form of the error', sources: ['probe'], optional: true },
    ...extra,
    { key: 'errors.firstSeen', label: 'First seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
    { key: 'errors.lastSeen', label: 'Last seen', sources: ['probe', 'engineer'], input: 'datetime', optional: true },
    { key: 'errors.perServer', label: 'Per server', sources: ['probe', 'engineer'], input: 'text', optional: true },
    { key: 'queue.summary', label: 'Email queue', sources: ['probe'], optional: true },
    { key: EVIDENCE, label: 'Pasted error or screenshot note', sources: ['engineer'], input: 'textarea', optional: true },
    {
      key: 'symptom.form',
      label: 'Form of the error (when not pasted)',
      sources: ['engineer'],
      input: 'choice',
      choices: forms.map((words) => ({ value: words, label: words })),
      optional: true,
    },
    { key: 'symptom.forms', label: 'Forms of the error', sources: ['derived'], optional: true },
  ];
}
