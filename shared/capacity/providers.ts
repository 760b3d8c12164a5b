import type { ProviderId } from './types';

/**
 * SMTP provider presets (domain.md section 4). `limit` is the concurrent connection limit per
 * sending mailbox; null where the provider publishes none, so the user must give one.
 * `perMinuteCap` is the messages-per-minute cap per mailbox; null where none is published.
 */
export interface ProviderPreset {
  id: ProviderId;
  name: string;
  limit: number | null;
  perMinuteCap: number | null;
  /** What the preset rests on, in words, for the page and the CLI. */
  note: string;
  /** The recipients per 24 h quota (domain.md sections 2 and 4). */
  recipients: RecipientQuotaPreset;
}

/**
 * `limit` is recipients per rolling 24 h; null where it is not published (then only a limit the
 * user gives is checked). `scope` says what the quota counts: each sending mailbox, or (Amazon
 * SES) the whole account. `rule` says it in words.
 */
export interface RecipientQuotaPreset {
  limit: number | null;
  scope: 'mailbox' | 'account';
  rule: string;
}

export const PROVIDERS: Record<ProviderId, ProviderPreset> = {
  'exchange-online': {
    id: 'exchange-online',
    name: 'Exchange Online SMTP AUTH (smtp.office365.com:587)',
    limit: 3,
    perMinuteCap: 30,
    note: '3 concurrent connections and 30 messages per minute per mailbox (Microsoft Learn).',
    recipients: {
      limit: 10_000,
      scope: 'mailbox',
      rule: '10,000 recipients per mailbox per rolling 24 h; then 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException (Microsoft Learn).',
    },
  },
  'exchange-relay': {
    id: 'exchange-relay',
    name: 'Exchange Online SMTP relay connector (port 25)',
    limit: null,
    perMinuteCap: null,
    note: 'Self-managed platforms only (not OutSystems Cloud). Not bound by the per-mailbox SMTP AUTH limits; tenant limits still apply. Microsoft documents no connection limit, so give the one you want to check.',
    recipients: {
      limit: null,
      scope: 'mailbox',
      rule: "A relay connector is not bound by the per-mailbox SMTP AUTH recipient limit; the tenant's limits still apply. Give a limit only to check one of your own.",
    },
  },
  'google-relay': {
    id: 'google-relay',
    name: 'Google Workspace SMTP relay',
    limit: null,
    perMinuteCap: null,
    note: 'Google publishes no concurrent connection limit (10,000 messages per user per 24 h); give the one you want to check.',
    recipients: {
      limit: 10_000,
      scope: 'mailbox',
      rule: '10,000 messages and recipients per user per 24 h (Google); every email has at least one recipient, so the recipients count decides.',
    },
  },
  'amazon-ses': {
    id: 'amazon-ses',
    name: 'Amazon SES SMTP',
    limit: null,
    perMinuteCap: null,
    note: 'Amazon publishes no connection limit; the account has a send rate (messages per second). Give the limits you want to check.',
    recipients: {
      limit: null,
      scope: 'account',
      rule: "The 24 h sending quota is the account's (every recipient counts, every sender of the account together); give it from the SES console to check it.",
    },
  },
  custom: {
    id: 'custom',
    name: 'Custom SMTP server',
    limit: null,
    perMinuteCap: null,
    note: 'Give the concurrent connection limit (and a per-minute cap if there is one).',
    recipients: {
      limit: null,
      scope: 'mailbox',
      rule: "Give your server's recipients per 24 h limit to check it.",
    },
  },
};

export const PROVIDER_LIST: ProviderPreset[] = Object.values(PROVIDERS);

/**
 * Where the recipients quota needs more than a split of senders (domain.md sections 2, 4b and 4d).
 * A relay is for self-managed platforms (their own static IP or certificate): Microsoft's SMTP
 * relay takes no mail from applications hosted by a third party, as OutSystems Cloud front-ends
 * are, and tenant-wide limits still apply to relayed mail.
 */
export const RELAY_OR_BULK =
  'Send through an Exchange Online SMTP relay connector (self-managed platforms only: port 25, the front-ends known by their own static IP address or a certificate; not bound by the per-mailbox SMTP AUTH limits, tenant limits still apply) or send bulk and high-volume email through a bulk email delivery service.';

/** The same for OutSystems Cloud, where a relay connector is not an option. */
export const BULK_ONLY =
  "Send bulk and high-volume email through a bulk email delivery service, or move the platform's email to OAuth 2.0 with its own mailboxes. A relay connector is not an option on OutSystems Cloud: Microsoft's SMTP relay does not support mail from applications hosted by a third party.";

export const THREADS_PARAMETER = 'Scheduler.NumberOfThreadsForEmails';

/** What Microsoft documents when no change of threads or servers fits (domain.md section 2). */
export const MICROSOFT_ALTERNATIVES: string[] = [
  'Give each environment or application its own sending mailbox: the limit counts per mailbox, so each mailbox gets its own connections.',
  'Send through an Exchange Online SMTP relay connector (self-managed platforms only: port 25, the front-ends known by their own static IP address or a certificate), which is not bound by the per-mailbox SMTP AUTH limits; tenant limits still apply. Not on OutSystems Cloud: the relay does not support applications hosted by a third party.',
  'Send bulk or high-volume email through a bulk email delivery service instead of a user mailbox.',
];
