import { CONCURRENCY_TEXTS, OTHER_TEXTS, QUOTA_MAILBOX_TEXTS, QUOTA_TENANT_TEXTS, SMTP_AUTH_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises the Exchange Online daily recipient quota (domain.md 4b: more than 10,000 recipients in
 * a rolling 24 hours from one mailbox): "554 5.2.0 STOREDRV.Submission.Exception:
 * SubmissionQuotaExceededException", "submission quota (was) exceeded", and the NDR code 5.1.90.
 * Not "554 5.2.2 mailbox full ... QuotaExceededException.MapiExceptionShutoffQuotaExceeded", which is
 * a full mailbox, nor 5.2.0 alone, which Exchange uses for many store errors. The second matcher is
 * the tenant's external recipient limit (TERRL), its own form of the incident.
 */
/** The tenant external recipient rate limit's matcher: its id is the form the error log counts. */
export const QUOTA_TENANT_MATCHER_ID = 'quota.tenant-external';

export const QUOTA_MATCHERS: readonly Matcher[] = [
  {
    id: 'quota.submission',
    label: '554 5.2.0 SubmissionQuotaExceededException (daily recipient limit, NDR 5.1.90)',
    patterns: [/submission\s*quota\s*(?:was\s+)?exceeded/i, /(?<![\d.])5\d\d[\s:-]+5\.1\.90(?![\d.]*\d)/i, /daily\s+limit\s+for\s+message\s+recipients/i],
    examples: {
      match: QUOTA_MAILBOX_TEXTS,
      noMatch: [
        ...QUOTA_TENANT_TEXTS,
        ...CONCURRENCY_TEXTS,
        ...Object.values(SMTP_AUTH_TEXTS).flat(),
        ...OTHER_TEXTS,
        '554 5.2.0 STOREDRV.Submission.Exception:StoragePermanentException',
        '452 4.4.2 Message submission rate for this client has exceeded the configured limit',
      ],
    },
    likePatterns: ['%submission%quota%exceeded%', '%5.1.90%', '%daily%limit%recipients%'],
  },
  {
    // Tenant-wide (domain.md 4d): splitting the sending over mailboxes does not help. The old
    // per-mailbox limit of 2,000 external recipients was cancelled and is not recognised.
    id: QUOTA_TENANT_MATCHER_ID,
    label: '550 5.7.233 tenant exceeded its daily limit for sending email to external recipients (TERRL; 5.7.232 on a trial tenant)',
    patterns: [
      /(?<![\d.])5\d\d[\s:-]+5\.7\.23[23](?![\d.]*\d)/i,
      /(?<![\d.])5\.7\.23[23](?![\d.]*\d)\s+your/i,
      /tenant\s+(?:has\s+)?exceeded\s+its\s+daily\s+limit\s+for\s+sending\s+e-?mail\s+to\s+external\s+recipients/i,
    ],
    examples: {
      match: QUOTA_TENANT_TEXTS,
      noMatch: [
        ...QUOTA_MAILBOX_TEXTS,
        ...CONCURRENCY_TEXTS,
        ...Object.values(SMTP_AUTH_TEXTS).flat(),
        ...OTHER_TEXTS,
        'Connected to build 5.7.233 of the gateway',
      ],
    },
    likePatterns: ['%5.7.233%', '%5.7.232%', '%exceeded%daily%limit%external%recipients%'],
  },
];
