import { text } from '../common/facts';
import type { SendAsVariant } from '../../incidents/send-as-matchers';
import type { Criterion } from '../../wizard/criteria';
import type { FixOption, StepContext, Verdict } from '../../wizard/playbook';

import { address, addressesInText, evidence, sameAddress, VARIANT_WORDS, WHERE } from './facts';
import { EMAIL_SENT_SINCE_FIX, noErrorSinceFix } from '../common/criteria';

/**
 * The decision rule (domain.md 4e): Exchange Online lets the mailbox the platform logs in as send
 * only as itself, unless it holds Send As on the From address. So either the From address becomes
 * the login mailbox (the default sender in Service Center, or the From an app sets), or the
 * customer's admin grants Send As. Both last; there is no stop-gap. When the denials went on, the
 * mailbox is throttled for a while: every email fails then, correct ones too. Pure.
 */

export type Route =
  /** The login mailbox and the default sender differ: align them or grant Send As. */
  | 'align'
  /** The default sender is the login mailbox, but an app sets another From address. */
  | 'app-from'
  /** The addresses look the same: an alias, or a From set somewhere nobody named yet. */
  | 'same-address'
  /** The login mailbox or the default sender is not known yet. */
  | 'addresses-unknown'
  /** No form of the error is known yet. */
  | 'unknown';

export interface Decision {
  variants: SendAsVariant[];
  route: Route;
  /** What Exchange Online answered, in words. */
  cause: string;
  /** One or two sentences: what to do, in order. */
  verdict: string;
  /** The fix that lasts, in the customer's words. */
  lasting: string;
  /** Granting Send As instead, for the customer's admin. */
  grant: string;
  /** The throttling and the emails queued meanwhile, when the mailbox is throttled; else null. */
  throttling: string | null;
  unknowns: string[];
  login: string | null;
  from: string | null;
}

/** What happens to the emails that failed meanwhile (domain.md 4e: Scheduler.EmailBackoffMaxDays). */
export const QUEUE_SENTENCE =
  'The platform retries failed emails with growing intervals for Scheduler.EmailBackoffMaxDays (2 days by default): the emails queued meanwhile go out on their next retry once the From address is allowed and the throttling has lifted; those older than that limit are not sent again by themselves.';

