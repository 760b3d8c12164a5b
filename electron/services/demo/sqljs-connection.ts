import type { Database, SqlValue } from 'sql.js';
import { ApiError } from '../../../shared/api/errors';
import type { DbConnection, QueryOptions, SqlParams } from '../db/types';

/** One demo database in memory, shared by every connection to it (sql.js has no server). */
export interface DemoDatabaseHandle {
  db: Database;
  /** Serialises transactions and statements from different connections. */
  lock: <R>(task: () => Promise<R>) => Promise<R>;
  /** Persists the database after a committed write. */
  save: () => Promise<void>;
}

export function createLock(): DemoDatabaseHandle['lock'] {
  let queue: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
}

/** `:name` placeholders, as in Oracle; dates travel as ISO text, booleans as 0/1. */
function bindings(params: SqlParams = {}): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params)) {
    out[`:${name}`] = value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return out;
}

function checkSignal(options?: QueryOptions): void {
  if (options?.signal?.aborted) throw new ApiError('cancelled', 'The query was cancelled');
}

function runQuery<T>(db: Database, sql: string, params?: SqlParams): T[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(bindings(params));
    const rows: T[] = [];
    while (stmt.step()) {
      const row: Record<string, SqlValue> = {};
      for (const [key, value] of Object.entries(stmt.getAsObject())) row[key.toUpperCase()] = value;
      rows.push(row as T);
    }
    return rows;
  } finally {
    stmt.free();
  }
}

function runExecute(db: Database, sql: string, params?: SqlParams): number {
  db.run(sql, bindings(params));
  return db.getRowsModified();
}

/** The statements of a transaction: they run inside the lock the transaction already holds. */
function transactionView(handle: DemoDatabaseHandle, state: { wrote: boolean }): DbConnection {
  const view: DbConnection = {
    engine: 'demo',
    query: async (sql, params, options) => {
      checkSignal(options);
      return runQuery(handle.db, sql, params);
    },
    execute: async (sql, params, options) => {
      checkSignal(options);
      const changed = runExecute(handle.db, sql, params);
      state.wrote = true;
      return changed;
    },
    transaction: (work) => work(view),
    serverVersion: async () => demoVersion(handle.db),
    close: async () => undefined,
  };
  return view;
}

function demoVersion(db: Database): string {
  const version = runQuery<{ V: string }>(db, 'SELECT sqlite_version() AS V')[0]?.V ?? '?';
  return `Embedded demo (SQLite ${version})`;
}

/**
 * A DbConnection over the shared in-memory database. Read-only transactions switch SQLite's
 * `query_only` on, so the engine itself refuses any write inside them; a committed write is saved
 * to disk before the transaction resolves.
 */
export function createSqlJsConnection(handle: DemoDatabaseHandle): DbConnection {
  let closed = false;
  const open = () => {
    if (closed) throw new ApiError('connection_failed', 'The demo connection is closed');
  };
  return {
    engine: 'demo',
    query: (sql, params, options) =>
      handle.lock(async () => {
        open();
        checkSignal(options);
        return runQuery(handle.db, sql, params);
      }),
    execute: (sql, params, options) =>
      handle.lock(async () => {
        open();
        checkSignal(options);
        const changed = runExecute(handle.db, sql, params);
        await handle.save();
        return changed;
      }),
    transaction: (work, options) =>
      handle.lock(async () => {
        open();
        const state = { wrote: false };
        const db = handle.db;
        if (options?.readOnly) db.run('PRAGMA query_only = 1');
        db.run('BEGIN');
        try {
          const result = await work(transactionView(handle, state));
          db.run('COMMIT');
          if (state.wrote) await handle.save();
          return result;
        } catch (error) {
          db.run('ROLLBACK');
          throw error;
        } finally {
          if (options?.readOnly) db.run('PRAGMA query_only = 0');
        }
      }),
    serverVersion: () => handle.lock(async () => demoVersion(handle.db)),
    close: async () => {
      closed = true;
    },
  };
}
