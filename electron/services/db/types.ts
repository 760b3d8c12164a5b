/**
 * One connection to a platform database, whatever the engine. The mssql (tedious), oracledb (thin)
 * and embedded demo (sql.js) adapters implement it; probes and "test connection" use only this.
 */
export type DbEngine = 'sqlserver' | 'oracle' | 'demo';

export interface QueryOptions {
  /** Per-statement timeout; defaults to the profile's query timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type SqlParams = Record<string, string | number | boolean | Date | null>;

export interface DbConnection {
  readonly engine: DbEngine;
  /**
   * Runs one parameterized statement and returns its rows with upper-case column names.
   * Placeholders: `@name` (SQL Server), `:name` (Oracle and demo). User text never goes into `sql`.
   */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParams, options?: QueryOptions): Promise<T[]>;
  /** Runs a statement that changes data; returns the number of rows affected. */
  execute(sql: string, params?: SqlParams, options?: QueryOptions): Promise<number>;
  /**
   * Runs `work` in one transaction: commit when it resolves, roll back when it throws.
   * `readOnly` asks the engine for a read-only transaction where it has one.
   */
  transaction<R>(work: (tx: DbConnection) => Promise<R>, options?: { readOnly?: boolean }): Promise<R>;
  /** e.g. "Microsoft SQL Server 2019 (RTM-CU22) 15.0.4322.2". */
  serverVersion(): Promise<string>;
  close(): Promise<void>;
}
