import { THREADS_PARAMETER } from '../../shared/capacity/providers';
import { CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import { matchesAny } from '../../shared/incidents/matcher';

/** The 432 search as the concurrency playbook asks the error-log probe for it. */
export const SEARCH_432 = { matchers: CONCURRENCY_MATCHERS, errorName: '432 concurrency error' } as const;

/** The threads for emails, read through the generic parameter probe. */
export const THREADS = { name: THREADS_PARAMETER } as const;

/** Apply on the threads' global row as the concurrency playbook allows it: 1 to 64. */
export const SET_THREADS = { parameter: THREADS_PARAMETER, min: 1, max: 64 } as const;

/** Whether a text is the 432 concurrency error, by the playbook's matchers. */
export function isConcurrencyError(text: string): boolean {
  return matchesAny(CONCURRENCY_MATCHERS, text);
}
