import { text } from '../common/facts';
import { firstMatch } from '../../incidents/matcher';
import { SMTP_AUTH_MATCHERS, type SmtpAuthVariant } from '../../incidents/smtp-auth-matchers';
import type { ErrorsProbeResult, ParameterProbeResult } from '../../probes/types';
import type { StepContext } from '../../wizard/playbook';
import type { FactMap } from '../../wizard/session';
import { utc, type NewFact } from '../common/probe-facts';

/**
 * The SMTP authentication playbook's facts in typed form: the forms of the error found (error log,
 * pasted text, or the engineer's choice), the Platform Server version, the email settings and the
 * tenant's answers. Facts are plain JSON in the session; these readers are the one place that knows
 * their shape.
 */

/** The probe ids this playbook uses (keys of its `probes`). */
export const PROBE = {
  errors: 'authErrors',
  version: 'authVersion',
  queue: 'authQueue',
  errorsAfter: 'authErrorsAfter',
  sentAfter: 'authSentAfter',
  liveLogin: 'authLiveLogin',
} as const;

export const VARIANTS: readonly SmtpAuthVariant[] = [
  'tenant-disabled',
  'mailbox-disabled',
  'security-defaults',
  'credentials-incorrect',
  'basic-disabled',
  'criteria-not-met',
  'reason-not-given',
  'basic-retired',
  'bad-credentials',
  'not-authenticated',
];

/**
 * Each form of the error in a few words, as the steps and the report say it. Only 550 5.7.30's
 * own words say Basic authentication is no longer supported; a 535 5.7.139 says what it says and
 * nothing more (domain.md 4d).
 */
export const VARIANT_WORDS: Record<SmtpAuthVariant, string> = {
  'tenant-disabled': '535 5.7.139: SMTP AUTH is disabled for the tenant',
  'mailbox-disabled': '535 5.7.139: SMTP AUTH is disabled for the mailbox',
  'security-defaults': "535 5.7.139: the user is locked by the tenant's security defaults",
  'credentials-incorrect': '535 5.7.139: the user credentials were incorrect (user name or password)',
  'basic-disabled': '535 5.7.139: basic authentication is disabled for the user (an authentication policy, or the tenant default)',
  'criteria-not-met': '535 5.7.139: the request did not meet the criteria to be authenticated (Conditional Access or a sign-in policy)',
  'reason-not-given': '535 5.7.139 with no reason given',
  'basic-retired': '550 5.7.30: Basic authentication is not supported for client submission',
  'bad-credentials': '535 5.7.3: wrong user name or password, or a disabled account',
  'not-authenticated': '530 5.7.57: the client did not authenticate (no credentials, or not over TLS)',
};

/**
 * Where the Platform Server version is read: OSSYS_PARAMETER, name "version" compared without
 * regard to letter case, as OutSystems' own diagnostic tool reads it (domain.md 4d).
 */
export const VERSION_PARAMETER = 'version';

/**
 * The version fact from the parameter probe: the global row's value when it reads as a version,
 * with where it came from. Nothing when there is no such row or it is not a version: the engineer
 * is asked, and the probe's summary keeps what was found.
 */
export function versionFromParameter(result: ParameterProbeResult): NewFact[] {
  const row = result.rows.find((r) => r.host === null) ?? result.rows[0];
  const value = row?.value.trim();
  if (!value || !parseVersion(value)) return [];
  const where = `OSSYS_PARAMETER row "${row!.name}"${row!.host ? ` (host ${row!.host})` : ''}, where OutSystems' diagnostic tool reads it`;
  return [{ key: 'platform.version', value, detail: where }];
}

/** OAuth 2.0 for the platform's SMTP came with this Platform Server; BCC with it was fixed later. */
export const OAUTH_MINIMUM = '11.34.0';
export const OAUTH_RECOMMENDED = '11.42.0';

/** Where the engineer reads each setting. */
export const WHERE = {
  version: 'Service Center > Administration > About (or LifeTime > the environment)',
  email: 'Service Center > Administration > Email',
  securityDefaults: 'Microsoft Entra admin center > Identity > Overview > Properties > Manage security defaults',
  signInLogs: 'Microsoft Entra admin center > Identity > Monitoring & health > Sign-in logs',
} as const;

/** A Platform Server version as numbers, e.g. "11.38.0" or "Platform Server 11.38.0 (Build 44017)" -> [11, 38, 0]. */
export function parseVersion(input: string | null | undefined): number[] | null {
  const match = /(?<![\d.])(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?![\d.]*\d)/.exec(input ?? '');
  if (!match) return null;
  return match
    .slice(1)
    .filter((part): part is string => part !== undefined)
    .map(Number);
}

