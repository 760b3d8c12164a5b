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
