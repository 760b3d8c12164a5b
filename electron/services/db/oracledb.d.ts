// The part of node-oracledb (thin mode) the adapter uses; the package ships no types.
declare module 'oracledb' {
  export interface ConnectionAttributes {
    user?: string;
    password?: string;
    connectString?: string;
    /** Seconds for the whole connect, including the listener redirect. */
    connectTimeout?: number;
    /** Seconds for the TCP connect. */
    transportConnectTimeout?: number;
  }
  export interface ExecuteOptions {
    outFormat?: number;
    autoCommit?: boolean;
  }
  export interface Result<T> {
    rows?: T[];
    rowsAffected?: number;
  }
  export interface Connection {
    callTimeout: number;
    oracleServerVersionString: string;
    execute<T = Record<string, unknown>>(sql: string, binds?: Record<string, unknown>, options?: ExecuteOptions): Promise<Result<T>>;
    commit(): Promise<void>;
    rollback(): Promise<void>;
    break(): Promise<void>;
    close(): Promise<void>;
  }
  const oracledb: {
    OUT_FORMAT_OBJECT: number;
    thin: boolean;
    getConnection(attributes: ConnectionAttributes): Promise<Connection>;
  };
  export default oracledb;
}
