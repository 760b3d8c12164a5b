import { num, text } from '../common/facts';
import { SMTP_CONNECTION_MATCHERS, type SmtpConnectionVariant } from '../../incidents/smtp-connection-matchers';
import type { StepContext } from '../../wizard/playbook';
import { formEvidence, type ErrorForms, type FormEvidence } from '../common/error-forms';
import { compareVersions, parseVersion, versionOf } from '../smtp-auth/facts';

/**
 * The SMTP connection playbook's facts in typed form: the forms of the error found, the SMTP
 * settings (server, port, TLS choice), the Platform Server version and where the platform runs.
 */

/** The probe ids this playbook uses (keys of its `probes`). */
export const PROBE = {
  errors: 'connErrors',
  queue: 'connQueue',
  version: 'connVersion',
  errorsAfter: 'connErrorsAfter',
  sentAfter: 'connSentAfter',
  liveCheck: 'connLiveCheck',
} as const;

export const VARIANTS: readonly SmtpConnectionVariant[] = [
  'tls-legacy',
  'starttls-required',
  'socket-error',
  'auth-mechanism',
  'certificate',
  'transport-closed',
  'unreachable',
  'timeout',
];

export const VARIANT_WORDS: Record<SmtpConnectionVariant, string> = {
  'tls-legacy': '421 4.7.66: TLS 1.0 and 1.1 are not supported (TLS 1.2 required)',
  'starttls-required': '451 5.7.3: STARTTLS is required to send mail',
  'socket-error': '421 4.4.2: connection dropped due to SocketError (often an old TLS version)',
  'auth-mechanism': '504 5.7.4: unrecognized authentication type (AUTH before TLS)',
  certificate: 'The remote certificate is invalid (the server name does not match its certificate, or the chain is not trusted)',
  'transport-closed': 'The remote party closed the transport stream during the TLS handshake (a TLS version mismatch)',
  unreachable: 'Unable to connect to the remote server (no connection: DNS, port or firewall)',
  timeout: 'The operation has timed out (no answer: port, firewall or implicit TLS on the wrong port)',
};

export const FORMS: ErrorForms<SmtpConnectionVariant> = {
  variants: VARIANTS,
  words: VARIANT_WORDS,
  matchers: SMTP_CONNECTION_MATCHERS,
  errorsProbe: PROBE.errors,
  chosenFact: 'symptom.form',
  evidenceFact: 'symptom.evidence',
};

export function evidence(ctx: StepContext): FormEvidence<SmtpConnectionVariant>[] {
  return formEvidence(FORMS, ctx);
}

/** Exchange Online's client submission endpoint (domain.md 4e). */
export const EXO_HOST = 'smtp.office365.com';
export const LEGACY_HOST = 'smtp-legacy.office365.com';
/** The first Platform Server that always uses STARTTLS (not SSL on connect) to Exchange Online. */
export const STARTTLS_VERSION = '11.38.0';

export const WHERE = {
  email: 'Service Center > Administration > Email',
  version: 'Service Center > Administration > About (or LifeTime > the environment)',
} as const;

export const TLS_CHOICES = { starttls: 'STARTTLS', implicit: 'SSL on connect (implicit TLS)', none: 'No TLS', unknown: 'Not known' } as const;
export type TlsChoice = keyof typeof TLS_CHOICES;

export function tlsChoice(ctx: StepContext): TlsChoice | null {
  const v = text(ctx.facts, 'smtp.tls');
  if (!v) return null;
  const found = (Object.keys(TLS_CHOICES) as TlsChoice[]).find((k) => TLS_CHOICES[k].toLowerCase() === v.toLowerCase() || k === v.toLowerCase());
  return found ?? null;
}

export function server(ctx: StepContext): string | null {
  return text(ctx.facts, 'smtp.server');
}

export function port(ctx: StepContext): number | null {
  return num(ctx.facts, 'smtp.port');
}

/** An IPv4 or IPv6 address rather than a name: no certificate carries it (domain.md 4e). */
export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || (/^\[?[0-9a-f:]+\]?$/i.test(host) && host.includes(':'));
}

/** Whether the server is Exchange Online's: true, false, or null when not given or given as an IP address. */
export function isExchangeOnline(ctx: StepContext): boolean | null {
  const s = server(ctx);
  if (!s || isIpAddress(s)) return null;
  return /(?:^|\.)(?:office365\.com|outlook\.com)$/i.test(s);
}

/** Whether this Platform Server always uses STARTTLS to Exchange Online: true, false, or null when not known. */
export function alwaysStartTls(ctx: StepContext): boolean | null {
  const v = versionOf(ctx.facts);
  return v.state === 'known' ? compareVersions(v.parts, parseVersion(STARTTLS_VERSION)!) >= 0 : null;
}
