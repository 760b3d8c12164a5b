import { CONCURRENCY_TEXTS, OTHER_TEXTS, QUOTA_TEXTS, SMTP_AUTH_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises the Exchange Online daily recipient quota (domain.md 4b: more than 10,000 recipients in
 * a rolling 24 hours from one mailbox): "554 5.2.0 STOREDRV.Submission.Exception:
 * SubmissionQuotaExceededException", "submission quota (was) exceeded", and the NDR code 5.1.90.
 * Not "554 5.2.2 mailbox full ... QuotaExceededException.MapiExceptionShutoffQuotaExceeded", which is
 * a full mailbox, nor 5.2.0 alone, which Exchange uses for many store errors.
 */
export const QUOTA_MATCHERS: readonly Matcher[] = [
  {
    id: 'quota.submission',
    label: '554 5.2.0 SubmissionQuotaExceededException (daily recipient limit, NDR 5.1.90)',
    patterns: [/submission\s*quota\s*(?:was\s+)?exceeded/i, /(?<![\d.])5\d\d[\s:-]+5\.1\.90(?![\d.]*\d)/i, /daily\s+limit\s+for\s+message\s+recipients/i],
    examples: {
      match: QUOTA_TEXTS,
      noMatch: [
        ...CONCURRENCY_TEXTS,
        ...Object.values(SMTP_AUTH_TEXTS).flat(),
        ...OTHER_TEXTS,
        '554 5.2.0 STOREDRV.Submission.Exception:StoragePermanentException',
        '452 4.4.2 Message submission rate for this client has exceeded the configured limit',
      ],
    },
    likePatterns: ['%submission%quota%exceeded%', '%5.1.90%', '%daily%limit%recipients%'],
  },
];
