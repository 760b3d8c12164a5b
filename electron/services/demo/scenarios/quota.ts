import { between, seededRandom, spread } from '../random';
import { HOUR, WITHIN_LIMIT, type DemoSeed } from '../seed-model';
import { OTHER_MESSAGES, QUOTA_MESSAGES } from '../texts';

/** How long the recipient quota has been exceeded: errors over this many hours before now. */
export const QUOTA_ERROR_HOURS = 20;
export const QUOTA_ERRORS = 120;
/** Emails sent in the last 24 h and their recipients each: 1,400 x 3..15 is about 12,600, above 10,000. */
export const QUOTA_SENT_LAST_24H = 1400;
export const QUOTA_RECIPIENTS = { min: 3, max: 15 } as const;

/**
 * The daily recipient quota: a campaign sent 1,400 emails of 3 to 15 recipients each between 24 and
 * 20 hours ago, more than 10,000 recipients in the rolling 24 h; since then Exchange Online answers
 * 554 5.2.0 SubmissionQuotaExceededException and failing emails queue up.
 */
export function quotaSeed(now: Date): DemoSeed {
  const random = seededRandom(520);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'quota',
    scenario: 'quota',
    ...WITHIN_LIMIT,
    errors: [
      ...between(now, random, QUOTA_ERRORS, QUOTA_ERROR_HOURS * HOUR, 5 * 60_000, servers, QUOTA_MESSAGES, 'EmailSender', 70000),
      ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders'),
    ],
    emails: {
      failing: 80,
      pending: 25,
      sentLast24h: QUOTA_SENT_LAST_24H,
      sentOlder: 600,
      recipients: QUOTA_RECIPIENTS,
      recentHours: { from: 23.5, to: QUOTA_ERROR_HOURS + 0.5 },
      failingHours: { from: QUOTA_ERROR_HOURS, to: 0 },
    },
  };
}
