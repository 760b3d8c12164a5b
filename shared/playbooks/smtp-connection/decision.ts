import type { SmtpConnectionVariant } from '../../incidents/smtp-connection-matchers';
import type { Criterion } from '../../wizard/criteria';
import type { FixOption, StepContext, Verdict } from '../../wizard/playbook';
import { versionOf } from '../smtp-auth/facts';
import {
  alwaysStartTls,
  evidence,
  EXO_HOST,
  isExchangeOnline,
  isIpAddress,
  LEGACY_HOST,
  port,
  server,
  STARTTLS_VERSION,
  tlsChoice,
  VARIANT_WORDS,
  WHERE,
} from './facts';
import { EMAIL_SENT_SINCE_FIX, noErrorSinceFix } from '../common/criteria';

/**
 * The decision rule (domain.md 4e): what the platform could not do (connect, agree on TLS, start TLS,
 * trust the certificate) and the one setting or path to change: the host name instead of an IP,
 * port 587 with STARTTLS (465 is not supported for client submission), TLS 1.2 on a self-managed
 * front-end's .NET and Schannel, Platform Server 11.38.0 or later (always STARTTLS to Exchange
 * Online), or the network path to open. The legacy TLS endpoint is a stop-gap only. Pure.
 */

export type Route =
  /** Port 465 against Exchange Online: implicit TLS is not supported for client submission. */
  | 'port-465'
  /** TLS 1.0/1.1 or a failed handshake: TLS 1.2 on the front-ends. */
  | 'tls-version'
  /** Mail or AUTH without TLS: port 587 with STARTTLS, or the version that always uses it. */
  | 'starttls'
  /** The certificate does not match the name connected to, or is not trusted. */
  | 'certificate'
  /** No connection or no answer: DNS, firewall, proxy, port. */
  | 'network'
  | 'unknown';

export interface Decision {
  variants: SmtpConnectionVariant[];
  /** Every route the forms call for, most decisive first; the first is the verdict's. */
  routes: Route[];
  route: Route;
  cause: string;
  verdict: string;
  lasting: string;
  /** The legacy TLS endpoint, when it applies; null otherwise. */
  stopGap: string | null;
  unknowns: string[];
}

const TLS_VERSION: readonly SmtpConnectionVariant[] = ['tls-legacy', 'transport-closed', 'socket-error'];
const NO_TLS: readonly SmtpConnectionVariant[] = ['starttls-required', 'auth-mechanism'];
const NETWORK: readonly SmtpConnectionVariant[] = ['unreachable', 'timeout'];