/** Compares two versions part by part as numbers (11.9 < 11.10); missing parts count as 0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Words the engineer types when the version cannot be found out yet. */
const NOT_KNOWN = /^(?:not\s+known|unknown|don'?t\s+know|n\/?a|\?)$/i;

export type VersionFact =
  { state: 'missing' } | { state: 'not-known' } | { state: 'unreadable'; text: string } | { state: 'known'; text: string; parts: number[] };

export function versionOf(facts: FactMap): VersionFact {
  const raw = text(facts, 'platform.version');
  if (!raw) return { state: 'missing' };
  if (NOT_KNOWN.test(raw)) return { state: 'not-known' };
  const parts = parseVersion(raw);
  if (!parts || parts.length < 2) return { state: 'unreadable', text: raw };
  return { state: 'known', text: parts.join('.'), parts };
}

/** Whether this Platform Server has OAuth 2.0 for SMTP: true, false, or null when the version is not known. */
export function oauthAvailable(facts: FactMap): boolean | null {
  const v = versionOf(facts);
  return v.state === 'known' ? compareVersions(v.parts, parseVersion(OAUTH_MINIMUM)!) >= 0 : null;
}

export function oauthRecommended(facts: FactMap): boolean | null {
  const v = versionOf(facts);
  return v.state === 'known' ? compareVersions(v.parts, parseVersion(OAUTH_RECOMMENDED)!) >= 0 : null;
}

/** The answers of the choices, stored as the words the report prints. */
export const ANSWERS = { yes: 'Yes', no: 'No', unknown: 'Not known' } as const;
export const AUTH_METHODS = { basic: 'Basic', oauth: 'OAuth 2.0', unknown: 'Not known' } as const;

/** "yes" / "no" / "unknown" answers given with a choice (as stored, or as typed: letter case aside). */
export type Answer = 'yes' | 'no' | 'unknown';
export function answer(facts: FactMap, key: string): Answer | null {
  const value = facts[key]?.value;
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (typeof value !== 'string') return null;
  const v = value.trim().toLowerCase();
  if (v === 'yes') return 'yes';
  if (v === 'no') return 'no';
  return NOT_KNOWN.test(v) ? 'unknown' : null;
}

export type AuthMethod = 'basic' | 'oauth' | 'unknown';
export function authMethod(facts: FactMap): AuthMethod | null {
  const v = text(facts, 'smtp.auth')?.toLowerCase();
  if (!v) return null;
  if (v === 'basic') return 'basic';
  if (/^oauth(?:\s*2(?:\.0)?)?$/.test(v)) return 'oauth';
  return NOT_KNOWN.test(v) ? 'unknown' : null;
}

export function isVariant(value: unknown): value is SmtpAuthVariant {
  return typeof value === 'string' && (VARIANTS as readonly string[]).includes(value);
}

/** Words of a form as sessions saved before the 5.7.139 reasons were told apart stored them. */
const LEGACY_WORDS: Record<string, SmtpAuthVariant> = {
  '550 5.7.30 (or 535 5.7.139 with no other reason): Basic authentication is no longer accepted for SMTP AUTH': 'basic-retired',
};

/** The form the engineer chose (stored as its words; its id is accepted too). */
export function chosenVariant(facts: FactMap): SmtpAuthVariant | null {
  const chosen = text(facts, 'symptom.form');
  if (!chosen) return null;
  if (isVariant(chosen)) return chosen;
  return VARIANTS.find((v) => VARIANT_WORDS[v] === chosen) ?? LEGACY_WORDS[chosen] ?? null;
}

/** The pasted texts of the session: the engineer's evidence and the text that opened it (kept as evidence too: once). */
export function pastedTexts(ctx: StepContext): string[] {
  const texts = [text(ctx.facts, 'symptom.evidence'), ctx.session.pastedError?.trim()].filter((t): t is string => Boolean(t));
  return [...new Set(texts)];
}

/** Forms found in pasted text: each line counted once, by the first matcher (in priority order) that accepts it. */
export function variantsInText(texts: readonly string[]): Map<SmtpAuthVariant, number> {
  const found = new Map<SmtpAuthVariant, number>();
  for (const line of texts.flatMap((t) => t.split(/\r?\n/))) {
    const variant = firstMatch(SMTP_AUTH_MATCHERS, line)?.variant;
    if (isVariant(variant)) found.set(variant, (found.get(variant) ?? 0) + 1);
  }
  return found;
}

/** The error-log search kept by the symptom step, when it ran. */
export function errorsResult(ctx: StepContext): ErrorsProbeResult | undefined {
  return ctx.session.probes[PROBE.errors] as ErrorsProbeResult | undefined;
}

export interface VariantEvidence {
  variant: SmtpAuthVariant;
  /** Occurrences in the error log (0 when only pasted or chosen). */
  logged: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Lines of pasted text of this form. */
  pasted: number;
  /** The engineer chose this form. */
  chosen: boolean;
}

/**
 * Every form of the error the session knows of, most frequent in the log first: from the error
 * log's `perVariant`, from the pasted text (`firstMatch` per line) and from the engineer's choice.
 */
export function variantEvidence(ctx: StepContext): VariantEvidence[] {
  const byVariant = new Map<SmtpAuthVariant, VariantEvidence>();
  const entry = (variant: SmtpAuthVariant) => {
    let e = byVariant.get(variant);
    if (!e) byVariant.set(variant, (e = { variant, logged: 0, firstSeen: null, lastSeen: null, pasted: 0, chosen: false }));
    return e;
  };
  for (const v of errorsResult(ctx)?.perVariant ?? []) {
    if (!isVariant(v.variant) || v.count <= 0) continue;
    Object.assign(entry(v.variant), { logged: v.count, firstSeen: v.firstSeen, lastSeen: v.lastSeen });
  }
  for (const [variant, lines] of variantsInText(pastedTexts(ctx))) entry(variant).pasted = lines;
  const chosen = chosenVariant(ctx.facts);
  if (chosen) entry(chosen).chosen = true;
  return [...byVariant.values()].sort((a, b) => b.logged - a.logged || VARIANTS.indexOf(a.variant) - VARIANTS.indexOf(b.variant));
}

export { utc };

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
