// The part of sql.js (SQLite compiled to WebAssembly) the demo environment uses; the package ships no types.
declare module 'sql.js' {
  export type SqlValue = string | number | Uint8Array | null;
  export interface Statement {
    bind(values?: Record<string, SqlValue> | SqlValue[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, SqlValue>;
    free(): boolean;
  }
  export interface Database {
    run(sql: string, params?: Record<string, SqlValue> | SqlValue[]): Database;
    exec(sql: string, params?: Record<string, SqlValue> | SqlValue[]): Array<{ columns: string[]; values: SqlValue[][] }>;
    prepare(sql: string): Statement;
    getRowsModified(): number;
    export(): Uint8Array;
    close(): void;
    create_function(name: string, fn: (...args: SqlValue[]) => SqlValue): Database;
  }
  export interface SqlJsStatic {
    Database: new (data?: Uint8Array | ArrayLike<number> | null) => Database;
  }
  export default function initSqlJs(config?: { locateFile?: (file: string) => string }): Promise<SqlJsStatic>;
}
