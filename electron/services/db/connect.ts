import { ApiError } from '../../../shared/api/errors';
import { ORACLE_IDENTIFIER } from '../../../shared/profiles/schema';
import { openSqlServer } from './mssql';
import { openOracle } from './oracle';
import type { ConnectTarget } from './target';
import type { DbConnection } from './types';

export type { ConnectTarget } from './target';

/** Opens one connection to SQL Server or Oracle. Connect failures are DbConnectError with a sentence. */
export function openConnection(target: ConnectTarget, options: { signal?: AbortSignal } = {}): Promise<DbConnection> {
  return target.engine === 'sqlserver' ? openSqlServer(target, options) : openOracle(target, options);
}

/**
 * Parses the URL format of TEST_MSSQL_URL / TEST_ORACLE_URL:
 *   mssql://user:pass@host:1433/database?encrypt=false&trustServerCertificate=true&instance=SQLEXPRESS&domain=CORP
 *   oracle://user:pass@host:1521/service?schema=OSADMIN
 * User and password are URL-encoded. `connectTimeout` / `queryTimeout` are seconds.
 */
export function parseConnectionUrl(url: string): ConnectTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError(
      'invalid_input',
      'The database URL is not a valid URL (expected mssql://user:pass@host:1433/db or oracle://user:pass@host:1521/service)',
    );
  }
  const q = parsed.searchParams;
  const seconds = (name: string, fallback: number) => {
    const value = q.get(name);
    const n = value === null ? fallback : Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new ApiError('invalid_input', `${name} in the database URL must be a number of seconds`);
    return n;
  };
  const flag = (name: string, fallback: boolean) => {
    const value = q.get(name);
    return value === null ? fallback : /^(1|true|yes|on)$/i.test(value);
  };
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const common = { host: parsed.hostname, user, password, connectSeconds: seconds('connectTimeout', 15), querySeconds: seconds('queryTimeout', 30) };
  if (parsed.protocol === 'mssql:' || parsed.protocol === 'sqlserver:') {
    const domain = q.get('domain') ?? undefined;
    return {
      engine: 'sqlserver',
      ...common,
      port: parsed.port ? Number(parsed.port) : 1433,
      instanceName: q.get('instance') ?? undefined,
      database: path || 'master',
      auth: domain ? 'ntlm' : 'sql',
      domain,
      encrypt: flag('encrypt', true),
      trustServerCertificate: flag('trustServerCertificate', false),
    };
  }
  if (parsed.protocol === 'oracle:') {
    const schema = q.get('schema') ?? undefined;
    if (schema && !ORACLE_IDENTIFIER.test(schema)) throw new ApiError('invalid_input', 'schema in the database URL must be a plain Oracle name');
    return { engine: 'oracle', ...common, port: parsed.port ? Number(parsed.port) : 1521, serviceName: path, schema };
  }
  throw new ApiError('invalid_input', `The database URL must start with mssql:// or oracle://, not ${parsed.protocol}//`);
}

/** @internal Opens a connection from a TEST_MSSQL_URL / TEST_ORACLE_URL style URL (real-server tests). */
export function connectFromUrl(url: string, options: { signal?: AbortSignal } = {}): Promise<DbConnection> {
  return openConnection(parseConnectionUrl(url), options);
}
