import { num, text, isRecord } from '../common/facts';
import { computeBudget } from '../../capacity/engine';
import { PROVIDERS } from '../../capacity/providers';
import { FAR_BELOW } from '../../capacity/quota';
import type { EnvironmentInput, MailboxQuota, QuotaResult } from '../../capacity/types';
import { listInWords, thousands } from '../../capacity/wording';
import { firstMatch } from '../../incidents/matcher';
import { QUOTA_MATCHERS, QUOTA_TENANT_MATCHER_ID } from '../../incidents/quota-matchers';
import type { ErrorsProbeResult } from '../../probes/types';
import type { StepContext } from '../../wizard/playbook';
import type { FactMap, FactValue, Session } from '../../wizard/session';

/**
 * The quota playbook's facts in typed form, and the recipients per 24 h of every sender on the
 * mailbox worked out with the what-if calculator's quota (shared/capacity/quota.ts): the same
 * arithmetic, the same options, the same words.
 */

/** Exchange Online: recipients per mailbox per rolling 24 h (domain.md sections 2 and 4b). */
export const RECIPIENT_LIMIT = PROVIDERS['exchange-online'].recipients.limit ?? 10_000;
/** What the error-log search calls the error (singular). */
export const ERROR_NAME = '554 5.2.0 quota error';

/** The playbook's probes by id (the keys of its probe map, the steps' `probes`). */
export const PROBE = {
  errors: 'errors',
  emailQueue: 'emailQueue',
  recipients24h: 'recipients24h',
  errorsAfter: 'errorsAfter',
  queueAfter: 'queueAfter',
  sentAfter: 'sentAfter',
  recipientsAfter: 'recipientsAfter',
} as const;

export const BACKOFF_PARAMETER = 'Scheduler.EmailBackoffMaxDays';
/** The back-off's default when the parameter has no row (domain.md sections 2 and 4a). */
export const BACKOFF_DEFAULT_DAYS = 2;

/** Another sender on the mailbox: its recipients per 24 h, null while not given. */
export interface OtherSender {
  name: string;
  recipients: number | null;
  /** Emails it sent in 24 h, when read from its own database without a recipients count. */
  emails: number | null;
}

const count = (value: FactValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : null);

/** null while the engineer has not answered; [] when the answer is "no other sender". */
export function otherSenders(facts: FactMap, environment: string): OtherSender[] | null {
  const value = facts['mailbox.others']?.value;
  if (!Array.isArray(value)) return null;
  return value
    .filter(isRecord)
    .map((row) => ({ name: String(row.name ?? '').trim(), recipients: count(row.recipients), emails: count(row.emails) }))
    .filter((row) => row.name && row.name.toLowerCase() !== environment.toLowerCase());
}

/** This environment's recipients in the rolling 24 h, and where the figure comes from. */
export interface OwnVolume {
  recipients: number;
  /** Set when worked out as emails x average recipients per email. */
  emails?: number;
  perEmail?: number;
  source: string;
}

export function ownVolume(facts: FactMap): OwnVolume | null {
  const direct = num(facts, 'volume.recipients');
  if (direct !== null && direct >= 0) {
    const fact = facts['volume.recipients']!;
    return {
      recipients: Math.round(direct),
      source:
        fact.source === 'probe'
          ? `counted in the platform database (${fact.detail ?? 'recipients probe'})`
          : `given by the engineer (${fact.detail ?? 'typed in'})`,
    };
  }
  const emails = num(facts, 'volume.emails');
  const perEmail = num(facts, 'volume.perEmail');
  if (emails === null || perEmail === null || emails < 0 || perEmail <= 0) return null;
  const emailsFrom = facts['volume.emails']!.source === 'probe' ? 'emails counted in the platform database' : 'emails given by the engineer';
  return {
    recipients: Math.round(emails * perEmail),
    emails,
    perEmail,
    source: `${thousands(emails)} ${emailsFrom} x ${perEmail} recipients per email on average, as the engineer estimated`,
  };
}

/** Which story the figures tell: over the quota, far below it (compromised?), or below by the figures given. */
export type QuotaCase = 'over' | 'low' | 'below';

export interface QuotaFigures {
  mailbox: string;
  total: number;
  limit: number;
  /** "PRD 6,200 + QA 5,100 = 11,300 recipients per 24 h > 10,000" */
  arithmetic: string;
  case: QuotaCase;
  /** ceil(total / limit): mailboxes of the limit the volume needs. */
  mailboxesNeeded: number;
  /** The what-if calculator's result for this mailbox: options in its words. */
  quota: QuotaResult;
  box: MailboxQuota;
}

/**
 * The recipients of every sender on the mailbox against the limit, through the what-if
 * calculator's quota (computeBudget's `quota`). Connections play no part here: each sender is
 * given one nominal server, and only the quota half of the result is read.
 */
