import { text } from '../common/facts';
import { SEND_AS_MATCHERS, type SendAsVariant } from '../../incidents/send-as-matchers';
import type { ErrorsProbeResult } from '../../probes/types';
import type { StepContext } from '../../wizard/playbook';
import { formEvidence, pastedTexts, type ErrorForms, type FormEvidence } from '../common/error-forms';

/**
 * The Send As playbook's facts in typed form: the forms of the error found, the two addresses that
 * must agree (the mailbox the platform logs in as, and the From address of the emails), and where
 * each is set. Facts are plain JSON in the session; these readers are the one place that knows them.
 */

/** The probe ids this playbook uses (keys of its `probes`). */
export const PROBE = {
  errors: 'sendAsErrors',
  queue: 'sendAsQueue',
  errorsAfter: 'sendAsErrorsAfter',
  sentAfter: 'sendAsSentAfter',
} as const;

export const VARIANTS: readonly SendAsVariant[] = ['no-permission', 'send-as-denied', 'throttled'];

export const VARIANT_WORDS: Record<SendAsVariant, string> = {
  'no-permission': '5.7.60: the client does not have permissions to send as this sender',
  'send-as-denied': '554 5.2.252 SendAsDenied: the login mailbox is not allowed to send as the From address',
  throttled: '550 5.2.252: the mailbox is throttled after continuous Send As denials',
};

export const FORMS: ErrorForms<SendAsVariant> = {
  variants: VARIANTS,
  words: VARIANT_WORDS,
  matchers: SEND_AS_MATCHERS,
  errorsProbe: PROBE.errors,
  chosenFact: 'symptom.form',
  evidenceFact: 'symptom.evidence',
};

/** Where the engineer reads each setting (domain.md 4e). */
export const WHERE = {
  email: 'Service Center > Administration > Email',
  appFrom: "Service Studio > the module that sends it > the Send Email action's From property (or the value the app passes to it)",
  recipientPermission: 'Exchange admin center > Recipients > Mailboxes > the From mailbox > Delegation > Send As',
} as const;

export function evidence(ctx: StepContext): FormEvidence<SendAsVariant>[] {
  return formEvidence(FORMS, ctx);
}

export const ANSWERS = { yes: 'Yes', no: 'No', unknown: 'Not known' } as const;

/** An address as typed: trimmed, "not known" as null. */
export function address(ctx: StepContext, key: string): string | null {
  const value = text(ctx.facts, key);
  if (!value || /^(?:not\s+known|unknown|\?)$/i.test(value)) return null;
  return value;
}

const PAIR = /([^\s;:<>]+@[^\s;:<>]+)\s+not\s+allowed\s+to\s+send\s+as\s+([^\s;:<>]+@[^\s;:<>]+?)[.,]?(?=[\s;]|$)/i;

export interface AddressPair {
  login: string;
  from: string;
  /** Lines that name this pair. */
  count: number;
}

/**
 * The address pairs Exchange Online names in "554 5.2.252 SendAsDenied; X not allowed to send as Y"
 * (X the mailbox the platform logged in as, Y the From address), most frequent first.
 */
export function addressPairs(lines: readonly string[]): AddressPair[] {
  const pairs = new Map<string, AddressPair>();
  for (const line of lines) {
    const m = PAIR.exec(line);
    if (!m) continue;
    const key = `${m[1]!.toLowerCase()} ${m[2]!.toLowerCase()}`;
    const pair = pairs.get(key) ?? { login: m[1]!, from: m[2]!, count: 0 };
    pair.count += 1;
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((a, b) => b.count - a.count);
}

/**
 * The two addresses of the denial: from the pasted text first (what the engineer saw), else the most
 * frequent pair in the error log's sample messages; with where they were read.
 */
export function addressesInText(ctx: StepContext): (AddressPair & { where: string }) | null {
  const pasted = addressPairs(pastedTexts(ctx, FORMS.evidenceFact).flatMap((t) => t.split(/\r?\n/)))[0];
  if (pasted) return { ...pasted, where: 'from the pasted "… not allowed to send as …" line' };
  const logged = addressPairs(errorSamples(ctx))[0];
  return logged ? { ...logged, where: 'from the error log\'s "… not allowed to send as …" messages' } : null;
}

/** The sample messages of the error-log search the symptom step kept. */
export function errorSamples(ctx: StepContext): string[] {
  const result = ctx.session.probes[PROBE.errors] as ErrorsProbeResult | undefined;
  return (result?.samples ?? []).map((s) => s.message);
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
