import type { DbEngine } from '../../db/types';
import { localTimeParam, safeIdentifier, type EngineSql } from './engine-sql';

/**
 * Where an email's creation time is: a CREATED column on the status table itself, CREATED on
 * OSSYS_EMAIL joined by the status table's EMAIL_ID, or nowhere found (then no time window and no
 * telling abandoned from retrying).
 */
export type EmailCreatedAt = 'status' | 'email' | null;

const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];

/** TOP / FETCH FIRST / LIMIT around one bounded inner SELECT. */
function capped(engine: DbEngine, select: string, rest: string): string {
  if (engine === 'sqlserver') return `SELECT TOP (@cap) ${select} ${rest}`;
  if (engine === 'oracle') return `SELECT ${select} ${rest} FETCH FIRST :cap ROWS ONLY`;
  return `SELECT ${select} ${rest} LIMIT :cap`;
}

function bySource(table: string, created: EmailCreatedAt) {
  const t = safeIdentifier(table);
  const createdColumn = created === 'status' ? 's.CREATED' : created === 'email' ? 'e.CREATED' : null;
  const from = created === 'email' ? `FROM ${t} s JOIN OSSYS_EMAIL e ON e.ID = s.EMAIL_ID` : `FROM ${t} s`;
  return { createdColumn, from };
}

/**
 * Counts of the discovered email status table, bounded twice: emails created since `windowStart`
 * (when the creation time is known) and at most `cap` rows, read by a bounded subquery. Times are
 * database-local parameters. OutSystems writes "no date" as 1900-01-01, so "not sent" is SENT empty
 * or before `nullDateLimit` (1900-01-02). A failed email created before `backoffStart` (now minus
 * Scheduler.EmailBackoffMaxDays) is abandoned; a later one is still retried. N = rows read (= cap
 * when the cap was hit).
 */
export function emailQueueSql(table: string, created: EmailCreatedAt): EngineSql {
  const { createdColumn, from } = bySource(table, created);
  const out = {} as EngineSql;
  for (const engine of ENGINES) {
    const at = (name: string) => localTimeParam(engine, name);
    const inner = capped(
      engine,
      `s.SENT, s.ERROR_COUNT${createdColumn ? `, ${createdColumn} AS CREATED` : ''}`,
      `${from}${createdColumn ? ` WHERE ${createdColumn} >= ${at('windowStart')}` : ''}`,
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

/** Emails marked sent at or after `since` (database-local), counted through a bounded subquery. */
export function emailsSentSql(table: string): EngineSql {
  const t = safeIdentifier(table);
  const out = {} as EngineSql;
  for (const engine of ENGINES) {
    out[engine] = `SELECT COUNT(*) AS N FROM (${capped(engine, 's.SENT', `FROM ${t} s WHERE s.SENT >= ${localTimeParam(engine, 'since')}`)}) q`;
  }
  return out;
}
