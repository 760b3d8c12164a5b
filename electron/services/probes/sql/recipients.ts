import type { DbEngine } from '../../db/types';
import { cappedSelect, statusJoin, type StatusJoinKey } from './email-queue';
import { localTimeParam, safeIdentifier, type EngineSql } from './engine-sql';

const ENGINES: DbEngine[] = ['sqlserver', 'oracle', 'demo'];

/**
 * Where the recipient columns are read: on the status table itself (it is OSSYS_EMAIL), on
 * OSSYS_EMAIL joined by the status table's key (EMAIL_ID or ID, discovered), or nowhere (only
 * emails are counted).
 */
export type RecipientsAt = 'status' | 'email' | null;

/** A column name quoted for the engine: TO is a reserved word everywhere. */
function quoted(engine: DbEngine, column: string): string {
  const name = safeIdentifier(column);
  return engine === 'sqlserver' ? `[${name}]` : `"${name}"`;
}

/**
 * Recipients in one address-list column: 0 when empty, else 1 + the `;` and `,` separators in it.
 * SQL Server casts to nvarchar(max) first (REPLACE refuses ntext); LEN ignores trailing spaces.
 * Oracle counts with REGEXP_COUNT, which also reads CLOBs; '' is NULL there.
 */
export function recipientCountExpr(engine: DbEngine, column: string): string {
  if (engine === 'sqlserver') {
    const c = `CAST(${column} AS nvarchar(max))`;
    return `CASE WHEN LEN(${c}) > 0 THEN 1 + LEN(${c}) - LEN(REPLACE(${c}, ';', '')) + LEN(${c}) - LEN(REPLACE(${c}, ',', '')) ELSE 0 END`;
  }
  if (engine === 'oracle') return `CASE WHEN TRIM(${column}) IS NULL THEN 0 ELSE 1 + REGEXP_COUNT(${column}, '[;,]') END`;
  return `CASE WHEN TRIM(COALESCE(${column}, '')) = '' THEN 0 ELSE 1 + LENGTH(${column}) - LENGTH(REPLACE(${column}, ';', '')) + LENGTH(${column}) - LENGTH(REPLACE(${column}, ',', '')) END`;
}

/**
 * Emails of the status table marked sent at or after `since` (database-local) and, when recipient
 * columns are given, the sum of their recipients, read through a bounded subquery (at most `cap`
 * emails, the newest sent, so N = cap means the cap was hit). N = emails, RECIPIENTS = recipients
 * (NULL when no recipient column is read). Table and column names come from the catalog, through
 * safeIdentifier; `key` is the status table's column that holds OSSYS_EMAIL's ID.
 */
export function recipientsSql(statusTable: string, recipientColumns: readonly string[], at: RecipientsAt, key: StatusJoinKey = 'EMAIL_ID'): EngineSql {
  const t = safeIdentifier(statusTable);
  const columns = at ? recipientColumns : [];
  const out = {} as EngineSql;
  for (const engine of ENGINES) {
    const alias = at === 'email' ? 'e' : 's';
    const from = at === 'email' ? statusJoin(statusTable, key) : `FROM ${t} s`;
    const r = columns.length ? columns.map((c) => recipientCountExpr(engine, `${alias}.${quoted(engine, c)}`)).join(' + ') : null;
    const select = r ? `(${r}) AS R` : 's.SENT';
    const inner = cappedSelect(engine, select, `${from} WHERE s.SENT >= ${localTimeParam(engine, 'since')}`, 's.SENT');
    out[engine] = `SELECT COUNT(*) AS N, ${r ? 'SUM(R)' : 'NULL'} AS RECIPIENTS FROM (${inner}) q`;
  }
  return out;
}