export function quotaFigures(session: Session, facts: FactMap): QuotaFigures | null {
  const mailbox = text(facts, 'mailbox');
  const own = ownVolume(facts);
  const others = otherSenders(facts, session.environment.name);
  if (!mailbox || !own || !others || others.some((o) => o.recipients === null)) return null;
  const env = (name: string, volume: Partial<Pick<EnvironmentInput, 'emailsPerDay' | 'recipientsPerEmail' | 'recipientsPerDay'>>): EnvironmentInput => ({
    name,
    mailbox,
    emailThreads: 1,
    servers: [{ name: `${name} sender`, sendsEmail: true, zone: 'Global' }],
    ...volume,
  });
  // The calculator shows "1,400 emails x 9" for a whole average; a fractional one is given as the product.
  const wholeAverage = own.emails !== undefined && own.perEmail !== undefined && Number.isInteger(own.perEmail) && Number.isInteger(own.emails);
  const environments = [
    env(session.environment.name, wholeAverage ? { emailsPerDay: own.emails, recipientsPerEmail: own.perEmail } : { recipientsPerDay: own.recipients }),
    ...others.map((o) => env(o.name, { recipientsPerDay: o.recipients! })),
  ];
  let quota: QuotaResult;
  try {
    quota = computeBudget({ provider: 'exchange-online', quotaErrorSeen: true, environments }).quota;
  } catch {
    // Inconsistent input (e.g. two senders of the same name): no figures until it is corrected.
    return null;
  }
  const box = quota.mailboxes[0];
  if (!box || quota.limit === null) return null;
  const limit = quota.limit;
  const total = box.recipients;
  return {
    mailbox,
    total,
    limit,
    arithmetic: box.arithmetic,
    case: total > limit ? 'over' : total < limit * FAR_BELOW ? 'low' : 'below',
    mailboxesNeeded: Math.max(1, Math.ceil(total / limit)),
    quota,
    box,
  };
}

/** What still stops the figures, in words; null when nothing does. */
export function figuresGap(ctx: StepContext): string | null {
  if (!ownVolume(ctx.facts)) return volumeGap(ctx.facts) ?? 'The recipients of this environment are not known yet (step "Recipients in 24 h").';
  if (!text(ctx.facts, 'mailbox')) return 'Say which mailbox this environment sends through (step "Shared mailbox").';
  const others = otherSenders(ctx.facts, ctx.session.environment.name);
  if (others === null)
    return 'Say whether anything else sends through this mailbox: add the other senders with their recipients per 24 h, or answer "No other sender".';
  const missing = others.filter((o) => o.recipients === null);
  if (missing.length) {
    const emailsOnly = missing.filter((o) => o.emails !== null).map((o) => `${o.name} sent ${thousands(o.emails!)} emails`);
    return `Give the recipients per 24 h of ${listInWords(missing.map((o) => o.name))}${emailsOnly.length ? ` (${listInWords(emailsOnly)}; its database shows no recipient column, so estimate emails x recipients per email)` : ''}.`;
  }
  return null;
}

/** What the volume step still needs, in words; null when this environment's recipients are known. */
export function volumeGap(facts: FactMap): string | null {
  if (ownVolume(facts)) return null;
  const emails = num(facts, 'volume.emails');
  if (emails !== null) {
    const why =
      facts['volume.emails']?.source === 'probe' ? 'the platform database counts the emails sent but does not show their recipients' : 'the emails are known';
    return `Give the average recipients per email (To, Cc and Bcc together): ${why}, and the quota counts recipients. Or type the recipients from the message trace.`;
  }
  return 'Read the recipients of the last 24 h with the probe, or give them: the recipients from the message trace, or the emails sent and the average recipients per email.';
}

/** The answer about other senders, as the diagnosis and the report state it. */
export function sendersSentence(ctx: StepContext): string {
  const name = ctx.session.environment.name;
  const others = otherSenders(ctx.facts, name);
  if (others === null) return 'Other senders on the mailbox: not answered.';
  if (others.length === 0) return `Only ${name} sends through this mailbox (no other sender, as the engineer said).`;
  const each = others.map((o) => `${o.name} (${o.recipients === null ? 'recipients not given' : `${thousands(o.recipients)} recipients per 24 h`})`);
  return `${name} and ${listInWords(each)} send through this mailbox; every recipient counts against the same quota.`;
}

/**
 * Which limit Exchange Online said was hit: the mailbox's daily recipient quota (554 5.2.0), the
 * tenant's external recipient limit (550 5.7.233 / 5.7.232, TERRL, domain.md 4d), or both. Read
 * from the error log's forms and from the pasted text (each line by the first matcher that takes it).
 */
export interface QuotaForms {
  mailbox: boolean;
  tenant: boolean;
}

export function quotaForms(ctx: StepContext): QuotaForms {
  const ids = new Set<string>();
  const errors = ctx.session.probes.errors as ErrorsProbeResult | undefined;
  for (const v of errors?.perVariant ?? []) if (v.count > 0) ids.add(v.variant);
  const pasted = [text(ctx.facts, 'symptom.evidence'), ctx.session.pastedError].filter((t): t is string => Boolean(t));
  for (const line of pasted.flatMap((t) => t.split(/\r?\n/))) {
    const id = firstMatch(QUOTA_MATCHERS, line)?.id;
    if (id) ids.add(id);
  }
  const tenant = ids.has(QUOTA_TENANT_MATCHER_ID);
  // A count typed in, or a log read before forms were counted, is the mailbox quota this playbook began with.
  return { tenant, mailbox: [...ids].some((id) => id !== QUOTA_TENANT_MATCHER_ID) || (!tenant && ids.size === 0) };
}

/** Only the tenant's limit was seen: the per-mailbox figures do not decide anything. */
export function tenantLimitOnly(ctx: StepContext): boolean {
  const forms = quotaForms(ctx);
  return forms.tenant && !forms.mailbox;
}

/** The tenant limit in words, for the verdict and the fix (domain.md 4d). */
export const TENANT_LIMIT_SENTENCE =
  'Exchange Online answered 550 5.7.233 (5.7.232 on a trial tenant): the tenant exceeded its daily limit for sending email to external recipients (TERRL). The limit counts every mailbox of the tenant together, so splitting the sending over mailboxes does not help, and relayed mail counts too.';
