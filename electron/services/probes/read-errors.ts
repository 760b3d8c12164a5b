import { ApiError } from '../../../shared/api/errors';
import { firstMatch, likePatternsOf, type Matcher } from '../../../shared/incidents/matcher';
import type { ErrorSample, ErrorsProbeResult, ErrorVariantCount } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { probeFailure, throwIfCancelled, unreadableReason } from './failures';
import { readOnly } from './read-only';
import { errorCandidatesSql, likeParamNames, MAX_LIKE_PATTERNS, type LogView } from './sql/errors';
import type { ErrorsProbeOptions } from './types';
import {
  readClock,
  fromDatabaseLocal,
  toDatabaseLocal,
  logCoveredStart,
  formatUtcMinute,
  likelyChangeWarning,
  type ClockOffset,
  type ZonedClockOffset,
} from './db-time';
import { text } from './values';

const DAY = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 7;
/** At most this many candidate rows per log view: the log is the customer's busiest table. */
export const ERROR_ROW_CAP = 5000;
const SAMPLE_COUNT = 5;
const VIEWS: LogView[] = ['OSLOG_ERROR', 'OSLOG_ERROR_PREVIOUS'];

/** Why a search reaches back at most 14 days (domain.md 4a, 4d). */
export const LOG_VIEWS_WINDOW =
  'The window can be at most 14 days: the two log views show this week and last week (the tables keep the retention period, up to 9 weeks)';

export function errorWindow(opts: Pick<ErrorsProbeOptions, 'since' | 'until' | 'days'>, now: Date): { since: Date; until: Date } {
  const until = opts.until ? new Date(opts.until) : now;
  const since = opts.since ? new Date(opts.since) : new Date(until.getTime() - (opts.days ?? DEFAULT_WINDOW_DAYS) * DAY);
  if (Number.isNaN(until.getTime()) || Number.isNaN(since.getTime()))
    throw new ApiError('invalid_input', 'The time window is not a valid date', { field: 'since' });
  if (since >= until) throw new ApiError('invalid_input', 'The window must start before it ends', { field: 'since' });
  if (until.getTime() - since.getTime() > 14 * DAY)
    // domain.md 4d: the views show two weekly cycles; the tables behind them keep the whole retention period.
    throw new ApiError('invalid_input', LOG_VIEWS_WINDOW, { field: 'since' });
  return { since, until };
}

/**
 * The parameters of one view's statement: the window as database-local text, the prefilter
 * (`like1` ... `likeN`, the playbook's patterns) and the cap.
 */
export function errorQueryParams(since: string, until: string, cap: number, likePatterns: readonly string[]): Record<string, string | number> {
  const names = likeParamNames(likePatterns.length);
  return { since, until, ...Object.fromEntries(names.map((name, i) => [name, likePatterns[i]!])), cap };
}

/** The matchers of a search and their LIKE prefilter, refused when there is nothing to search for or too much. */
export function searchPlan(opts: Pick<ErrorsProbeOptions, 'matchers' | 'errorName'>): {
  matchers: readonly Matcher[];
  likePatterns: string[];
  errorName: string;
} {
  const matchers = opts.matchers;
  if (matchers.length === 0) throw new ApiError('invalid_input', 'Say which error to search for: no matcher was given', { field: 'matchers' });
  const likePatterns = likePatternsOf(matchers);
  if (likePatterns.length === 0)
    throw new ApiError('invalid_input', 'The matchers give no LIKE prefilter, so the log cannot be searched without reading all of it', { field: 'matchers' });
  if (likePatterns.length > MAX_LIKE_PATTERNS) {
    throw new ApiError('invalid_input', `The matchers give ${likePatterns.length} LIKE prefilters; at most ${MAX_LIKE_PATTERNS} are run against the log`, {
      field: 'matchers',
    });
  }
  const errorName = opts.errorName.trim();
  if (!errorName) throw new ApiError('invalid_input', 'Say what the error searched for is called', { field: 'errorName' });
  return { matchers, likePatterns, errorName };
}

/** Which form of the error a matcher counts: its variant, else its id. */
function variantOf(matcher: Matcher): string {
  return matcher.variant ?? matcher.id;
}

/**
 * What the log views can answer for the window asked: the start really searched (never before the
 * previous cycle's start) and, when that is later than asked, a sentence saying so.
 */
