import { ApiError } from '../../../shared/api/errors';
import type { DbConnection } from '../db/types';

/**
 * Runs a probe in a read-only transaction (SQLite query_only, Oracle SET TRANSACTION READ ONLY,
 * SQL Server READ COMMITTED by the adapter) and hands it a connection whose `execute` refuses: a
 * probe that tried to write would fail here before reaching the database.
 */
export function readOnly<R>(conn: DbConnection, work: (tx: DbConnection) => Promise<R>): Promise<R> {
  return conn.transaction((tx) => work(withoutWrites(tx)), { readOnly: true });
}

function withoutWrites(tx: DbConnection): DbConnection {
  const guarded: DbConnection = {
    engine: tx.engine,
    query: (sql, params, options) => tx.query(sql, params, options),
    execute: async () => {
      throw new ApiError('internal', 'Probes only read; a write was refused');
    },
    transaction: (work) => work(guarded),
    serverVersion: () => tx.serverVersion(),
    close: () => tx.close(),
  };
  return guarded;
}
