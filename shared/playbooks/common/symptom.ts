import { matchesAny, type Matcher } from '../../incidents/matcher';
import type { StepContext } from '../../wizard/playbook';
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
