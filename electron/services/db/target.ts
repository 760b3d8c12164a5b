/**
 * Everything needed to open one connection, password included. Built in the back end from a
 * profile (or a test URL) and never sent to the renderer.
 */
export interface SqlServerTarget {
  engine: 'sqlserver';
  host: string;
  port: number;
  instanceName?: string;
  database: string;
  auth: 'sql' | 'ntlm';
  domain?: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
  connectSeconds: number;
  querySeconds: number;
}

export interface OracleTarget {
  engine: 'oracle';
  host: string;
  port: number;
  serviceName: string;
  /** Easy Connect or a full descriptor; wins over host/port/service when given. */
  connectString?: string;
  user: string;
  password: string;
  /** CURRENT_SCHEMA for the session (owner of the OSSYS or log tables); empty = the user's own. */
  schema?: string;
  connectSeconds: number;
  querySeconds: number;
}

export type ConnectTarget = SqlServerTarget | OracleTarget;

/** Where a target points, without credentials, for messages: "sql01:1433 / outsystems". */
export function describeTarget(target: ConnectTarget): string {
  if (target.engine === 'sqlserver') {
    const server = target.instanceName ? `${target.host}\\${target.instanceName}` : `${target.host}:${target.port}`;
    return `${server} / ${target.database}`;
  }
  const where = target.connectString || `${target.host}:${target.port}/${target.serviceName}`;
  return target.schema ? `${where} (schema ${target.schema})` : where;
}

/** The address part alone, for "nothing is listening on ..." sentences. */
export function whereOf(target: ConnectTarget): string {
  if (target.engine === 'sqlserver') return target.instanceName ? `${target.host}\\${target.instanceName}` : `${target.host}:${target.port}`;
  return target.connectString || `${target.host}:${target.port}`;
}