export function decide(ctx: StepContext): Decision {
  const variants = evidence(ctx).map((e) => e.variant);
  const has = (list: readonly SmtpConnectionVariant[]) => variants.some((v) => list.includes(v));
  const host = server(ctx);
  const p = port(ctx);
  const tls = tlsChoice(ctx);
  const exo = isExchangeOnline(ctx);
  const cloud = ctx.session.environment.hosting === 'outsystems-cloud';
  const version = versionOf(ctx.facts);
  const startTls = alwaysStartTls(ctx);
  const unknowns: string[] = [];

  const routes: Route[] = [];
  if (variants.length && p === 465 && exo !== false) routes.push('port-465');
  if (has(TLS_VERSION)) routes.push('tls-version');
  if (has(NO_TLS) || (tls === 'none' && variants.length)) routes.push('starttls');
  if (variants.includes('certificate')) routes.push('certificate');
  if (has(NETWORK) && !routes.includes('port-465')) routes.push('network');
  const route: Route = routes[0] ?? 'unknown';

  const cause = variants.length
    ? `The platform could not send: ${variants.map((v) => VARIANT_WORDS[v]).join('; ')}.`
    : 'Not known yet: no form of the error was found in the error log, pasted or chosen.';
  const hostWords = host ?? 'the SMTP server';
  const target = exo === false && host ? host : EXO_HOST;

  const sentences: Record<Exclude<Route, 'unknown'>, { verdict: string; lasting: string }> = {
    'port-465': {
      verdict: `The platform is set to port 465 (SSL on connect), which Exchange Online does not support for client submission: use ${EXO_HOST}, port 587 with STARTTLS in ${WHERE.email}.`,
      lasting: `${WHERE.email}: ${EXO_HOST}, port 587 with STARTTLS.`,
    },
    'tls-version': {
      verdict: cloud
        ? `The platform offered Exchange Online an old TLS version (TLS 1.2 is required). On OutSystems Cloud the front-ends are OutSystems': ask OutSystems support to enable TLS 1.2 for the platform's SMTP${startTls === false ? `, and plan the upgrade to Platform Server ${STARTTLS_VERSION} or later` : ''}.`
        : `The front-ends offered ${exo === false ? hostWords : 'Exchange Online'} an old TLS version (TLS 1.2 is required): enable TLS 1.2 for .NET and Schannel on every front-end that sends email, then restart them${startTls === false ? `; Platform Server ${STARTTLS_VERSION} or later also always uses STARTTLS to Exchange Online` : ''}.`,
      lasting: cloud
        ? "TLS 1.2 for the platform's SMTP, enabled by OutSystems support."
        : 'TLS 1.2 enabled for .NET (SchUseStrongCrypto, SystemDefaultTlsVersions) and Schannel on every front-end that sends email.',
    },
    starttls: {
      verdict:
        startTls === false && exo !== false
          ? `The platform spoke to the server without TLS (Exchange Online offers AUTH only after STARTTLS): in ${WHERE.email} use ${target}, port 587 with TLS; Platform Server ${version.state === 'known' ? version.text : ''} may still connect without it, and ${STARTTLS_VERSION} or later always uses STARTTLS to Exchange Online, so plan that upgrade.`
          : `The platform spoke to the server without TLS (Exchange Online offers AUTH only after STARTTLS): in ${WHERE.email} use ${target}, port 587 with TLS (STARTTLS)${tls === 'none' ? ', not without TLS' : ''}.`,
      lasting:
        startTls === false && exo !== false
          ? `${WHERE.email}: ${target}, port 587 with TLS (STARTTLS), and Platform Server ${STARTTLS_VERSION} or later, which always uses STARTTLS to Exchange Online.`
          : `${WHERE.email}: ${target}, port 587 with TLS (STARTTLS).`,
    },
    certificate: {
      verdict:
        host && isIpAddress(host)
          ? `The SMTP server is set as an IP address (${host}), which no certificate names: set the host name ${exo === false ? "the server's certificate names" : EXO_HOST} in ${WHERE.email}.`
          : `The certificate the server showed does not match ${hostWords}, or the front-ends do not trust it: set the exact host name ${exo === false ? 'its certificate names' : EXO_HOST} (not an IP address or an alias of your own) in ${WHERE.email}, and check the front-ends' clock and trusted root certificates.`,
      lasting: `${WHERE.email}: the host name ${exo === false ? 'the certificate names' : EXO_HOST} instead of ${host && isIpAddress(host) ? host : 'an IP address or alias'}.`,
    },
    network: {
      verdict: `The front-ends got no connection or no answer from ${hostWords}${p ? ` on port ${p}` : ''}: the network path (DNS, firewall, proxy) from every front-end that sends email to ${target}:587 must be open${p === 25 ? '; port 25 is often blocked on the way, use 587' : ''}.`,
      lasting: `The network path from every front-end that sends email to ${target} on port 587 opened (DNS, firewall, proxy).`,
    },
  };

  let verdict: string;
  let lasting: string;
  if (route === 'unknown') {
    verdict = 'The form of the error is not known: search the error log, paste the error, or choose the form in step "Symptom".';
    lasting = 'Not known until the form of the error is.';
  } else {
    verdict = sentences[route].verdict;
    const others = routes.slice(1).map((r) => sentences[r as Exclude<Route, 'unknown'>].verdict);
    if (others.length) verdict += ` Also: ${others.join(' ')}`;
    lasting = routes.map((r) => sentences[r as Exclude<Route, 'unknown'>].lasting).join(' ');
  }

  const stopGap =
    routes.includes('tls-version') && exo !== false
      ? `The legacy TLS endpoint: Set-TransportConfig -AllowLegacyTLSClients $true in the tenant and ${LEGACY_HOST} as the SMTP server, until TLS 1.2 is in place.`
      : null;

  if (variants.length) {
    if (!host) unknowns.push(`The SMTP server (${WHERE.email}).`);
    if (p === null) unknowns.push(`The SMTP port (${WHERE.email}): Exchange Online takes 587 with STARTTLS.`);
    if (tls === null || tls === 'unknown') unknowns.push(`Whether the platform uses TLS, and which (${WHERE.email}).`);
    if (startTls === null && (routes.includes('starttls') || routes.includes('tls-version')))
      unknowns.push(`The Platform Server version (${WHERE.version}): ${STARTTLS_VERSION} or later always uses STARTTLS to Exchange Online.`);
    if (exo === false) unknowns.push(`Whether ${host} is Exchange Online's front door: Exchange Online's own endpoint is ${EXO_HOST}.`);
  }

  return { variants, routes, route, cause, verdict, lasting, stopGap, unknowns };
}

/**
 * What must hold after the fix: no connection or TLS error since it was recorded, an email sent since,
 * and, when the engineer runs one, a live connection with TLS from where the platform sends.
 */
export function criteria(): Criterion[] {
  return [
    noErrorSinceFix('SMTP connection or TLS error'),
    EMAIL_SENT_SINCE_FIX,
    {
      id: 'live-tls-since-fix',
      kind: 'holds-since-fix',
      fact: 'after.smtp.tls',
      optional: true,
      label: 'A live connection with TLS to the mail server succeeds since the fix',
    },
  ];
}

/** The lasting fix, and the legacy TLS endpoint as a stop-gap when it applies. */
export function fixOptionsOf(ctx: StepContext): FixOption[] {
  const d = decide(ctx);
  const lasting: FixOption = {
    id: 'lasting',
    label: d.lasting,
    lasting: true,
    owner: "The OutSystems platform team and the customer's network or server admins",
  };
  return d.stopGap ? [{ id: 'stop-gap', label: d.stopGap, lasting: false, owner: "The customer's Microsoft 365 admin" }, lasting] : [lasting];
}

const HEADLINES: Record<Exclude<Route, 'unknown'>, string> = {
  'port-465': 'Port 465 is not supported',
  'tls-version': 'TLS 1.2 required',
  starttls: 'STARTTLS required',
  certificate: 'Certificate does not match',
  network: 'No connection to the SMTP server',
};

/** The diagnosis in one banner: unclear when the network is blamed and the settings are not all known. */
export function verdictOf(ctx: StepContext): Verdict | null {
  const d = decide(ctx);
  if (d.route === 'unknown') return null;
  return { tone: d.route === 'network' && d.unknowns.length > 0 ? 'unclear' : 'problem', headline: HEADLINES[d.route], text: d.verdict };
}
