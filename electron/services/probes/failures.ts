import { ApiError } from '../../../shared/api/errors';

function textOf(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const e = error as { message?: unknown; details?: unknown; code?: unknown; number?: unknown; errorNum?: unknown };
  return [e.code, e.number, e.errorNum, e.message, e.details].filter((v) => v !== undefined).join(' ');
}

/**
 * Says why one table could not be read when the cause is "this login may not read it" or "it does
 * not exist": other facts can still come back. Returns null for anything else (lost connection,
 * timeout), which must stop the probe. SQL Server 229/230 = permission denied, 208 = invalid
 * object; ORA-00942 = no such table or no privilege, ORA-01031 = insufficient privileges,
 * ORA-00904 = no such column; SQLite "no such table/column".
 */
export function unreadableReason(error: unknown, object: string): string | null {
  const text = textOf(error);
  if (/\b(229|230)\b|permission was denied|ORA-01031|insufficient privileges|permission denied/i.test(text)) {
    return `this login may not read ${object} (permission denied)`;
  }
  if (/\b208\b|Invalid object name|ORA-00942|ORA-00904|no such (table|column)|invalid identifier/i.test(text)) {
    return `${object} does not exist or is not visible to this login`;
  }
  return null;
}

/** The table a driver names in a "denied" or "not found" message, when it names one. */
function objectNamed(text: string): string | null {
  const m = /on the object '([^']+)'|Invalid object name '([^']+)'|no such table: ([\w.]+)/i.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** Errors probeFailure already worded: passed on as they are, never worded twice. */
const worded = new WeakSet<ApiError>();

/** Turns a failure that ends a probe into an error the engineer can act on. */
export function probeFailure(error: unknown, doing: string): ApiError {
  if (error instanceof ApiError && (error.code !== 'internal' || worded.has(error))) return error;
  const result = wordFailure(error, doing);
  worded.add(result);
  return result;
}

function wordFailure(error: unknown, doing: string): ApiError {
  const text = textOf(error);
  const details = text.slice(0, 500);
  const object = objectNamed(text);
  const table = unreadableReason(error, object ?? 'a table this probe needs');
  if (table) {
    const sentence = table.charAt(0).toUpperCase() + table.slice(1);
    return new ApiError(
      'forbidden',
      `${sentence}, so the probe stopped while ${doing}. Nothing was changed; enter the facts by hand or ask for SELECT on it.`,
      { details },
    );
  }
  if (/cancel|abort/i.test(text) && !/connection/i.test(text)) return new ApiError('cancelled', `Cancelled while ${doing}`, { details });
  if (/ETIMEOUT|timed? ?out|NJS-123|DPI-1067|ORA-03136|ORA-01013/i.test(text)) {
    return new ApiError('timeout', `The database did not answer within the query timeout while ${doing}. Nothing was changed.`, { details });
  }
  if (/ECONNREFUSED|ORA-12541|NJS-511/i.test(text)) {
    return new ApiError(
      'connection_failed',
      `The database server refused the connection while ${doing}: nothing listens on that host and port, or a firewall turns it away. Nothing was changed.`,
      { details },
    );
  }
  if (/ECONNRESET|ECONNCLOSED|ESOCKET|EPIPE|connection (was )?(lost|closed|reset)|socket hang up|NJS-500|NJS-003|ORA-03113|ORA-03114|DPI-1080/i.test(text)) {
    return new ApiError('connection_failed', `The connection to the database was lost while ${doing}. Nothing was changed; try again.`, { details });
  }
  return new ApiError('internal', `The database refused a statement while ${doing}: ${text.slice(0, 200)}`, { details });
}

export function throwIfCancelled(signal: AbortSignal | undefined, doing: string): void {
  if (signal?.aborted) throw new ApiError('cancelled', `Cancelled while ${doing}`);
}
