import { safeIdentifier, type EngineSql } from './engine-sql';

/**
 * Counts of the discovered email status table. OutSystems writes "no date" as 1900-01-01, so
 * "not sent" is SENT empty or before `nullDateLimit` (1900-01-02).
 */
export function emailQueueSql(table: string): EngineSql {
  const t = safeIdentifier(table);
  const counts = (p: '@' | ':') => `SELECT
      SUM(CASE WHEN (SENT IS NULL OR SENT < ${p}nullDateLimit) AND ERROR_COUNT = 0 THEN 1 ELSE 0 END) AS PENDING,
      SUM(CASE WHEN (SENT IS NULL OR SENT < ${p}nullDateLimit) AND ERROR_COUNT > 0 THEN 1 ELSE 0 END) AS FAILING,
      SUM(CASE WHEN SENT >= ${p}since THEN 1 ELSE 0 END) AS SENT_24H
    FROM ${t}`;
  return { sqlserver: counts('@'), oracle: counts(':'), demo: counts(':') };
}
