import type { EngineSql } from './engine-sql';

/**
 * Apply and Undo of a parameter (Scheduler.NumberOfThreadsForEmails first), global row only; `name`
 * is the lower-cased parameter name, a parameter like the values. The lock read keeps the row
 * from changing between the check and the update; the UPDATE also re-checks the value it replaces,
 * so it changes nothing when someone else got there first. SQL Server global rows may hold '' in
 * HOST; Oracle stores '' as NULL.
 */
export const lockGlobalParameterSql: EngineSql = {
  sqlserver: `SELECT VAL FROM OSSYS_PARAMETER WITH (UPDLOCK, HOLDLOCK) WHERE LOWER(NAME) = @name AND (HOST IS NULL OR HOST = '')`,
  oracle: `SELECT VAL FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name AND HOST IS NULL FOR UPDATE`,
  // The demo runs one transaction at a time, so a plain read is already a locked read.
  demo: `SELECT VAL FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name AND HOST IS NULL`,
};

export const updateGlobalParameterSql: EngineSql = {
  sqlserver: `UPDATE OSSYS_PARAMETER SET VAL = @newValue WHERE LOWER(NAME) = @name AND (HOST IS NULL OR HOST = '') AND VAL = @expected`,
  oracle: `UPDATE OSSYS_PARAMETER SET VAL = :newValue WHERE LOWER(NAME) = :name AND HOST IS NULL AND VAL = :expected`,
  demo: `UPDATE OSSYS_PARAMETER SET VAL = :newValue WHERE LOWER(NAME) = :name AND HOST IS NULL AND VAL = :expected`,
};

/** Read back after the commit, on a fresh statement, so "after" is what the database holds. */
export const readGlobalParameterSql: EngineSql = {
  sqlserver: `SELECT VAL FROM OSSYS_PARAMETER WHERE LOWER(NAME) = @name AND (HOST IS NULL OR HOST = '')`,
  oracle: `SELECT VAL FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name AND HOST IS NULL`,
  demo: `SELECT VAL FROM OSSYS_PARAMETER WHERE LOWER(NAME) = :name AND HOST IS NULL`,
};
