import type { DbEngine } from '../../db/types';

/**
 * The text of one statement in each engine's dialect, side by side. Placeholders: `@name` for SQL
 * Server, `:name` for Oracle and the demo (SQLite). Only parameters carry values; the few names
 * that are spliced in (tables and columns) come from fixed allow-lists in code, never from a user.
 */
export type EngineSql = Record<DbEngine, string>;

/** Names a probe may splice into SQL: upper-case identifiers found by introspection or listed in code. */
export function safeIdentifier(name: string): string {
  if (!/^[A-Z][A-Z0-9_]{0,127}$/.test(name)) throw new Error(`Refusing to use "${name}" as an SQL identifier`);
  return name;
}

/**
 * A database-local time parameter (text from db-time.ts `toDatabaseLocal`) converted explicitly
 * in SQL, so neither the driver nor the session's language or NLS settings change its meaning.
 * The conversion is on the parameter, never on the column, so the INSTANT index stays usable.
 */
export function localTimeParam(engine: DbEngine, name: string): string {
  if (engine === 'sqlserver') return `CONVERT(datetime, @${name}, 126)`;
  // INSTANT is a TIMESTAMP with fractional seconds (domain.md 4d): a whole-second TO_DATE would drop
  // the events of a window's first second. Compared with a DATE column, Oracle widens the column.
  if (engine === 'oracle') return `TO_TIMESTAMP(:${name}, 'YYYY-MM-DD"T"HH24:MI:SS.FF3')`;
  return `:${name}`;
}

/** A time column read back as database-local text (ISO 8601, no zone); the demo stores text already. */
export function localTimeColumn(engine: DbEngine, column: string): string {
  if (engine === 'sqlserver') return `CONVERT(varchar(23), ${column}, 126)`;
  // FF3 keeps the milliseconds; the CAST lets the same text come back from a DATE column too (FF is not a DATE format).
  if (engine === 'oracle') return `TO_CHAR(CAST(${column} AS TIMESTAMP), 'YYYY-MM-DD"T"HH24:MI:SS.FF3')`;
  return column;
}
