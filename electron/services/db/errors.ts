import { ApiError, type ApiErrorCode } from '../../../shared/api/errors';
import type { ConnectionFailureCategory } from '../../../shared/profiles/connection-test';
import { ENCRYPTION_REFUSED_CODE, ENCRYPTION_REFUSED_MESSAGE } from './tls-guard';

/**
 * Turns what mssql/tedious and node-oracledb (thin) throw while connecting into a sentence in
 * words and a category the page can act on. The driver's code and message go into `details` for a
 * support ticket; any password is scrubbed from both.
 */
export class DbConnectError extends ApiError {
  readonly category: ConnectionFailureCategory;
  /** The driver's own code (ESOCKET, ELOGIN, NJS-503, ORA-01017, 18456, ...), for callers that branch on it. */
  readonly driverCode?: string;
  constructor(category: ConnectionFailureCategory, message: string, details?: string, driverCode?: string) {
    super(CODE_OF[category], message, { details });
    this.name = 'DbConnectError';
    this.category = category;
    this.driverCode = driverCode;
  }
}

const CODE_OF: Record<ConnectionFailureCategory, ApiErrorCode> = {
  host_not_found: 'connection_failed',
  refused: 'connection_failed',
  timeout: 'timeout',
  tls: 'connection_failed',
  login_failed: 'connection_failed',
  database_not_found: 'not_found',
  schema_not_found: 'not_found',
  permission_denied: 'forbidden',
  protocol: 'connection_failed',
  password_needed: 'locked',
  cancelled: 'cancelled',
  other: 'connection_failed',
};

export interface ErrorContext {
  engine: 'sqlserver' | 'oracle';
  /** "host:port" or the connect string, as the user typed it. */
  where: string;
  connectSeconds: number;
  /** Removed from every text we keep. */
  secrets?: Array<string | undefined>;
  database?: string;
  schema?: string;
  user?: string;
}

/** Every text an error carries, including causes and tedious' AggregateError members. */
export function driverText(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 3) return String(error ?? '');
  const e = error as { message?: unknown; code?: unknown; number?: unknown; errorNum?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  const parts = [e.code, e.number, e.errorNum, e.message].filter((v) => v !== undefined && v !== '').map(String);
  if (e.originalError) parts.push(driverText(e.originalError, depth + 1));
  if (e.cause) parts.push(driverText(e.cause, depth + 1));
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 3)) parts.push(driverText(inner, depth + 1));
  // A driver wraps its own error (originalError, cause) with the same code and message: each line once,
  // and none that another line already contains.
  const lines = [...new Set(parts.flatMap((p) => p.split(' | ')).filter(Boolean))];
  return lines.filter((line) => !lines.some((other) => other !== line && other.includes(line))).join(' | ');
}

export function scrub(text: string, secrets: Array<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 3) out = out.split(secret).join('********');
  return out;
}

function driverCodeOf(error: unknown): string | undefined {
  const e = (error ?? {}) as { code?: unknown; number?: unknown; errorNum?: unknown; message?: unknown };
  if (typeof e.number === 'number') return String(e.number);
  if (typeof e.errorNum === 'number' && e.errorNum > 0) return `ORA-${String(e.errorNum).padStart(5, '0')}`;
  const njs = typeof e.message === 'string' ? /\b(NJS-\d{3}|ORA-\d{5})\b/.exec(e.message)?.[1] : undefined;
  if (njs) return njs;
  return typeof e.code === 'string' ? e.code : undefined;
}