export function decide(ctx: StepContext): Decision {
  const variants = evidence(ctx).map((e) => e.variant);
  const fromText = addressesInText(ctx);
  const login = address(ctx, 'smtp.user') ?? fromText?.login ?? null;
  const defaultSender = address(ctx, 'sender.default');
  const refused = fromText?.from ?? null;
  const appSets = text(ctx.facts, 'sender.app')?.toLowerCase() === 'yes';
  const appFrom = address(ctx, 'sender.appAddress');
  const loginWords = login ?? 'the login mailbox';
  const throttled = variants.includes('throttled');
  const unknowns: string[] = [];

  const cause = variants.length
    ? `Exchange Online answered: ${variants.map((v) => VARIANT_WORDS[v]).join('; ')}.`
    : 'Not known yet: no form of the error was found in the error log, pasted or chosen.';
  const throttling = throttled
    ? `Exchange Online has throttled ${loginWords} after continuous Send As denials: while it lasts every email from it fails, correct ones too, and each new denial keeps it going, so the From address is fixed first. Microsoft publishes no duration; it lifts some time after the denials stop. ${QUEUE_SENTENCE}`
    : null;

  // The From address the decision is about: the one Exchange Online refused, else the one an app sets, else the default sender.
  const otherFrom = [refused, appFrom, defaultSender].find((a): a is string => Boolean(a) && !(login && sameAddress(a!, login))) ?? null;
  const from = otherFrom ?? refused ?? appFrom ?? defaultSender;
  const grant = `Grant ${loginWords} Send As on ${from ?? 'the From address'} (Add-RecipientPermission), so it may send as that address.`;

  let route: Route;
  let verdict: string;
  let lasting: string;
  if (variants.length === 0) {
    route = 'unknown';
    verdict = 'The form of the error is not known: search the error log, paste the error, or choose the form in step "Symptom".';
    lasting = 'Not known until the form of the error is.';
  } else if (!login || (!defaultSender && !refused && !appFrom)) {
    route = 'addresses-unknown';
    if (!login) unknowns.push(`The mailbox the platform logs in as (the user name in ${WHERE.email}).`);
    if (!defaultSender && !refused) unknowns.push(`The default sender (${WHERE.email}), or the From address Exchange Online refused.`);
    verdict = `Exchange Online refused the From address of the emails for the mailbox the platform logs in as. Name both (${WHERE.email}, or the pasted "… not allowed to send as …" line): the fix is to make them the same, or to grant Send As.`;
    lasting = `The From address of the emails set to the login mailbox, or Send As granted to it on the From address.`;
  } else if (defaultSender && !sameAddress(defaultSender, login)) {
    route = 'align';
    verdict = `The platform logs in as ${login} but sends as ${defaultSender}, the default sender in ${WHERE.email}: Exchange Online lets a mailbox send only as itself. Set the default sender to ${login}, or have the Microsoft 365 admin grant ${login} Send As on ${defaultSender}.`;
    lasting = `The default sender in ${WHERE.email} set to ${login}, the mailbox the platform logs in as (or Send As granted on ${defaultSender}).`;
  } else if (otherFrom || appSets) {
    route = 'app-from';
    const which = otherFrom ?? 'its own From address';
    verdict = `The default sender is the login mailbox ${login}, but an application sends with ${which}: Exchange Online refuses it. Change that application's From to ${login} (${WHERE.appFrom}), or have the Microsoft 365 admin grant ${login} Send As on ${otherFrom ?? 'that address'}.`;
    lasting = `The application's From address set to ${login}, or Send As granted to ${login} on ${otherFrom ?? 'that address'}.`;
    if (!otherFrom) unknowns.push('The From address the application sets: the "… not allowed to send as …" line names it, or the module that sends it.');
  } else {
    route = 'same-address';
    verdict = `The default sender and the login mailbox are both ${login}, yet Exchange Online refuses the From address. Check that ${login} is the mailbox's primary address and not an alias or another user name, and whether an application sets its own From (${WHERE.appFrom}): the "… not allowed to send as …" line in the error names both addresses.`;
    lasting = `The From address and the login mailbox made the same address (the mailbox's primary address), or Send As granted.`;
    unknowns.push('Which From address Exchange Online refused: paste a "554 5.2.252 SendAsDenied; … not allowed to send as …" line, which names it.');
  }
  if (throttled && route !== 'unknown') verdict += ' The mailbox is throttled as well: until it lifts, every email fails, correct ones too.';
  if (text(ctx.facts, 'sender.app') === null && route !== 'unknown' && route !== 'app-from')
    unknowns.push('Whether an application sets its own From address: the default sender does not cover those emails.');

  return { variants, route, cause, verdict, lasting, grant, throttling, unknowns, login, from };
}

/** What must hold after the fix: no denial since it was recorded, and an email sent since (without traffic, "no error" proves nothing). */
export function criteria(): Criterion[] {
  return [noErrorSinceFix('Send As denial'), EMAIL_SENT_SINCE_FIX];
}

const ADMIN = "The customer's Microsoft 365 admin";

/** Both ways out last: the From address aligned, or Send As granted. */
export function fixOptionsOf(ctx: StepContext): FixOption[] {
  const d = decide(ctx);
  return [
    { id: 'align', label: d.lasting, lasting: true, owner: 'The OutSystems platform team' },
    { id: 'grant', label: d.grant, lasting: true, owner: ADMIN },
  ];
}

/** The diagnosis in one banner: unclear while the addresses do not tell which From address to change. */
export function verdictOf(ctx: StepContext): Verdict | null {
  const d = decide(ctx);
  if (d.route === 'unknown') return null;
  const unclear = d.route === 'addresses-unknown' || d.route === 'same-address';
  return {
    tone: unclear ? 'unclear' : 'problem',
    headline: d.variants.includes('throttled') ? 'Send As denied, mailbox throttled' : 'Send As denied',
    text: d.verdict,
  };
}
