import { CONCURRENCY_TEXTS, OTHER_TEXTS, QUOTA_TEXTS, SMTP_AUTH_TEXTS } from './example-texts';
import type { Matcher } from './matcher';

/**
 * Recognises the Exchange Online concurrency error (domain.md section 1) in any log or pasted text.
 *
 * The enhanced status code 4.3.2 alone is not enough: Exchange also answers "421 4.3.2 Service not
 * available" for other reasons. The incident is the 432 reply with 4.3.2, or the wording "concurrent
 * connection(s) limit exceeded" / "sender thread limit exceeded", whatever the case, spacing or the
 * client library's prefix.
 */

/**
 * Lower-case LIKE patterns a database can evaluate cheaply before the exact check runs in code.
 * Every text the matcher accepts contains at least one of them (a superset, never a subset), so the
 * prefilter can only let too much through, never lose an occurrence.
 */
export const CONCURRENCY_ERROR_LIKE_PATTERNS = ['%4.3.2%', '%limit%exceeded%'] as const;

export const CONCURRENCY_MATCHER: Matcher = {
  id: 'concurrency.432',
  label: '432 4.3.2 Concurrent connections limit exceeded (or sender thread limit exceeded)',
  patterns: [
    // 432 with 4.3.2, not inside a longer number on either side (14324.3.2, 4.3.21).
    /(?<![\d.])432[\s-]+4\.3\.2(?![\d.]*\d)/i,
    /concurrent\s+connections?\s+limit\s+exceeded/i,
    /sender\s+thread\s+limit\s+exceeded/i,
  ],
  examples: {
    match: CONCURRENCY_TEXTS,
    noMatch: [
      ...Object.values(SMTP_AUTH_TEXTS).flat(),
      ...QUOTA_TEXTS,
      ...OTHER_TEXTS,
      'System.Net.Mail.SmtpException: Service not available, closing transmission channel. The server response was: 4.3.2 Service not available',
    ],
  },
  likePatterns: CONCURRENCY_ERROR_LIKE_PATTERNS,
};

export const CONCURRENCY_MATCHERS: readonly Matcher[] = [CONCURRENCY_MATCHER];