export function coveredWindow(
  requested: { since: Date; until: Date },
  clock: ClockOffset,
  now: Date,
): { since: Date; coveredStart: Date; coverageNote?: string } {
  const coveredStart = logCoveredStart(clock, now);
  if (requested.since.getTime() >= coveredStart.getTime()) return { since: requested.since, coveredStart };
  const since = coveredStart.getTime() < requested.until.getTime() ? coveredStart : requested.until;
  const held = Math.max(0, requested.until.getTime() - coveredStart.getTime());
  const coverageNote =
    held === 0
      ? `Asked for ${span(requested.until.getTime() - requested.since.getTime(), 'round')} ending ${formatUtcMinute(requested.until)}; the log views hold nothing that old, only since ${formatUtcMinute(coveredStart)}.`
      : `Asked for ${span(requested.until.getTime() - requested.since.getTime(), 'round')}; the log views hold ${span(held, 'floor')}, since ${formatUtcMinute(coveredStart)}.`;
  return { since, coveredStart, coverageNote };
}

/** "14 days", "9 days", "20 hours", "25 minutes". */
function span(ms: number, rounding: 'round' | 'floor'): string {
  const r = rounding === 'round' ? Math.round : Math.floor;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (ms >= 2 * DAY) return unit(r(ms / DAY), 'day');
  if (ms >= 2 * 3_600_000) return unit(r(ms / 3_600_000), 'hour');
  return unit(Math.max(1, r(ms / 60_000)), 'minute');
}

/**
 * Occurrences of an error (the playbook's matchers) in the
 * current and previous week's log views (the log connection
 * points at the log catalog/schema when the profile has one). Bounded by time window and row cap.
 * The window is built in the database's local time (`clock`, read on this connection when not
 * given) and never reaches before what the two views can hold; results are in UTC.
 */
export async function readErrors(
  conn: DbConnection,
  opts: ErrorsProbeOptions,
  now: Date,
  clock?: ZonedClockOffset,
): Promise<Omit<ErrorsProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const requested = errorWindow(opts, now);
  const plan = searchPlan(opts);
  const dbClock = clock ?? (await readClock(conn, () => now, opts.signal));
  const { since, coveredStart, coverageNote } = coveredWindow(requested, dbClock, now);
  const until = requested.until;
  const params = errorQueryParams(toDatabaseLocal(since, dbClock, conn.engine), toDatabaseLocal(until, dbClock, conn.engine), ERROR_ROW_CAP, plan.likePatterns);
  const problems: string[] = [];
  let capped = false;
  let candidatesRead = 0;
  const matches: Match[] = [];
  if (since < until) {
    await readOnly(conn, async (tx) => {
      for (const [i, view] of VIEWS.entries()) {
        throwIfCancelled(opts.signal, `reading ${view}`);
        opts.progress?.(`Searching ${view} for the ${plan.errorName}`, (i + 0.5) / VIEWS.length);
        let rows: Array<Record<string, unknown>>;
        try {
          rows = await tx.query(errorCandidatesSql(view, plan.likePatterns.length)[tx.engine], params, { signal: opts.signal });
        } catch (error) {
          const reason = unreadableReason(error, view);
          if (reason === null) throw probeFailure(error, `searching ${view}`);
          problems.push(reason);
          continue;
        }
        candidatesRead += rows.length;
        if (rows.length >= ERROR_ROW_CAP) capped = true;
        for (const row of rows) {
          const message = text(row.MESSAGE) ?? '';
          const instant = fromDatabaseLocal(row.LOCAL_INSTANT ?? row.INSTANT, dbClock);
          // The window is compared again in UTC, to the millisecond, whatever the engine rounded.
          if (!instant || instant < since.toISOString() || instant >= until.toISOString()) continue;
          const matcher = firstMatch(plan.matchers, message);
          if (matcher) matches.push({ instant, server: text(row.SERVER), message, matcher });
        }
      }
    });
  }
  const result = summarise(matches, { since, until, capped, problems, candidatesRead, coverageNote, errorName: plan.errorName, matchers: plan.matchers });
  if (since >= until) result.summary = `Nothing was searched: ${coverageNote ?? 'the window is empty.'}`;
  // Only an offset known: say when the window may cross a daylight-saving change (domain.md 4d).
  const change = since < until ? likelyChangeWarning(dbClock, since, until) : null;
  if (change) result.summary += ` ${change}`;
  return {
    ...result,
    requestedStart: requested.since.toISOString(),
    coveredStart: coveredStart.toISOString(),
    ...(coverageNote ? { coverageNote } : {}),
  };
}

export type ErrorMatch = ErrorSample & { matcher: Matcher };
type Match = ErrorMatch;

/** "No 432 concurrency errors", "No SMTP authentication errors"; a name that is not "... error": "No occurrence of the ...". */
function noneOf(errorName: string): string {
  return /error$/i.test(errorName) ? `No ${errorName}s` : `No occurrence of the ${errorName}`;
}