/** Classifies one connect-time failure. */
export function classifyConnectError(error: unknown, ctx: ErrorContext): DbConnectError {
  if (error instanceof DbConnectError) return error;
  const text = driverText(error);
  const details = scrub(text, ctx.secrets).slice(0, 1000);
  const code = driverCodeOf(error);
  const make = (category: ConnectionFailureCategory, message: string) => new DbConnectError(category, scrub(message, ctx.secrets), details, code);
  const { where } = ctx;
  const engineName = ctx.engine === 'sqlserver' ? 'SQL Server' : 'Oracle';

  if (error instanceof ApiError && error.code === 'cancelled') return make('cancelled', 'Cancelled before the connection was made.');
  if (/\bAbortError\b|aborted|cancel(l)?ed/i.test(text) && !/ECONN/i.test(text)) return make('cancelled', 'Cancelled before the connection was made.');
  // Encrypt on and the server would not start TLS: the login was never sent (tls-guard.ts).
  if (text.includes(ENCRYPTION_REFUSED_CODE)) {
    return make('tls', /unexpected SQL Server driver version/.test(text) ? firstLine(error) : ENCRYPTION_REFUSED_MESSAGE);
  }
  if (/NJS-51[2-5]|NJS-517|NJS-520/i.test(text)) {
    return make('other', `The Oracle connect string is not valid: ${firstLine(error)} Check the host, port and service name, or the connect string.`);
  }
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|EINSTLOOKUP|NJS-530|unresolvable|Failed to get response from SQL Server Browser/i.test(text)) {
    if (/EINSTLOOKUP|SQL Server Browser/i.test(text)) {
      return make(
        'host_not_found',
        `The SQL Server instance could not be found on ${where}: the SQL Server Browser service (UDP 1434) did not answer. Check the instance name, or give the port instead.`,
      );
    }
    return make('host_not_found', `Host not found: ${where} does not resolve to an address. Check the host name and your DNS or VPN.`);
  }
  if (/ECONNREFUSED|NJS-511|ORA-12541|no listener/i.test(text)) {
    return make(
      'refused',
      `Connection refused by ${where}: nothing is listening on that port. Check the port and that ${engineName} is running and reachable through the firewall.`,
    );
  }
  if (/certificate|self[- ]signed|SSL|TLS|NJS-50[5-8]|ERR_TLS|EPROTO.*(ssl|tls)|unable to verify/i.test(text)) {
    return make(
      'tls',
      ctx.engine === 'sqlserver'
        ? `TLS/certificate problem with ${where}: the server's certificate was not accepted. Turn on "Trust server certificate" for a self-signed certificate, or turn off "Encrypt" if the server does not support it.`
        : `TLS/certificate problem with ${where}: the secure connection could not be set up. Check the wallet and the server's certificate.`,
    );
  }
  if (/ELOGIN|Login failed|18456|ORA-01017|invalid username\/password|ORA-01005|ORA-28000|account is locked|ORA-28001|password has expired/i.test(text)) {
    if (/Cannot open database|4060/i.test(text)) {
      return make('database_not_found', `Database "${ctx.database ?? ''}" was not found on ${where}, or this login may not open it.`);
    }
    if (/ORA-28000|account is locked/i.test(text)) return make('login_failed', `Login failed: the account ${ctx.user ?? ''} is locked.`);
    if (/ORA-28001|password has expired/i.test(text)) return make('login_failed', `Login failed: the password of ${ctx.user ?? ''} has expired.`);
    return make('login_failed', `Login failed for user ${ctx.user ?? ''}: the server was reached but rejected the user name or password.`);
  }
  if (/Cannot open database|\b4060\b/i.test(text)) {
    return make('database_not_found', `Database "${ctx.database ?? ''}" was not found on ${where}, or this login may not open it.`);
  }
  if (/ORA-12514|ORA-12505|NJS-518|NJS-519|service .* not (currently )?(known|registered)/i.test(text)) {
    return make('database_not_found', `The Oracle listener on ${where} does not know that service name. Check the service name (not the SID).`);
  }
  if (/ORA-01435|ORA-01918|user does not exist/i.test(text)) {
    return make('schema_not_found', `Schema "${ctx.schema ?? ''}" was not found. Check the platform schema (the owner of the OSSYS tables).`);
  }
  if (/ETIMEOUT|timed? ?out|NJS-510|ORA-12170|ORA-12535|in \d+ms/i.test(text)) {
    return make(
      'timeout',
      `Timed out after ${formatSeconds(ctx.connectSeconds)}: ${where} did not answer. The server may be down, a firewall may drop the packets, or the port may be wrong.`,
    );
  }
  if (/NJS-509|NJS-521|NJS-500|NJS-501|NJS-503|ECONNRESET|ESOCKET|EPIPE|Unexpected|Unknown packet|closed|socket hang up|protocol/i.test(text)) {
    return make(
      'protocol',
      `${where} answered, but not like ${engineName}: the connection was closed or the reply could not be understood. Check that the port belongs to ${engineName}.`,
    );
  }
  return make('other', `The connection to ${where} failed: ${scrub(firstLine(error), ctx.secrets)}`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 200);
}

export function formatSeconds(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** True when a query failed because the login may not read a table or it does not exist. */
export function isUnreadableTable(error: unknown): 'permission' | 'missing' | null {
  const text = driverText(error);
  if (/\b(229|230)\b|permission was denied|ORA-01031|insufficient privileges/i.test(text)) return 'permission';
  if (/\b208\b|Invalid object name|ORA-00942|no such table/i.test(text)) return 'missing';
  return null;
}
