/**
 * Recognises the Exchange Online concurrency error (domain.md section 1) in any log or pasted text.
 *
 * The enhanced status code 4.3.2 alone is not enough: Exchange also answers "421 4.3.2 Service not
 * available" for other reasons. The incident is the 432 reply with 4.3.2, or the wording "concurrent
 * connection(s) limit exceeded" / "sender thread limit exceeded", whatever the case, spacing or the
 * client library's prefix.
 */
const PATTERNS: readonly RegExp[] = [
  /(?:^|[^\d.])432[\s-]+4\.3\.2(?![\d.]*\d)/i,
  /concurrent\s+connections?\s+limit\s+exceeded/i,
  /sender\s+thread\s+limit\s+exceeded/i,
];

export function isConcurrencyError(text: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(text));
}

/**
 * Lower-case LIKE patterns a database can evaluate cheaply before the exact check above runs in
 * code. Every text `isConcurrencyError` accepts contains at least one of them (a superset, never a
 * subset), so the prefilter can only let too much through, never lose an occurrence.
 */
export const CONCURRENCY_ERROR_LIKE_PATTERNS = ['%4.3.2%', '%limit%exceeded%'] as const;
