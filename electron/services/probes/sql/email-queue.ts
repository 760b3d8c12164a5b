import type { DbEngine } from '../../db/types';
import { localTimeParam, safeIdentifier, type EngineSql } from './engine-sql';

/**
 * Where an email's creation time is: a CREATED column on the status table itself, CREATED on
 * OSSYS_EMAIL joined by the status table's key, or nowhere found (then no time window and no
 * telling abandoned from retrying).
 */
export type EmailCreatedAt = 'status' | 'email' | null;

/**
 * The status table's column that holds OSSYS_EMAIL's ID. Public descriptions say the two tables
 * share the same Id; whether the status table calls it EMAIL_ID or ID is not documented (domain.md
 * 4d), so the probe reads the columns and picks EMAIL_ID when there is one, else ID.
 */
export type StatusJoinKey = 'EMAIL_ID' | 'ID';

const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];

/**
 * TOP / FETCH FIRST / LIMIT around one bounded inner SELECT. `newestFirst` orders it so that, when
 * the cap is hit, the rows kept are the newest ones, not whichever the engine met first.
 */
export function cappedSelect(engine: DbEngine, select: string, rest: string, newestFirst: string | null): string {
  const order = newestFirst ? ` ORDER BY ${newestFirst} DESC` : '';
  if (engine === 'sqlserver') return `SELECT TOP (@cap) ${select} ${rest}${order}`;
  if (engine === 'oracle') return `SELECT ${select} ${rest}${order} FETCH FIRST :cap ROWS ONLY`;
  return `SELECT ${select} ${rest}${order} LIMIT :cap`;
}

/** `FROM <status> s JOIN OSSYS_EMAIL e ON e.ID = s.<key>`: the join by the discovered key. */
export function statusJoin(table: string, key: StatusJoinKey): string {
  return `FROM ${safeIdentifier(table)} s JOIN OSSYS_EMAIL e ON e.ID = s.${safeIdentifier(key)}`;
}

function bySource(table: string, created: EmailCreatedAt, key: StatusJoinKey | null) {
  const t = safeIdentifier(table);
  const createdColumn = created === 'status' ? 's.CREATED' : created === 'email' && key ? 'e.CREATED' : null;
  const from = createdColumn === 'e.CREATED' && key ? statusJoin(table, key) : `FROM ${t} s`;
  // Without a creation time, the key stands in for age: OutSystems ids grow as emails are created.
  const newest = createdColumn ?? (key ? `s.${safeIdentifier(key)}` : null);
  return { createdColumn, from, newest };
}

/**
 * Counts of the discovered email status table, bounded twice: emails created since `windowStart`
 * (when the creation time is known) and at most `cap` rows, the newest, read by a bounded subquery.
 * Times are database-local parameters. OutSystems writes "no date" as 1900-01-01, so "not sent" is
 * SENT empty or before `nullDateLimit` (1900-01-02). A failed email created before `backoffStart`
 * (now minus Scheduler.EmailBackoffMaxDays) is abandoned; a later one is still retried. N = rows
 * read (= cap when the cap was hit).
 */
export function emailQueueSql(table: string, created: EmailCreatedAt, key: StatusJoinKey | null = 'EMAIL_ID'): EngineSql {
  const { createdColumn, from, newest } = bySource(table, created, key);
  const out = {} as EngineSql;
  for (const engine of ENGINES) {
    const at = (name: string) => localTimeParam(engine, name);
    const inner = cappedSelect(
      engine,
      `s.SENT, s.ERROR_COUNT${createdColumn ? `, ${createdColumn} AS CREATED` : ''}`,
      `${from}${createdColumn ? ` WHERE ${createdColumn} >= ${at('windowStart')}` : ''}`,
      newest,
    );
    const unsent = `(SENT IS NULL OR SENT < ${at('nullDateLimit')})`;
    const failed = (when: string) => `SUM(CASE WHEN ${unsent} AND ERROR_COUNT > 0${when} THEN 1 ELSE 0 END)`;
    out[engine] = `SELECT COUNT(*) AS N,
      SUM(CASE WHEN ${unsent} AND ERROR_COUNT = 0 THEN 1 ELSE 0 END) AS PENDING,
      ${createdColumn ? failed(` AND CREATED >= ${at('backoffStart')}`) : failed('')} AS FAILING,
      ${createdColumn ? failed(` AND CREATED < ${at('backoffStart')}`) : 'NULL'} AS ABANDONED,
      SUM(CASE WHEN SENT >= ${at('since24h')} THEN 1 ELSE 0 END) AS SENT_24H
    FROM (${inner}) q`;
  }
  return out;
}

/** Emails marked sent at or after `since` (database-local), counted through a bounded subquery, newest first. */
export function emailsSentSql(table: string): EngineSql {
  const t = safeIdentifier(table);
  const out = {} as EngineSql;
  for (const engine of ENGINES) {
    out[engine] = `SELECT COUNT(*) AS N FROM (${cappedSelect(engine, 's.SENT', `FROM ${t} s WHERE s.SENT >= ${localTimeParam(engine, 'since')}`, 's.SENT')}) q`;
  }
  return out;
}
