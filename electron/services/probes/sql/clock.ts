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
 * SQL Server 2019 and later also name their zone (sqlServerZoneNameSql below). Oracle's
 * SYSTIMESTAMP carries only an offset (domain.md 4d).
 *
 * Demo: the embedded database keeps its offset, and its IANA zone when it has one, in DEMO_CLOCK;
 * its "now" is this computer's time at that zone's offset, computed in code (db-time.ts). No row = UTC.
 */
export const clockSql: EngineSql = {
  sqlserver: `SELECT CONVERT(varchar(23), SYSDATETIME(), 126) AS LOCAL_NOW,
      CONVERT(varchar(34), SYSDATETIMEOFFSET(), 126) AS OFFSET_NOW,
      DATEPART(TZOFFSET, SYSDATETIMEOFFSET()) AS OFFSET_MINUTES`,
  oracle: `SELECT TO_CHAR(SYSTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS LOCAL_NOW,
      TO_CHAR(LOCALTIMESTAMP, 'YYYY-MM-DD"T"HH24:MI:SS.FF3') AS SESSION_NOW,
      EXTRACT(TIMEZONE_HOUR FROM SYSTIMESTAMP) * 60 + EXTRACT(TIMEZONE_MINUTE FROM SYSTIMESTAMP) AS OFFSET_MINUTES
    FROM DUAL`,
  demo: `SELECT UTC_OFFSET_MINUTES AS OFFSET_MINUTES, ZONE AS ZONE_NAME FROM DEMO_CLOCK LIMIT 1`,
};

/**
 * SQL Server 2019 (major version 15) and later name their zone with CURRENT_TIMEZONE(), a Windows
 * name such as "(UTC+01:00) Amsterdam, Berlin, ...". Older versions do not know the function and
 * refuse any batch that names it, so it runs through sp_executesql only where it exists; ZONE_NAME
 * is NULL elsewhere (domain.md 4d).
 */
export const sqlServerZoneNameSql = `DECLARE @zone nvarchar(200) = NULL;
IF CAST(SERVERPROPERTY('ProductMajorVersion') AS int) >= 15
  EXEC sp_executesql N'SELECT @z = CURRENT_TIMEZONE()', N'@z nvarchar(200) OUTPUT', @z = @zone OUTPUT;
SELECT @zone AS ZONE_NAME`;
