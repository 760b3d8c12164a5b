import { ApiError } from '../../shared/api/errors';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME, openDemoConnection } from '../../electron/services/demo/connect';
import type { DbConnection, SqlParams } from '../../electron/services/db/types';
import type { ProbeProfileSource } from '../../electron/services/probes/service';

/**
 * Wrappers around a real DbConnection that fail the way real drivers do, for the probes' fault
 * tests: the error objects carry the codes and texts mssql/tedious and node-oracledb produce.
 */
export type Fault = (sql: string, kind: 'query' | 'execute') => Error | null;

export function wrapConnection(inner: DbConnection, fault: Fault, hooks: { beforeCommit?: () => Error | null } = {}): DbConnection {
  const wrap = (conn: DbConnection, inTransaction: boolean): DbConnection => {
    const wrapped: DbConnection = {
      engine: conn.engine,
      query: async (sql, params, options) => {
        const error = fault(sql, 'query');
        if (error) throw error;
        return conn.query(sql, params, options);
      },
      execute: async (sql, params, options) => {
        const error = fault(sql, 'execute');
        if (error) throw error;
        return conn.execute(sql, params, options);
      },
      transaction: (work, options) =>
        inTransaction
          ? work(wrapped)
          : conn.transaction(async (tx) => {
              const result = await work(wrap(tx, true));
              // Failing here makes the inner transaction roll back, as a drop before COMMIT does.
              const error = hooks.beforeCommit?.();
              if (error) throw error;
              return result;
            }, options),
      serverVersion: () => conn.serverVersion(),
      close: () => conn.close(),
    };
    return wrapped;
  };
  return wrap(inner, false);
}

/** What tedious reports when the socket closes under a request. */
export function connectionLostError(): Error {
  return Object.assign(new Error('Connection lost - read ECONNRESET'), { code: 'ESOCKET' });
}

/** What mssql reports when a request exceeds its timeout. */
export function queryTimeoutError(ms = 15000): Error {
  return Object.assign(new Error(`Timeout: Request failed to complete in ${ms}ms`), { code: 'ETIMEOUT' });
}

/** SQL Server's error 229 for a table this login may not SELECT from. */
export function permissionDeniedError(table: string): Error {
  return Object.assign(new Error(`The SELECT permission was denied on the object '${table}', database 'outsystems', schema 'dbo'.`), {
    number: 229,
    code: 'EREQUEST',
  });
}

/**
 * Fails every statement that reads `table` (word match) with a permission error. Catalog queries
 * that merely list its name still answer, as they do for a login with catalog rights.
 */
export function denyTable(conn: DbConnection, table: string): DbConnection {
  const pattern = new RegExp(`\\b${table}\\b`, 'i');
  const catalog = /INFORMATION_SCHEMA|ALL_TAB_COLUMNS|sqlite_master/i;
  return wrapConnection(conn, (sql) => (pattern.test(sql) && !catalog.test(sql) ? permissionDeniedError(table) : null));
}

/** Lets `n - 1` statements through, then the connection is lost for good. */
export function loseConnectionAt(conn: DbConnection, n: number): DbConnection {
  let seen = 0;
  let lost = false;
  return wrapConnection(conn, () => {
    seen++;
    if (seen >= n) lost = true;
    return lost ? connectionLostError() : null;
  });
}

/** Statements matching `pattern` never answer in time. */
export function timeOut(conn: DbConnection, pattern: RegExp): DbConnection {
  return wrapConnection(conn, (sql) => (pattern.test(sql) ? queryTimeoutError() : null));
}

/** Runs the whole transaction, then the connection drops before COMMIT reaches the server. */
export function dropBeforeCommit(conn: DbConnection): DbConnection {
  return wrapConnection(conn, () => null, { beforeCommit: () => connectionLostError() });
}

/** Records every statement and its parameters, to compare what ran with what was shown. */
export function recording(conn: DbConnection): { conn: DbConnection; log: Array<{ kind: 'query' | 'execute'; sql: string; params?: SqlParams }> } {
  const log: Array<{ kind: 'query' | 'execute'; sql: string; params?: SqlParams }> = [];
  const wrapped = wrapConnection(conn, () => null);
  const base = (c: DbConnection): DbConnection => ({
    ...c,
    query: (sql, params, options) => {
      log.push({ kind: 'query', sql, params });
      return c.query(sql, params, options);
    },
    execute: (sql, params, options) => {
      log.push({ kind: 'execute', sql, params });
      return c.execute(sql, params, options);
    },
    transaction: (work, options) => c.transaction((tx) => work(base(tx)), options),
  });
  return { conn: base(wrapped), log };
}

/** The probes' view of the saved connections for tests: the demo database, optionally wrapped in a fault. */
export function demoSource(dataDir: string, now: Date, wrap: (conn: DbConnection) => DbConnection = (c) => c): ProbeProfileSource {
  return {
    connect: async (profileId) => {
      if (profileId !== DEMO_PROFILE_ID) throw new ApiError('not_found', 'No such environment');
      return wrap(await openDemoConnection(dataDir, { now: () => now }));
    },
    environmentName: async () => DEMO_PROFILE_NAME,
  };
}

/** What node-oracledb reports for a table the user cannot see by that name. */
export function oracleNoSuchTableError(): Error {
  return Object.assign(new Error('ORA-00942: table or view does not exist'), { errorNum: 942, code: 'ORA-00942' });
}

/**
 * An Oracle session as the thin driver shows it, for the platform-schema checks: connected as
 * `user`, with `currentSchema` for unqualified names and no OSSYS table reachable by its plain name.
 */
export function oracleWithoutPlatformTables(user: string, currentSchema: string, ownedTables = 0): DbConnection {
  const conn: DbConnection = {
    engine: 'oracle',
    query: async <T>(sql: string) => {
      if (/SYSTIMESTAMP/.test(sql)) return [{ LOCAL_NOW: '2025-03-14T12:00:00.000', SESSION_NOW: '2025-03-14T12:00:00.000', OFFSET_MINUTES: 0 }] as T[];
      if (/USER_TABLES/.test(sql)) return [{ SESSION_USER_NAME: user, CURRENT_SCHEMA_NAME: currentSchema, OWNED_TABLES: ownedTables }] as T[];
      if (/ALL_TAB_COLUMNS/.test(sql)) return [];
      if (/OSSYS_/.test(sql)) throw oracleNoSuchTableError();
      return [];
    },
    execute: async () => {
      throw new Error('no writes here');
    },
    transaction: (work) => work(conn),
    serverVersion: async () => 'Oracle Database 19c',
    close: async () => undefined,
  };
  return conn;
}
