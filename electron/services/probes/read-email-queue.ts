import type { EmailQueueProbeResult, EmailsSentProbeResult } from '../../../shared/probes/types';
import { ApiError } from '../../../shared/api/errors';
import type { DbConnection } from '../db/types';
import { formatUtcMinute, likelyChangeWarning, localText, toDatabaseLocal, type ZonedClockOffset } from './db-time';
import { probeFailure, unreadableReason } from './failures';
import { missingPlatformSchema } from './platform-schema';
import { readOnly } from './read-only';
import { readColumns } from './read-servers';
import { emailQueueSql, emailsSentSql, type EmailCreatedAt, type StatusJoinKey } from './sql/email-queue';
import { readParameterSql } from './sql/threads';
import type { ProbeCallOptions } from './types';
import { count, text } from './values';

const DAY = 86_400_000;
/** OutSystems' "no date" is 1900-01-01; anything before the next day (wall clock, no zone) is "not sent". */
const NULL_DATE_LIMIT_LOCAL = Date.UTC(1900, 0, 2);
const STATUS_COLUMNS = ['ERROR_COUNT', 'SENT'];
/** Emails counted: those created in the last 14 days, at most EMAIL_ROW_CAP of them. */
export const EMAIL_WINDOW_DAYS = 14;
export const EMAIL_ROW_CAP = 10_000;
export const BACKOFF_PARAMETER = 'Scheduler.EmailBackoffMaxDays';
/** The back-off when the parameter has no row (domain.md 2: default 2 [I]). */
export const DEFAULT_BACKOFF_DAYS = 2;

export type Found =
  | {
      table: string;
      created: EmailCreatedAt;
      /** The status table's column joined to OSSYS_EMAIL.ID; null when there is none (or the table is OSSYS_EMAIL). */
      joinKey: StatusJoinKey | null;
      columns: Map<string, Set<string>>;
    }
  | { reason: string };

/**
 * The column of the status table that holds OSSYS_EMAIL's ID, read from its columns (domain.md 4d:
 * "EMAIL_ID or ID", not documented): EMAIL_ID when there is one, else ID, the same Id the two
 * tables are said to share; null when OSSYS_EMAIL has no ID or the status table neither column.
 */
export function statusJoinKey(table: string, statusColumns: ReadonlySet<string>, emailColumns: ReadonlySet<string> | undefined): StatusJoinKey | null {
  if (table === 'OSSYS_EMAIL' || !emailColumns?.has('ID')) return null;
  if (statusColumns.has('EMAIL_ID')) return 'EMAIL_ID';
  return statusColumns.has('ID') ? 'ID' : null;
}

/** "OSSYS_EMAIL_STATUS.EMAIL_ID = OSSYS_EMAIL.ID": which join was used, said in the evidence. */
export function joinWords(table: string, key: StatusJoinKey): string {
  return `joined by ${table}.${key} = OSSYS_EMAIL.ID${key === 'ID' ? ` (${table} has no EMAIL_ID column)` : ''}`;
}

/**
 * The Email_Status entity's table (OSSYS_EMAIL… with ERROR_COUNT and SENT), the key that joins it
 * to OSSYS_EMAIL, where creation times are, and the columns of the email tables as the catalog
 * listed them.
 */
export async function findStatusTable(tx: DbConnection, signal?: AbortSignal): Promise<Found> {
  let columns: Map<string, Set<string>>;
  try {
    columns = await readColumns(tx, signal);
  } catch (error) {
    const reason = unreadableReason(error, 'the column catalog');
    if (reason === null) throw probeFailure(error, 'looking for the email status table');
    return { reason };
  }
  const found = [...columns].find(([name, cols]) => name.startsWith('OSSYS_EMAIL') && STATUS_COLUMNS.every((c) => cols.has(c)));
  if (!found) {
    const schemaProblem = columns.size === 0 ? await missingPlatformSchema(tx, signal) : null;
    return { reason: schemaProblem ?? 'no OSSYS_EMAIL… table with ERROR_COUNT and SENT columns (the Email_Status entity) was found' };
  }
  const [table, cols] = found;
  const email = columns.get('OSSYS_EMAIL');
  const joinKey = statusJoinKey(table, cols, email);
  const created: EmailCreatedAt = cols.has('CREATED') ? 'status' : joinKey && email?.has('CREATED') ? 'email' : null;
  return { table, created, joinKey, columns };
}

