import { text } from '../common/facts';
import type { SmtpAuthVariant } from '../../incidents/smtp-auth-matchers';
import type { Criterion } from '../../wizard/criteria';
import type { FixOption, StepContext, Verdict } from '../../wizard/playbook';
import {
  answer,
  authMethod,
  OAUTH_MINIMUM,
  OAUTH_RECOMMENDED,
  oauthAvailable,
  oauthRecommended,
  VARIANT_WORDS,
  variantEvidence,
  versionOf,
  WHERE,
} from './facts';
import { EMAIL_SENT_SINCE_FIX, noErrorSinceFix } from '../common/criteria';

/**
 * The decision rule (domain.md 4b and 4d): what Exchange Online refused, what gets mail flowing again now
 * (the stop-gap), what lasts (OAuth 2.0 in most cases), whether this Platform Server can do OAuth
 * (11.34.0 or later; 11.42.0 or later for BCC), and what is not known. Pure: the diagnosis step
 * derives its facts from it and the fix step builds its instructions from it.
 */

export type Route =
  /** OAuth 2.0 is the way out and the platform is older than 11.34.0: upgrade first, a stop-gap meanwhile. */
  | 'upgrade-first'
  /** OAuth 2.0 is the way out and the platform has it. */
  | 'oauth'
  /** OAuth 2.0 is the way out; whether this platform has it is not known yet. */
  | 'oauth-version-unknown'
  /** The platform already uses OAuth 2.0: what is left is SMTP AUTH itself, or settings that did not take. */
  | 'oauth-in-place'
  /** 535 5.7.3, or 535 5.7.139 "the user credentials were incorrect": the account or its password. */
  | 'credentials'
  /** 535 5.7.139 "did not meet the criteria": Conditional Access or a sign-in policy refused the sign-in. */
  | 'sign-in-policy'
  /** A bare 535 5.7.139: Exchange Online gave no reason, so the checks come before any fix. */
  | 'reason-unknown'
  /** 530 5.7.57: no authentication, or not over TLS on port 587. */
  | 'tls'
  /** No form of the error is known yet. */
  | 'unknown';

export interface Decision {
  variants: SmtpAuthVariant[];
  route: Route;
  /** One or two sentences: what to do, in order. */
  verdict: string;
  /** What Exchange Online answered, in words. */
  cause: string;
  /** What gets mail flowing again now, when a stop-gap exists; null when none applies. */
  stopGap: string | null;
  /** The fix that lasts. */
  lasting: string;
  /** Whether this Platform Server can do OAuth 2.0 for SMTP, in words. */
  platform: string;
  /** What the decision needs and nobody knows yet, each in a sentence. Empty when nothing. */
  unknowns: string[];
  /** The stop-gaps that apply, for the instructions. */
  enableSmtpAuth: 'mailbox' | 'tenant' | null;
  /** A relay connector as a stop-gap: only on a self-managed platform (domain.md 4d). */
  relayConnector: boolean;
  /** 535 5.7.139 "basic authentication is disabled": read the user's authentication policy. */
  authPolicy: boolean;
}

const DISABLED: readonly SmtpAuthVariant[] = ['tenant-disabled', 'mailbox-disabled'];
/** Forms whose own words say Basic authentication is refused; a bare 5.7.139 is not one of them (domain.md 4d). */
const BASIC_REFUSED: readonly SmtpAuthVariant[] = ['security-defaults', 'basic-disabled', 'basic-retired'];
const CREDENTIALS: readonly SmtpAuthVariant[] = ['bad-credentials', 'credentials-incorrect'];

/**
 * Microsoft's SMTP relay does not take mail from applications hosted by a third party, which
 * OutSystems Cloud front-ends are; relayed mail still counts against the tenant's limits
 * (domain.md 4d). So the relay is offered to self-managed platforms only.
 */
export const RELAY_WORDS =
  'an SMTP relay connector (port 25, the platform known by its own fixed public IP address or a certificate; not bound by the per-mailbox SMTP AUTH limits, tenant limits still apply)';
export const CLOUD_NO_RELAY =
  "On OutSystems Cloud a relay connector is not an option: Microsoft's SMTP relay does not support mail from applications hosted by a third party. OAuth 2.0, or a bulk email provider, is the way.";

