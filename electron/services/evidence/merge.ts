import { createHash } from 'node:crypto';
import { matcherAccepts, type Matcher } from '../../../shared/incidents/matcher';
import type { ErrorsProbeResult, ImportedOccurrence } from '../../../shared/probes/types';
import type { ErrorMatch } from '../probes/read-errors';

/**
 * Imports add up: a second export (or a few pasted lines) counts on top of the first, and a row
 * already counted (same time, server and message) is not counted twice. A session keeps, per
 * occurrence, its time, server, form and a short fingerprint of the message (never the message
 * itself), so the union can be recounted without keeping the customer's rows.
 */

/**
 * At most this many occurrences are kept to add later imports to (about 90 bytes each, well within a
 * session file's 5 MB); past it, a later import can only replace the count.
 */
export const MAX_KEPT_OCCURRENCES = 20_000;

export function occurrenceKey(instant: string, server: string | null, message: string): string {
  return createHash('sha256')
    .update(`${instant}\u0000${server ?? ''}\u0000${message}`)
    .digest('hex')
    .slice(0, 16);
}

export function occurrencesOf(matches: readonly ErrorMatch[], matchers: readonly Matcher[]): ImportedOccurrence[] {
  return matches.map((m) => ({ at: m.instant, server: m.server, matcher: matchers.indexOf(m.matcher), key: occurrenceKey(m.instant, m.server, m.message) }));
}

/**
 * The earlier import's occurrences as matches again, to be counted with the new ones. Their
 * messages are not kept: each stands with a sample of its own form from the earlier result, which
 * is all the counts and samples need.
 */
export function earlierMatches(previous: ErrorsProbeResult, matchers: readonly Matcher[]): ErrorMatch[] {
  const occurrences = previous.evidence?.occurrences ?? [];
  const sampleOf = (matcher: Matcher) => previous.samples.find((s) => matcherAccepts(matcher, s.message))?.message ?? previous.samples[0]?.message ?? '';
  return occurrences.flatMap((o) => {
    const matcher = matchers[o.matcher];
    return matcher ? [{ instant: o.at, server: o.server, message: sampleOf(matcher), matcher }] : [];
  });
}

/** The new matches not already counted by the earlier import. */
export function newOnly(matches: readonly ErrorMatch[], previous: ErrorsProbeResult | undefined): ErrorMatch[] {
  const seen = new Set((previous?.evidence?.occurrences ?? []).map((o) => o.key));
  return matches.filter((m) => !seen.has(occurrenceKey(m.instant, m.server, m.message)));
}