/** Scheduler.EmailBackoffMaxDays from its global row, or the default, and which it was. */
async function readBackoff(tx: DbConnection, signal?: AbortSignal): Promise<{ days: number; origin: string }> {
  const fallback = (why: string) => ({ days: DEFAULT_BACKOFF_DAYS, origin: `${why}, so the default ${DEFAULT_BACKOFF_DAYS} days was used` });
  let rows: Array<{ VAL: unknown; HOST: unknown }>;
  try {
    rows = await tx.query(readParameterSql[tx.engine], { name: BACKOFF_PARAMETER.toLowerCase(), cap: 50 }, { signal });
  } catch (error) {
    const reason = unreadableReason(error, 'OSSYS_PARAMETER');
    if (reason === null) throw probeFailure(error, `reading ${BACKOFF_PARAMETER}`);
    return fallback(`${BACKOFF_PARAMETER} could not be read (${reason})`);
  }
  const global = rows.find((r) => !text(r.HOST));
  if (!global) return fallback(`${BACKOFF_PARAMETER} has no row`);
  const value = Number(text(global.VAL)?.trim());
  if (!Number.isFinite(value) || value <= 0) return fallback(`${BACKOFF_PARAMETER} holds "${text(global.VAL) ?? ''}", not a number of days`);
  return { days: value, origin: `${BACKOFF_PARAMETER} = ${value} in OSSYS_PARAMETER` };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Pending, failing (still retried), abandoned (failed past the back-off) and sent-in-24-h counts
 * of the Email_Status entity, once its table is found: emails created in the last
 * EMAIL_WINDOW_DAYS days, at most EMAIL_ROW_CAP rows, windows in database-local time.
 */
export async function readEmailQueue(
  conn: DbConnection,
  opts: ProbeCallOptions,
  now: Date,
  clock: ZonedClockOffset,
): Promise<Omit<EmailQueueProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const unknown = (reason: string) => ({ known: false, reason, summary: `The email queue is unknown: ${reason}` });
  return readOnly(conn, async (tx) => {
    opts.progress?.('Looking for the email status table', 0.2);
    const found = await findStatusTable(tx, opts.signal);
    if ('reason' in found) return unknown(found.reason);
    const { table, created, joinKey } = found;
    opts.progress?.(`Reading ${BACKOFF_PARAMETER}`, 0.4);
    const backoff = await readBackoff(tx, opts.signal);
    opts.progress?.(`Counting emails in ${table}`, 0.6);
    const local = (date: Date) => toDatabaseLocal(date, clock, tx.engine);
    const params = {
      nullDateLimit: localText(NULL_DATE_LIMIT_LOCAL, tx.engine),
      since24h: local(new Date(now.getTime() - DAY)),
      cap: EMAIL_ROW_CAP,
      ...(created
        ? { windowStart: local(new Date(now.getTime() - EMAIL_WINDOW_DAYS * DAY)), backoffStart: local(new Date(now.getTime() - backoff.days * DAY)) }
        : {}),
    };
    try {
      const [row] = await tx.query<Record<string, unknown>>(emailQueueSql(table, created, joinKey)[tx.engine], params, { signal: opts.signal });
      const pending = count(row?.PENDING);
      const failing = count(row?.FAILING);
      const abandoned = created ? count(row?.ABANDONED) : undefined;
      const sentLast24h = count(row?.SENT_24H);
      const isCapped = count(row?.N) >= EMAIL_ROW_CAP;
      const scope = created
        ? `emails created in the last ${EMAIL_WINDOW_DAYS} days in ${table}${created === 'email' && joinKey ? `, ${joinWords(table, joinKey)}` : ''}`
        : `${table}, with no time window: no creation time was found for its rows`;
      const parts = [
        `${plural(pending, 'email')} waiting`,
        abandoned === undefined
          ? `${failing} failing (retried or abandoned: without a creation time the two cannot be told apart)`
          : `${failing} failing and still retried`,
        ...(abandoned === undefined ? [] : [`${abandoned} abandoned after ${plural(backoff.days, 'day')} of retries (lost mail)`]),
        `${sentLast24h} sent in the last 24 hours`,
      ];
      // A fact's value (the email queue), shown in sentences that add their own full stop: a phrase.
      const capNote = isCapped ? `; lower bounds: the count stopped at the newest ${EMAIL_ROW_CAP} rows to spare the database` : '';
      const change = created ? likelyChangeWarning(clock, new Date(now.getTime() - EMAIL_WINDOW_DAYS * DAY), now) : null;
      const summary = `${parts.join(', ')} (${scope}; back-off: ${backoff.origin}${capNote})${change ? `. ${change}` : ''}`;
      return {
        known: true,
        pending,
        failing,
        ...(abandoned === undefined ? {} : { abandoned }),
        sentLast24h,
        ...(created ? { windowDays: EMAIL_WINDOW_DAYS } : {}),
        backoffMaxDays: backoff.days,
        capped: isCapped,
        summary,
      };
    } catch (error) {
      const reason = unreadableReason(error, table);
      if (reason === null) throw probeFailure(error, `counting emails in ${table}`);
      return unknown(reason);
    }
  });
}

/** At most this many sent emails are counted since a time; enough to prove a fix under load. */
export const SENT_ROW_CAP = 10_000;

/** Emails whose SENT time (database-local, compared as such) is at or after `since`. */
export async function readEmailsSent(
  conn: DbConnection,
  opts: ProbeCallOptions & { since: string },
  clock: ZonedClockOffset,
): Promise<Omit<EmailsSentProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const since = new Date(opts.since);
  if (Number.isNaN(since.getTime())) throw new ApiError('invalid_input', 'The start of the count is not a valid date', { field: 'since' });
  const sinceIso = since.toISOString();
  const unknown = (reason: string) => ({
    since: sinceIso,
    known: false,
    reason,
    summary: `Emails sent since ${formatUtcMinute(since)} are unknown: ${reason}.`,
  });
  return readOnly(conn, async (tx) => {
    opts.progress?.('Looking for the email status table', 0.2);
    const found = await findStatusTable(tx, opts.signal);
    if ('reason' in found) return unknown(found.reason);
    opts.progress?.(`Counting emails sent in ${found.table}`, 0.6);
    try {
      const [row] = await tx.query<Record<string, unknown>>(
        emailsSentSql(found.table)[tx.engine],
        { since: toDatabaseLocal(since, clock, tx.engine), cap: SENT_ROW_CAP },
        { signal: opts.signal },
      );
      const n = count(row?.N);
      const isCapped = n >= SENT_ROW_CAP;
      return {
        since: sinceIso,
        known: true,
        count: n,
        capped: isCapped,
        summary: `${isCapped ? 'At least ' : ''}${plural(n, 'email')} sent since ${formatUtcMinute(since)} (${found.table}).`,
      };
    } catch (error) {
      const reason = unreadableReason(error, found.table);
      if (reason === null) throw probeFailure(error, `counting emails sent in ${found.table}`);
      return unknown(reason);
    }
  });
}
