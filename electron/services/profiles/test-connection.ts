import { ApiError } from '../../../shared/api/errors';
import type { ConnectionTestResult, ConnectionTestStep } from '../../../shared/profiles/connection-test';
import type { PublicEngine } from '../../../shared/profiles/schema';
import { DbConnectError, driverText, isUnreadableTable } from '../db/errors';
import type { DbConnection } from '../db/types';

const TRIVIAL: Record<PublicEngine, string> = {
  sqlserver: 'SELECT 1 AS OK',
  oracle: 'SELECT 1 AS OK FROM DUAL',
  demo: 'SELECT 1 AS OK',
};

// One row without ORDER BY: the log tables have few indexes, so nothing here may scan them.
const READ_LOG: Record<PublicEngine, string> = {
  sqlserver: 'SELECT TOP 1 ID FROM OSLOG_ERROR',
  oracle: 'SELECT ID FROM OSLOG_ERROR WHERE ROWNUM = 1',
  demo: 'SELECT ID FROM OSLOG_ERROR LIMIT 1',
};

const READ_PARAMETER: Record<PublicEngine, string> = {
  sqlserver: 'SELECT TOP 1 NAME FROM OSSYS_PARAMETER',
  oracle: 'SELECT NAME FROM OSSYS_PARAMETER WHERE ROWNUM = 1',
  demo: 'SELECT NAME FROM OSSYS_PARAMETER LIMIT 1',
};

export interface TestRun {
  engine: PublicEngine;
  /** Where, without credentials. */
  target: string;
  /** For the sentence when OSSYS is not visible: "schema OSADMIN" / "database outsystems". */
  scope: string;
  open: (signal: AbortSignal) => Promise<DbConnection>;
  signal: AbortSignal;
  progress: (message: string, fraction?: number) => void;
  secrets: Array<string | undefined>;
  /** When the profile has a separate log database/schema or login: how to reach it, and its name. */
  log?: { open: (signal: AbortSignal) => Promise<DbConnection>; scope: string };
  /** For "did not answer within N s". */
  querySeconds?: number;
  /** Said with the result whatever it is (Encrypt off). */
  warning?: string | null;
}

/** Each step in words, said as it went: "Server reached", or "Server not reached" when it failed. */
const STEP_WORDS: Record<ConnectionTestStep['id'], { ok: string; failed: string }> = {
  reached: { ok: 'Server reached', failed: 'Server not reached' },
  authenticated: { ok: 'Signed in', failed: 'Not signed in' },
  version: { ok: 'Engine version', failed: 'Engine version not read' },
  ossys: { ok: 'OSSYS tables visible', failed: 'OSSYS tables not visible' },
  log: { ok: 'Log database readable', failed: 'Log database not readable' },
};

function step(id: ConnectionTestStep['id'], ok: boolean, detail?: string): ConnectionTestStep {
  return { id, label: ok ? STEP_WORDS[id].ok : STEP_WORDS[id].failed, ok, ...(detail ? { detail } : {}) };
}

/**
 * "Test connection": connect, a trivial query, the engine version and one read of
 * OSSYS_PARAMETER. Reports each step in words; a failure says what went wrong and keeps the
 * driver's text in `details`. Never throws for a database problem, only returns the result.
 */
