import { createRequire } from 'node:module';
import sql from 'mssql';
import { ApiError } from '../../../shared/api/errors';
import { classifyConnectError } from './errors';
import type { SqlServerTarget } from './target';
import { whereOf } from './target';
import { assertGuardable, requireTlsBeforeLogin } from './tls-guard';
import type { DbConnection, QueryOptions, SqlParams } from './types';

/**
 * SQL Server through mssql/tedious. mssql always pools; a pool of exactly one connection gives
 * one session per DbConnection, so a transaction and the statements around it share it.
 * Query errors are rethrown as the driver gave them (number 229, 208, code ETIMEOUT, ESOCKET...)
 * because the probes tell "permission denied" from "connection lost" by those.
 */
export async function openSqlServer(target: SqlServerTarget, options: { signal?: AbortSignal } = {}): Promise<DbConnection> {
  const config: sql.config = {
    server: target.host,
    database: target.database,
    user: target.user,
    password: target.password,
    connectionTimeout: Math.round(target.connectSeconds * 1000),
    requestTimeout: Math.round(target.querySeconds * 1000),
    pool: { min: 0, max: 1, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: target.encrypt,
      trustServerCertificate: target.trustServerCertificate,
      appName: 'Support Toolkit',
      ...(target.instanceName ? { instanceName: target.instanceName } : {}),
    },
    ...(target.instanceName ? {} : { port: target.port }),
    ...(target.auth === 'ntlm' ? { domain: target.domain } : {}),
    // Encrypt on: the login never leaves without TLS, whatever the server answers (tls-guard.ts).
    ...(target.encrypt ? { beforeConnect: (conn: unknown) => requireTlsBeforeLogin(conn) } : {}),
  };
  const errorContext = {
    engine: 'sqlserver' as const,
    where: whereOf(target),
    connectSeconds: target.connectSeconds,
    secrets: [target.password],
    database: target.database,
    user: target.auth === 'ntlm' ? `${target.domain}\\${target.user}` : target.user,
  };
  if (target.encrypt) {
    try {
      assertGuardable(tediousOfMssql().Connection.prototype);
    } catch (error) {
      throw classifyConnectError(error, errorContext);
    }
  }
  const pool = new sql.ConnectionPool(config);
  // A pool emits 'error' for idle connections that break; without a listener Node would crash.
  pool.on('error', () => undefined);
  if (options.signal?.aborted) throw new ApiError('cancelled', 'Cancelled before the connection was made.');
  const connecting = pool.connect();
  try {
    await abortable(connecting, options.signal);
  } catch (error) {
    // The pool keeps trying until its own timeout; closing it ends that attempt and frees the socket.
    connecting.catch(() => undefined).finally(() => void pool.close().catch(() => undefined));
    void pool.close().catch(() => undefined);
    if (options.signal?.aborted) throw new ApiError('cancelled', 'Cancelled before the connection was made.');
    throw classifyConnectError(error, errorContext);
  }
  return connectionOver(pool, pool, target);
}

/** The tedious module mssql itself loads (not a dependency of ours), to check the guard still fits it. */
function tediousOfMssql(): { Connection: { prototype: unknown } } {
  const local = createRequire(__filename);
  return createRequire(local.resolve('mssql'))('tedious') as { Connection: { prototype: unknown } };
}

/** Rejects as soon as the signal aborts, whatever the pending work is doing. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ApiError('cancelled', 'Cancelled before the connection was made.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type RequestSource = sql.ConnectionPool | sql.Transaction;

function bind(request: sql.Request, params: SqlParams = {}): void {
  for (const [name, value] of Object.entries(params)) request.input(name, value);
}

function upperRows<T>(rows: Array<Record<string, unknown>>): T[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v])) as T);
}

async function run(source: RequestSource, sqlText: string, params: SqlParams | undefined, options: QueryOptions | undefined) {
  if (options?.signal?.aborted) throw new ApiError('cancelled', 'The query was cancelled');
  const request = new sql.Request(source as sql.ConnectionPool);
  bind(request, params);
  // requestTimeout is per connection in tedious; a shorter per-statement limit is enforced by cancel.
  const timer = options?.timeoutMs ? setTimeout(() => request.cancel(), options.timeoutMs) : undefined;
  const onAbort = () => request.cancel();
  options?.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await request.query(sqlText);
  } catch (error) {
    if (options?.signal?.aborted) throw new ApiError('cancelled', 'The query was cancelled');
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    options?.signal?.removeEventListener('abort', onAbort);
  }
}

function connectionOver(pool: sql.ConnectionPool, source: RequestSource, target: SqlServerTarget): DbConnection {
  const inTransaction = source !== pool;
  const conn: DbConnection = {
    engine: 'sqlserver',
    async query<T>(sqlText: string, params?: SqlParams, options?: QueryOptions) {
      const result = await run(source, sqlText, params, options);
      return upperRows<T>(result.recordset ?? []);
    },
    async execute(sqlText, params, options) {
      const result = await run(source, sqlText, params, options);
      return result.rowsAffected.reduce((a, b) => a + b, 0);
    },
    async transaction(work, options) {
      if (inTransaction) return work(conn);
      const tx = new sql.Transaction(pool);
      // SQL Server has no read-only transaction; READ COMMITTED never reads uncommitted rows.
      void options;
      await tx.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
      try {
        const result = await work(connectionOver(pool, tx, target));
        await tx.commit();
        return result;
      } catch (error) {
        await tx.rollback().catch(() => undefined);
        throw error;
      }
    },
    async serverVersion() {
      const rows = await conn.query<{ V: string }>('SELECT @@VERSION AS V');
      return (rows[0]?.V ?? '').split('\n')[0]!.trim();
    },
    async close() {
      if (!inTransaction) await pool.close();
    },
  };
  return conn;
}
