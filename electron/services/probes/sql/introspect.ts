import type { EngineSql } from './engine-sql';

/**
 * Columns of the tables where "Send Emails", zones and the email status may live (their layout is
 * unknown, domain.md section 3). SQL Server lists only columns this login may read, in the schema
 * OSSYS_SERVER itself resolves to (dbo, even for a login whose default schema is another one);
 * Oracle looks in the current schema, which the connection sets to the platform schema.
 */
export const candidateColumnsSql: EngineSql = {
  sqlserver: `SELECT UPPER(TABLE_NAME) AS TABLE_NAME, UPPER(COLUMN_NAME) AS COLUMN_NAME
    FROM INFORMATION_SCHEMA.COLUMNS
    WHERE TABLE_SCHEMA = OBJECT_SCHEMA_NAME(OBJECT_ID(N'OSSYS_SERVER'))
      AND (UPPER(TABLE_NAME) IN ('OSSYS_SERVER', 'OSSYS_ZONE', 'OSSYS_ZONE_SERVER') OR UPPER(TABLE_NAME) LIKE 'OSSYS[_]EMAIL%')`,
  oracle: `SELECT TABLE_NAME, COLUMN_NAME
    FROM ALL_TAB_COLUMNS
    WHERE OWNER = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')
      AND (TABLE_NAME IN ('OSSYS_SERVER', 'OSSYS_ZONE', 'OSSYS_ZONE_SERVER') OR TABLE_NAME LIKE 'OSSYS\\_EMAIL%' ESCAPE '\\')`,
  demo: `SELECT UPPER(m.name) AS TABLE_NAME, UPPER(p.name) AS COLUMN_NAME
    FROM sqlite_master m JOIN pragma_table_info(m.name) p
    WHERE m.type IN ('table', 'view')
      AND (UPPER(m.name) IN ('OSSYS_SERVER', 'OSSYS_ZONE', 'OSSYS_ZONE_SERVER') OR UPPER(m.name) LIKE 'OSSYS\\_EMAIL%' ESCAPE '\\')`,
};

/**
 * Oracle only: who is connected, which schema unqualified names resolve in, and how many OSSYS
 * tables that user owns. A user that owns none with no platform schema set (CURRENT_SCHEMA = the
 * user) cannot see the platform tables by their plain names.
 */
export const oraclePlatformOwnerSql = `SELECT SYS_CONTEXT('USERENV', 'SESSION_USER') AS SESSION_USER_NAME,
    SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') AS CURRENT_SCHEMA_NAME,
    (SELECT COUNT(*) FROM USER_TABLES WHERE TABLE_NAME LIKE 'OSSYS\\_%' ESCAPE '\\') AS OWNED_TABLES
  FROM DUAL`;
