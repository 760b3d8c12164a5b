import oracledb, { type Connection } from 'oracledb';
import { ApiError } from '../../../shared/api/errors';
import { ORACLE_IDENTIFIER } from '../../../shared/profiles/schema';
import { classifyConnectError } from './errors';
import { whereOf, type OracleTarget } from './target';
import type { DbConnection, QueryOptions, SqlParams } from './types';

/**
 * Oracle through node-oracledb in thin mode (pure JavaScript: no Instant Client, so
 * initOracleClient is never called). Query errors are rethrown as the driver gave them
 * (ORA-00942, ORA-01031, NJS-500...) so callers can tell a denied table from a lost connection.
 */
export async function openOracle(target: OracleTarget, options: { signal?: AbortSignal } = {}): Promise<DbConnection> {
  const errorContext = {
    engine: 'oracle' as const,
    where: whereOf(target),
    connectSeconds: target.connectSeconds,
    secrets: [target.password],
    schema: target.schema,
    user: target.user,
  };
  if (target.schema && !ORACLE_IDENTIFIER.test(target.schema)) {
    throw new ApiError('invalid_input', 'The schema must be a plain Oracle name: letters, digits, _, $ or #, starting with a letter', { field: 'schema' });
  }
  if (options.signal?.aborted) throw new ApiError('cancelled', 'Cancelled before the connection was made.');
  const connectString = target.connectString || `${target.host}:${target.port}/${target.serviceName}`;
  const seconds = Math.max(1, Math.ceil(target.connectSeconds));
  const pending = oracledb.getConnection({
    user: target.user,
    password: target.password,
    connectString,
    connectTimeout: seconds,
    transportConnectTimeout: seconds,
  });
  let conn: Connection;
  try {
    conn = await raceAbort(pending, options.signal, target.connectSeconds);
  } catch (error) {
    // A connection that arrives after a cancel or our own timeout is closed, not leaked.
    pending.then((late) => late.close()).catch(() => undefined);
    if (options.signal?.aborted) throw new ApiError('cancelled', 'Cancelled before the connection was made.');
    throw classifyConnectError(error, errorContext);
  }
  conn.callTimeout = Math.round(target.querySeconds * 1000);
  if (target.schema) {
    try {
      // An identifier cannot be a bind variable; it was checked against ORACLE_IDENTIFIER above.
      await conn.execute(`ALTER SESSION SET CURRENT_SCHEMA = ${target.schema.toUpperCase()}`);
    } catch (error) {
      await conn.close().catch(() => undefined);
      throw classifyConnectError(error, errorContext);
    }
  }
  return connectionOver(conn, target, false);
}

/**
 * The thin driver's own timeouts cover TCP and the listener; a server that accepts and then never
 * answers could still hold the login, so the connect is also bounded here (plus a small margin).
 */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, seconds: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`NJS-510: connection timed out after ${seconds} s`), { code: 'NJS-510' })),
      Math.round(seconds * 1000) + 250,
    );
    const onAbort = () => reject(new ApiError('cancelled', 'Cancelled before the connection was made.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

function binds(params: SqlParams = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return out;
}

function upperRows<T>(rows: Array<Record<string, unknown>>): T[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v])) as T);
}

function connectionOver(conn: Connection, target: OracleTarget, inTransaction: boolean): DbConnection {
  async function run<T>(sql: string, params: SqlParams | undefined, options: QueryOptions | undefined, autoCommit: boolean) {
    if (options?.signal?.aborted) throw new ApiError('cancelled', 'The query was cancelled');
    const previous = conn.callTimeout;
    if (options?.timeoutMs) conn.callTimeout = options.timeoutMs;
    const onAbort = () => void conn.break().catch(() => undefined);
    options?.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await conn.execute<T>(sql, binds(params), { outFormat: oracledb.OUT_FORMAT_OBJECT, autoCommit });
    } catch (error) {
      if (options?.signal?.aborted) throw new ApiError('cancelled', 'The query was cancelled');
      throw error;
    } finally {
      conn.callTimeout = previous;
      options?.signal?.removeEventListener('abort', onAbort);
    }
  }
  const db: DbConnection = {
    engine: 'oracle',
    async query<T>(sql: string, params?: SqlParams, options?: QueryOptions) {
      const result = await run<Record<string, unknown>>(sql, params, options, false);
      return upperRows<T>(result.rows ?? []);
    },
    async execute(sql, params, options) {
      const result = await run(sql, params, options, !inTransaction);
      return result.rowsAffected ?? 0;
    },
    async transaction(work, options) {
      if (inTransaction) return work(db);
      if (options?.readOnly) await conn.execute('SET TRANSACTION READ ONLY');
      try {
        const result = await work(connectionOver(conn, target, true));
        await conn.commit();
        return result;
      } catch (error) {
        await conn.rollback().catch(() => undefined);
        throw error;
      }
    },
    async serverVersion() {
      return `Oracle Database ${conn.oracleServerVersionString}`;
    },
    async close() {
      if (!inTransaction) await conn.close();
    },
  };
  return db;
}