export async function testConnection(run: TestRun): Promise<ConnectionTestResult> {
  const started = Date.now();
  const steps: ConnectionTestStep[] = [];
  const result = (failure?: ConnectionTestResult['failure'], version?: string): ConnectionTestResult => ({
    ok: !failure,
    engine: run.engine,
    target: run.target,
    steps,
    ...(version ? { version } : {}),
    elapsedMs: Date.now() - started,
    ...(failure ? { failure } : {}),
    ...(run.warning ? { warning: run.warning } : {}),
  });

  run.progress(`Connecting to ${run.target}`, 0.1);
  let conn: DbConnection;
  try {
    conn = await run.open(run.signal);
  } catch (error) {
    const failure = asFailure(error, run.secrets, run.querySeconds);
    const reached = ['login_failed', 'database_not_found', 'schema_not_found', 'permission_denied'].includes(failure.category);
    steps.push(step('reached', reached));
    if (reached) steps.push(step('authenticated', failure.category !== 'login_failed'));
    return result(failure);
  }
  steps.push(step('reached', true), step('authenticated', true));
  try {
    run.progress('Running a trivial query', 0.5);
    await conn.query(TRIVIAL[run.engine], {}, { signal: run.signal });
    const version = await conn.serverVersion();
    steps.push(step('version', true, version));
    run.progress('Reading OSSYS_PARAMETER', 0.8);
    try {
      await conn.query(READ_PARAMETER[run.engine], {}, { signal: run.signal });
      steps.push(step('ossys', true, `OSSYS_PARAMETER can be read in ${run.scope}.`));
      if (run.log) return result(await checkLog(run, run.log, steps), version);
      return result(undefined, version);
    } catch (error) {
      const unreadable = isUnreadableTable(error);
      if (!unreadable) throw error;
      const message =
        unreadable === 'permission'
          ? `Signed in, but this user may not read OSSYS_PARAMETER in ${run.scope} (permission denied). Grant SELECT on the OSSYS tables, or use the platform's database user.`
          : `Signed in, but OSSYS_PARAMETER is not visible in ${run.scope}. Check the ${run.engine === 'oracle' ? 'platform schema (owner of the OSSYS tables)' : 'database (catalog) name'}.`;
      steps.push(step('ossys', false, message));
      return result(
        { category: unreadable === 'permission' ? 'permission_denied' : 'schema_not_found', message, details: clip(driverText(error), run.secrets) },
        version,
      );
    }
  } catch (error) {
    return result(asFailure(error, run.secrets, run.querySeconds));
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** The separate log database: connect with its own settings and read one row of OSLOG_ERROR. */
async function checkLog(run: TestRun, log: NonNullable<TestRun['log']>, steps: ConnectionTestStep[]): Promise<ConnectionTestResult['failure']> {
  run.progress('Reading the log database', 0.9);
  let conn: DbConnection | undefined;
  try {
    conn = await log.open(run.signal);
    await conn.query(READ_LOG[run.engine], {}, { signal: run.signal });
    steps.push(step('log', true, `OSLOG_ERROR can be read in ${log.scope}.`));
    return undefined;
  } catch (error) {
    const unreadable = isUnreadableTable(error);
    const failure = unreadable
      ? {
          category: unreadable === 'permission' ? ('permission_denied' as const) : ('schema_not_found' as const),
          message:
            unreadable === 'permission'
              ? `The platform database works, but this user may not read OSLOG_ERROR in ${log.scope} (permission denied).`
              : `The platform database works, but OSLOG_ERROR is not visible in ${log.scope}. Check the log ${run.engine === 'oracle' ? 'schema' : 'database'} name.`,
          details: clip(driverText(error), run.secrets),
        }
      : asFailure(error, run.secrets, run.querySeconds);
    const message = unreadable ? failure.message : `The platform database works, but the log database failed: ${failure.message}`;
    steps.push(step('log', false, message));
    return { ...failure, message };
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

function clip(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join('********');
  return out.slice(0, 1000);
}

function asFailure(error: unknown, secrets: Array<string | undefined>, querySeconds?: number): NonNullable<ConnectionTestResult['failure']> {
  if (error instanceof DbConnectError) return { category: error.category, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof ApiError) {
    const category = error.code === 'cancelled' ? 'cancelled' : error.code === 'locked' ? 'password_needed' : error.code === 'timeout' ? 'timeout' : 'other';
    return { category, message: error.message, ...(error.details ? { details: clip(error.details, secrets) } : {}) };
  }
  const text = driverText(error);
  if (/ETIMEOUT|timed? ?out|NJS-123|DPI-1067|ORA-01013/i.test(text)) {
    return {
      category: 'timeout',
      message: `Connected, but the query did not answer within the query timeout${querySeconds ? ` of ${querySeconds} s` : ''}.`,
      details: clip(text, secrets),
    };
  }
  return { category: 'other', message: `Connected, but the test query failed: ${clip(text, secrets).slice(0, 200)}`, details: clip(text, secrets) };
}
