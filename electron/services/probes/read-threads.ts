import { ApiError } from '../../../shared/api/errors';
import type { ThreadsProbeResult, ThreadsRow } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbConnection } from '../db/types';
import { unreadableReason } from './failures';
import { missingPlatformSchema } from './platform-schema';
import { readOnly } from './read-only';
import { readThreadsSql } from './sql/threads';
import type { ProbeCallOptions } from './types';
import { text } from './values';

export const THREADS_PARAMETER_KEY = THREADS_PARAMETER.toLowerCase();
/** More rows than any farm has front-ends; the cap only guards against a damaged table. */
const ROW_CAP = 500;

function parseThreads(value: string): number | null {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/** Every row of Scheduler.NumberOfThreadsForEmails, global and per host. */
export async function readThreads(conn: DbConnection, opts: ProbeCallOptions = {}): Promise<Omit<ThreadsProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  opts.progress?.(`Reading ${THREADS_PARAMETER}`, 0.2);
  const raw = await readOnly(conn, async (tx) => {
    try {
      return await tx.query<{ NAME: unknown; VAL: unknown; HOST: unknown }>(readThreadsSql[conn.engine], { name: THREADS_PARAMETER_KEY, cap: ROW_CAP }, { signal: opts.signal });
    } catch (error) {
      // "Table not found" on Oracle is most often a missing platform schema: say so and how to fix it.
      const schemaProblem = unreadableReason(error, 'OSSYS_PARAMETER') ? await missingPlatformSchema(tx, opts.signal) : null;
      if (schemaProblem) throw new ApiError('forbidden', `${schemaProblem}.`, { field: 'schema' });
      throw error;
    }
  });
  const rows: ThreadsRow[] = raw.map((r) => ({ name: text(r.NAME) ?? THREADS_PARAMETER, value: text(r.VAL) ?? '', host: text(r.HOST) || null }));
  const globals = rows.filter((r) => r.host === null);
  const globalValue = globals.length === 1 ? parseThreads(globals[0]!.value) : null;
  const hostValues: Record<string, number> = {};
  for (const row of rows) {
    const n = parseThreads(row.value);
    if (row.host !== null && n !== null) hostValues[row.host] = n;
  }
  return { rows, globalValue, hostValues, summary: summarise(rows, globals, globalValue) };
}

function summarise(rows: ThreadsRow[], globals: ThreadsRow[], globalValue: number | null): string {
  if (rows.length === 0) {
    return `No row named ${THREADS_PARAMETER} exists. Read the value shown in Factory Configuration > Platform Configurations.`;
  }
  const parts: string[] = [];
  if (globals.length === 0) parts.push(`${THREADS_PARAMETER} has no global row`);
  else if (globals.length > 1) parts.push(`${THREADS_PARAMETER} has ${globals.length} global rows (${globals.map((g) => g.value).join(', ')}); check which one applies`);
  else if (globalValue === null) parts.push(`${THREADS_PARAMETER} holds "${globals[0]!.value}", which is not a whole number`);
  else parts.push(`${THREADS_PARAMETER} is ${globalValue} (global row)`);
  const hosts = rows.filter((r) => r.host !== null);
  if (hosts.length) parts.push(`per-host rows: ${hosts.map((h) => `${h.host} = ${h.value}`).join(', ')}`);
  return `${parts.join('; ')}.`;
}
