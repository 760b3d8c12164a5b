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
}

export const PROVIDERS: Record<ProviderId, ProviderPreset> = {
  'exchange-online': {
    id: 'exchange-online',
    name: 'Exchange Online SMTP AUTH (smtp.office365.com:587)',
    limit: 3,
    perMinuteCap: 30,
    note: '3 concurrent connections and 30 messages per minute per mailbox (Microsoft Learn).',
  },
  'exchange-relay': {
    id: 'exchange-relay',
    name: 'Exchange Online SMTP relay connector (port 25)',
    limit: null,
    perMinuteCap: null,
    note: 'Not bound by the SMTP AUTH limits; Microsoft documents no connection limit, so give the one you want to check.',
  },
  'google-relay': {
    id: 'google-relay',
    name: 'Google Workspace SMTP relay',
    limit: null,
    perMinuteCap: null,
    note: 'Google publishes no concurrent connection limit (10,000 messages per user per 24 h); give the one you want to check.',
  },
  'amazon-ses': {
    id: 'amazon-ses',
    name: 'Amazon SES SMTP',
    limit: null,
    perMinuteCap: null,
    note: 'Amazon publishes no connection limit; the account has a send rate (messages per second). Give the limits you want to check.',
  },
  custom: {
    id: 'custom',
    name: 'Custom SMTP server',
    limit: null,
    perMinuteCap: null,
    note: 'Give the concurrent connection limit (and a per-minute cap if there is one).',
  },
};

export const PROVIDER_LIST: ProviderPreset[] = Object.values(PROVIDERS);

export const THREADS_PARAMETER = 'Scheduler.NumberOfThreadsForEmails';

/** What Microsoft documents when no change of threads or servers fits (domain.md section 2). */
export const MICROSOFT_ALTERNATIVES: string[] = [
  'Give each environment or application its own sending mailbox: the limit counts per mailbox, so each mailbox gets its own connections.',
  'Send through an Exchange Online SMTP relay connector (port 25), which is not bound by the SMTP AUTH limits.',
  'Send bulk or high-volume email through a bulk email delivery service instead of a user mailbox.',
];
