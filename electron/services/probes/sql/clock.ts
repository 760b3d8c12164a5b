import type { EngineSql } from './engine-sql';

/**
 * The database clock, read first by every probe on its own connection (domain.md 4a). Each
 * dialect answers its local wall-clock time as text (so no driver converts it) and its offset
 * from UTC in minutes, east positive.
 *
 * SQL Server: SYSDATETIME() is the server's local time; the offset comes from
 * SYSDATETIMEOFFSET(). Style 126 is ISO 8601 ("2026-12-02T04:10:00.123"), whatever the
 * login's language or DATEFORMAT.
 *
 * Oracle: SYSTIMESTAMP is the database server's clock with its own zone, which is the zone the
 * platform writes in. LOCALTIMESTAMP follows the session's time zone, which the thin driver takes
 * from this computer, so it is read only as SESSION_NOW (for a support ticket), never used.
 *
 * Demo: the embedded database keeps its zone in DEMO_CLOCK; its "now" is this computer's time
 * shifted by that offset, computed in code (db-time.ts). No row = UTC.
 */
export const clockSql: EngineSql = {
  sqlserver: `SELECT CONVERT(varchar(23), SYSDATETIME(), 126) AS LOCAL_NOW,
      CONVERT(varchar(34), SYSDATETIMEOFFSET(), 126) AS OFFSET_NOW,
      DATEPART(TZOFFSET, SYSDATETIMEOFFSET()) AS OFFSET_MINUTES`,
  oracle: `SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS LOCAL_NOW,
      TO_CHAR(LOCALTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS SESSION_NOW,
      EXTRACT(TIMEZONE_HOUR FROM SYSTIMESTAMP) * 60 + EXTRACT(TIMEZONE_MINUTE FROM SYSTIMESTAMP) AS OFFSET_MINUTES
    FROM DUAL`,
  demo: `SELECT UTC_OFFSET_MINUTES AS OFFSET_MINUTES FROM DEMO_CLOCK LIMIT 1`,
};