/** Counts per form, newest-first matches in; most frequent first, then in the matchers' order. */
function perVariantOf(matches: Match[], matchers: readonly Matcher[]): ErrorVariantCount[] {
  const order = [...new Set(matchers.map(variantOf))];
  const labels = new Map<string, string>();
  for (const m of matchers) if (!labels.has(variantOf(m))) labels.set(variantOf(m), m.label);
  const byVariant = new Map<string, ErrorVariantCount>();
  for (const m of matches) {
    const variant = variantOf(m.matcher);
    const entry = byVariant.get(variant);
    // Newest first: the first seen is the last one met.
    if (entry) {
      entry.count += 1;
      entry.firstSeen = m.instant;
    } else byVariant.set(variant, { variant, label: labels.get(variant) ?? m.matcher.label, count: 1, firstSeen: m.instant, lastSeen: m.instant });
  }
  return [...byVariant.values()].sort((a, b) => b.count - a.count || order.indexOf(a.variant) - order.indexOf(b.variant));
}

/**
 * The search's result from its matches: counts, first and last seen, per server, hour and form,
 * samples and the summary. Also builds the result of an imported export (`windowText` then says
 * which span of the file it covers, e.g. "between 2026-12-01 08:00 UTC and 2026-12-01 14:05 UTC").
 */
export function summarise(
  found: Match[],
  info: {
    since: Date;
    until: Date;
    capped: boolean;
    problems: string[];
    candidatesRead: number;
    coverageNote?: string;
    errorName: string;
    matchers: readonly Matcher[];
    windowText?: string;
  },
) {
  found.sort((a, b) => b.instant.localeCompare(a.instant));
  const perVariant = perVariantOf(found, info.matchers);
  const matches: ErrorSample[] = found.map(({ instant, server, message }) => ({ instant, server, message }));
  const perServer = new Map<string, number>();
  const perHour = new Map<string, number>();
  for (const m of matches) {
    perServer.set(m.server ?? '(no server)', (perServer.get(m.server ?? '(no server)') ?? 0) + 1);
    const hour = `${m.instant.slice(0, 13)}:00:00.000Z`;
    perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
  }
  const samples: ErrorSample[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    // Distinct wordings first: the email id alone does not make a new sample.
    const key = m.message.replace(/\d+/g, '#');
    if (seen.has(key)) continue;
    seen.add(key);
    samples.push(m);
    if (samples.length === SAMPLE_COUNT) break;
  }
  const count = matches.length;
  // Cut short by what the log views hold: name the real start rather than round it to "the last N days".
  const window = info.windowText ?? (info.coverageNote ? `since ${formatUtcMinute(info.since)}` : describeWindow(info.since, info.until));
  let summary =
    count === 0
      ? `${noneOf(info.errorName)} in the log ${window}.`
      : `${info.capped ? 'At least ' : ''}${count} occurrence${count === 1 ? '' : 's'} of the ${info.errorName} ${window}, on ${perServer.size} server${perServer.size === 1 ? '' : 's'}.`;
  // A playbook that tells forms apart gets the count of each form found.
  if (count > 0 && new Set(info.matchers.map(variantOf)).size > 1) summary += ` By form: ${perVariant.map((v) => `${v.count} ${v.label}`).join('; ')}.`;
  if (info.capped) summary += ` The search stopped at ${ERROR_ROW_CAP} candidate rows per log view to spare the database; the count is a lower bound.`;
  if (info.problems.length) summary += ` Not searched: ${info.problems.join('; ')}.`;
  if (info.coverageNote) summary += ` ${info.coverageNote}`;
  return {
    windowStart: info.since.toISOString(),
    windowEnd: info.until.toISOString(),
    count,
    capped: info.capped,
    firstSeen: matches.at(-1)?.instant ?? null,
    lastSeen: matches[0]?.instant ?? null,
    perServer: [...perServer].map(([server, n]) => ({ server, count: n })).sort((a, b) => b.count - a.count),
    perHour: [...perHour].map(([hour, n]) => ({ hour, count: n })).sort((a, b) => a.hour.localeCompare(b.hour)),
    samples,
    summary,
    ...(info.problems.length ? { problems: info.problems } : {}),
    candidatesRead: info.candidatesRead,
    perVariant,
  };
}

/**
 * "over the last 7 days", or for the short windows of a check after a restart "over the last
 * 25 minutes" (a window of a few minutes must not read "over the last 0 days").
 */
export function describeWindow(since: Date, until: Date): string {
  const minutes = Math.max(0, Math.round((until.getTime() - since.getTime()) / 60_000));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes <= 1) return 'over the last minute';
  if (minutes < 120) return `over the last ${unit(minutes, 'minute')}`;
  if (minutes < 48 * 60) return `over the last ${unit(Math.round(minutes / 60), 'hour')}`;
  return `over the last ${unit(Math.round(minutes / 1440), 'day')}`;
}
