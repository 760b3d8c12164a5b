import { CONCURRENCY_MATCHERS } from './concurrency-matchers';
import { matchesAny } from './matcher';

/**
 * Recognises the Exchange Online concurrency error (domain.md section 1) in any log or pasted text:
 * the 432 reply with 4.3.2, or the wording "concurrent connection(s) limit exceeded" / "sender
 * thread limit exceeded". The patterns and their examples live in `concurrency-matchers.ts`.
 */
export function isConcurrencyError(text: string): boolean {
  return matchesAny(CONCURRENCY_MATCHERS, text);
}

/**
 * Lower-case LIKE patterns a database can evaluate cheaply before the exact check above runs in
 * code. Every text `isConcurrencyError` accepts contains at least one of them (a superset, never a
 * subset), so the prefilter can only let too much through, never lose an occurrence.
 */
export { CONCURRENCY_ERROR_LIKE_PATTERNS } from './concurrency-matchers';