export function platformSentence(ctx: StepContext): string {
  const v = versionOf(ctx.facts);
  if (v.state !== 'known') {
    const why = v.state === 'unreadable' ? `"${v.text}" is not a version the app can read` : 'the Platform Server version is not known';
    return `OAuth 2.0 for SMTP: not known, ${why}; it needs Platform Server ${OAUTH_MINIMUM} or later (${WHERE.version}).`;
  }
  if (oauthAvailable(ctx.facts) === false) {
    return `Platform Server ${v.text} has no OAuth 2.0 for SMTP: it needs ${OAUTH_MINIMUM} or later (${OAUTH_RECOMMENDED} or later recommended).`;
  }
  if (oauthRecommended(ctx.facts) === false) {
    return `Platform Server ${v.text} has OAuth 2.0 for SMTP (${OAUTH_MINIMUM} or later); ${OAUTH_RECOMMENDED} or later is recommended, it fixes BCC recipients with OAuth.`;
  }
  return `Platform Server ${v.text} has OAuth 2.0 for SMTP, with the BCC fix of ${OAUTH_RECOMMENDED}.`;
}

export function decide(ctx: StepContext): Decision {
  const facts = ctx.facts;
  const variants = variantEvidence(ctx).map((e) => e.variant);
  const has = (list: readonly SmtpAuthVariant[]) => variants.some((v) => list.includes(v));
  const mailbox = text(facts, 'mailbox');
  const mailboxWords = mailbox ?? 'the sending mailbox';
  const auth = authMethod(facts);
  const securityDefaults = answer(facts, 'tenant.securityDefaults');
  const oauth = oauthAvailable(facts);
  const platform = platformSentence(ctx);
  const unknowns: string[] = [];

  const disabled = has(DISABLED);
  // With security defaults on, SMTP AUTH turned back on still refuses Basic authentication.
  const basicRefused = has(BASIC_REFUSED) || (securityDefaults === 'yes' && disabled);
  const needsOAuth = disabled || basicRefused;

  const cause = variants.length
    ? `Exchange Online answered: ${variants.map((v) => VARIANT_WORDS[v]).join('; ')}.`
    : 'Not known yet: no form of the error was found in the error log, pasted or chosen.';

  // Stop-gaps: SMTP AUTH back on (only helps while Basic authentication is still accepted), or a relay connector.
  const enableSmtpAuth: Decision['enableSmtpAuth'] = disabled ? (variants.includes('tenant-disabled') ? 'tenant' : 'mailbox') : null;
  const enableHelps = enableSmtpAuth !== null && !basicRefused;
  const cloud = ctx.session.environment.hosting === 'outsystems-cloud';
  const relayConnector = basicRefused && !cloud;
  const authPolicy = variants.includes('basic-disabled');
  const stopGaps: string[] = [];
  if (enableHelps) {
    stopGaps.push(
      `turn SMTP AUTH back on for ${mailboxWords} (Set-CASMailbox -Identity ${mailboxWords} -SmtpClientAuthenticationDisabled $false${
        enableSmtpAuth === 'tenant' ? '; for every mailbox of the tenant: Set-TransportConfig -SmtpClientAuthenticationDisabled $false' : ''
      })`,
    );
  }
  if (authPolicy && auth !== 'oauth') {
    stopGaps.push(
      `while Microsoft still accepts Basic authentication, allow it for SMTP in the authentication policy assigned to ${mailboxWords} (Set-AuthenticationPolicy -AllowBasicAuthSmtp), if a policy is what blocks it`,
    );
  }
  if (relayConnector && auth !== 'oauth') stopGaps.push(RELAY_WORDS);
  let stopGap = stopGaps.length ? `${capitalise(stopGaps.join('; or '))}.` : null;
  if (basicRefused && cloud && auth !== 'oauth') stopGap = stopGap ? `${stopGap} ${CLOUD_NO_RELAY}` : CLOUD_NO_RELAY;

  if (securityDefaults === 'unknown' && enableSmtpAuth && !basicRefused && auth !== 'oauth') {
    unknowns.push(
      `Whether the tenant uses security defaults (${WHERE.securityDefaults}): with them on, Basic authentication stays blocked even with SMTP AUTH turned back on, and only OAuth 2.0${cloud ? '' : ' or a relay connector'} get mail through.`,
    );
  }
  if (authPolicy) {
    unknowns.push(
      `Which authentication policy applies to ${mailboxWords} (Get-User shows it; else the organisation's default): Exchange Online said Basic authentication is disabled, not why. Microsoft's own default from the end of December 2026 gives the same answer.`,
    );
  }
  if (auth === 'unknown' && variants.length) unknowns.push(`The authentication method the platform uses (${WHERE.email}: Basic or OAuth 2.0).`);
  if (!mailbox && variants.length) unknowns.push('The sending mailbox: the commands below name it.');
  const server = text(facts, 'smtp.server');
  if (server && !/office365\.com|outlook\.com/i.test(server)) {
    unknowns.push(
      `Whether ${server} hands the mail to Exchange Online: these answers are Exchange Online's, and its SMTP AUTH endpoint is smtp.office365.com.`,
    );
  }

  let route: Route;
  let verdict: string;
  let lasting: string;
  const version = versionOf(facts);
  const oauthLasting = `OAuth 2.0 for the platform's SMTP: an app registration in Microsoft Entra ID, its Exchange service principal with FullAccess on ${mailboxWords}, and the email settings in Service Center set to OAuth 2.0.`;
  if (variants.length === 0) {
    route = 'unknown';
    verdict = 'The form of the error is not known: search the error log, paste the error, or choose the form in step "Symptom". Each form has its own way out.';
    lasting = 'Not known until the form of the error is.';
  } else if (needsOAuth && auth === 'oauth') {
    route = 'oauth-in-place';
    lasting = disabled
      ? `SMTP AUTH on for ${mailboxWords}: OAuth 2.0 goes through SMTP AUTH too.`
      : 'The OAuth 2.0 settings saved and used on this environment.';
    verdict = disabled
      ? `The platform already uses OAuth 2.0, and OAuth 2.0 also goes through SMTP AUTH, which is off for ${enableSmtpAuth === 'tenant' ? 'the tenant' : 'the mailbox'}: turn SMTP AUTH on for ${mailboxWords} (this is the fix, not a stop-gap).`
      : `Exchange Online still sees Basic authentication although the settings are said to be OAuth 2.0: check that ${WHERE.email} shows OAuth 2.0 with the tenant id, client id and secret on this environment, and that the Platform Server is ${OAUTH_MINIMUM} or later.`;
  } else if (needsOAuth) {
    lasting = oauthLasting;
    const required = basicRefused
      ? `Exchange Online ${has(['security-defaults', 'basic-retired']) ? 'no longer takes' : 'refuses'} Basic authentication from ${mailboxWords}: OAuth 2.0 is required`
      : `SMTP AUTH is off for ${enableSmtpAuth === 'tenant' ? 'the tenant' : 'the mailbox'}: turning it back on is a stop-gap, OAuth 2.0 is the lasting fix`;
    if (oauth === false && version.state === 'known') {
      route = 'upgrade-first';
      verdict = `${required}, and Platform Server ${version.text} has no OAuth 2.0 for SMTP: the plan starts with the upgrade to ${OAUTH_RECOMMENDED} or later (${OAUTH_MINIMUM} at least)${stopGap ? ', with the stop-gap meanwhile' : ''}.`;
    } else if (oauth === null) {
      route = 'oauth-version-unknown';
      unknowns.unshift(
        `The Platform Server version (${WHERE.version}): OAuth 2.0 for SMTP needs ${OAUTH_MINIMUM} or later, so the plan may have to start with an upgrade.`,
      );
      verdict = `${required}; whether this platform can do it is not known: find the Platform Server version first (${OAUTH_MINIMUM} or later has OAuth 2.0 for SMTP, ${OAUTH_RECOMMENDED} or later recommended).`;
    } else {
      route = 'oauth';
      verdict = `${required}. Platform Server ${version.state === 'known' ? version.text : ''} has it: move the platform's email to OAuth 2.0${
        oauthRecommended(facts) === false ? ` (and plan the upgrade to ${OAUTH_RECOMMENDED} or later, which fixes BCC recipients with OAuth)` : ''
      }.`;
    }
    if (enableSmtpAuth && basicRefused) {
      // Both forms at once: SMTP AUTH must be on for OAuth too, but on its own it does not let Basic through.
      verdict += ` Turning SMTP AUTH back on is still needed (OAuth 2.0 goes through it), but on its own it does not bring Basic authentication back.`;
    }
  } else if (has(['criteria-not-met'])) {
    route = 'sign-in-policy';
    lasting = `An exception for ${mailboxWords} agreed with the tenant's identity admin (the policy named in the sign-in logs), or OAuth 2.0, before Basic authentication for SMTP AUTH is disabled by default at the end of December 2026.`;
    verdict = `Microsoft Entra refused the sign-in of ${mailboxWords}: the request did not meet the criteria of a Conditional Access or sign-in policy. The sign-in logs (${WHERE.signInLogs}) name the policy; the identity admin then excludes the account, or allows the front-ends' addresses, or the platform moves to OAuth 2.0.`;
  } else if (has(CREDENTIALS)) {
    route = 'credentials';
    lasting = `OAuth 2.0 as well, before Basic authentication for SMTP AUTH is disabled by default at the end of December 2026.`;
    verdict = `Exchange Online refused the user name or password${variants.includes('credentials-incorrect') ? ' (the user credentials were incorrect)' : ''}: check that ${mailboxWords} is not disabled or blocked from sign-in, that its password did not expire or change, and enter the full address and the password again in ${WHERE.email} (port 587 with TLS).${
      variants.includes('not-authenticated') ? ' Some attempts did not authenticate at all: check port 587 and TLS too.' : ''
    }`;
  } else if (has(['reason-not-given'])) {
    route = 'reason-unknown';
    lasting = `Depends on the check that fails; OAuth 2.0 in any case before Basic authentication for SMTP AUTH is disabled by default at the end of December 2026.`;
    verdict = `Exchange Online answered 535 5.7.139 without a reason. Any of these gives that answer: SMTP AUTH off for ${mailboxWords} or the tenant, an authentication policy or security defaults blocking Basic authentication, a Conditional Access policy, or wrong credentials. Run the checks below before changing anything: each rules out one cause.`;
  } else {
    route = 'tls';
    lasting = `OAuth 2.0 as well, before Basic authentication for SMTP AUTH is disabled by default at the end of December 2026.`;
    const port = typeof ctx.facts['smtp.port']?.value === 'number' ? (ctx.facts['smtp.port']!.value as number) : null;
    if (port === null) unknowns.push(`The SMTP port (${WHERE.email}): SMTP AUTH on Exchange Online is port 587 with TLS (STARTTLS).`);
    verdict = `The platform did not authenticate, or authenticated before TLS: in ${WHERE.email} use smtp.office365.com, port 587${
      port !== null && port !== 587 ? ` (not ${port})` : ''
    } with TLS, and the full address of ${mailboxWords} with its password (or OAuth 2.0).`;
  }

  return {
    variants,
    route,
    verdict,
    cause,
    stopGap: route === 'oauth-in-place' ? null : stopGap,
    lasting,
    platform,
    unknowns,
    enableSmtpAuth,
    relayConnector: relayConnector && auth !== 'oauth',
    authPolicy,
  };
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * What must hold after the fix: no error of this playbook since it was recorded, and at least one
 * email sent since then (without traffic, "no error" proves nothing).
 */
export function criteria(): Criterion[] {
  return [
    noErrorSinceFix('SMTP authentication error'),
    EMAIL_SENT_SINCE_FIX,
    // A live login from the platform's network after the fix, when the engineer runs one (domain.md 4e).
    {
      id: 'live-login-since-fix',
      kind: 'holds-since-fix',
      fact: 'after.smtp.login',
      optional: true,
      label: 'A live login to the mail server is accepted since the fix',
    },
  ];
}

const ADMIN = "The customer's Microsoft 365 admin";

/** The stop-gap (when the form of the error has one) and the lasting fix, as the decision words them. */
export function fixOptionsOf(ctx: StepContext): FixOption[] {
  const d = decide(ctx);
  const lasting: FixOption = { id: 'lasting', label: d.lasting, lasting: true, owner: `${ADMIN} and the OutSystems platform team` };
  return d.stopGap ? [{ id: 'stop-gap', label: d.stopGap, lasting: false, owner: ADMIN }, lasting] : [lasting];
}

/** The verdict banner: the cause the form of the error names, or what is still unclear. */
export function verdictOf(ctx: StepContext): Verdict | null {
  const d = decide(ctx);
  if (d.route === 'unknown') return null;
  // No reason given, or a version nobody knows yet: the checks come before the fix.
  const unclear = d.route === 'reason-unknown' || d.route === 'oauth-version-unknown';
  return { tone: unclear ? 'unclear' : 'problem', headline: d.cause, text: d.verdict };
}
