import { ApiError } from '../../../shared/api/errors';
import type { ParameterProbeResult, ParameterRow } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { unreadableReason } from './failures';
import { missingPlatformSchema } from './platform-schema';
import { readOnly } from './read-only';
import { readParameterSql } from './sql/threads';
import type { ProbeCallOptions } from './types';
import { text } from './values';

/** More rows than any farm has front-ends; the cap only guards against a damaged table. */
const ROW_CAP = 500;
/** Longer than any OSSYS_PARAMETER name; a longer one is a mistake, not a parameter. */
const MAX_NAME_LENGTH = 200;

/**
 * A parameter name as the probes take it: trimmed, not empty, no control characters. Refused with
 * invalid_input naming `field`. It only ever travels as a parameter value, never in the SQL text.
 */
export function parameterName(name: unknown, field = 'name'): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) throw new ApiError('invalid_input', 'Name the parameter to read', { field });
  // eslint-disable-next-line no-control-regex
  if (trimmed.length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ApiError('invalid_input', `A parameter name is at most ${MAX_NAME_LENGTH} printable characters`, { field });
  }
  return trimmed;
}

/** The key parameter names are compared on (Oracle compares case-sensitively: domain.md 3). */
export function parameterKey(name: string): string {
  return name.toLowerCase();
}

function parseWhole(value: string): number | null {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/** Every row of one OSSYS_PARAMETER parameter, global and per host, with a sentence naming it. */
export async function readParameter(
  conn: DbConnection,
  name: string,
  opts: ProbeCallOptions = {},
): Promise<Omit<ParameterProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const parameter = parameterName(name);
  opts.progress?.(`Reading ${parameter}`, 0.2);
  const raw = await readOnly(conn, async (tx) => {
    try {
      return await tx.query<{ NAME: unknown; VAL: unknown; HOST: unknown }>(
        readParameterSql[conn.engine],
        { name: parameterKey(parameter), cap: ROW_CAP },
        { signal: opts.signal },
      );
    } catch (error) {
      // "Table not found" on Oracle is most often a missing platform schema: say so and how to fix it.
      const schemaProblem = unreadableReason(error, 'OSSYS_PARAMETER') ? await missingPlatformSchema(tx, opts.signal) : null;
      if (schemaProblem) throw new ApiError('forbidden', `${schemaProblem}.`, { field: 'schema' });
      throw error;
    }
  });
  const rows: ParameterRow[] = raw.map((r) => ({ name: text(r.NAME) ?? parameter, value: text(r.VAL) ?? '', host: text(r.HOST) || null }));
  const globals = rows.filter((r) => r.host === null);
  const globalValue = globals.length === 1 ? parseWhole(globals[0]!.value) : null;
  const hostValues: Record<string, number> = {};
  for (const row of rows) {
    const n = parseWhole(row.value);
    if (row.host !== null && n !== null) hostValues[row.host] = n;
  }
  return { rows, globalValue, hostValues, summary: summarise(parameter, rows, globals, globalValue) };
}

function summarise(parameter: string, rows: ParameterRow[], globals: ParameterRow[], globalValue: number | null): string {
  if (rows.length === 0) {
    return `No row named ${parameter} exists. Read the value shown in Factory Configuration > Platform Configurations.`;
  }
  const parts: string[] = [];
  if (globals.length === 0) parts.push(`${parameter} has no global row`);
  else if (globals.length > 1)
    parts.push(`${parameter} has ${globals.length} global rows (${globals.map((g) => g.value).join(', ')}); check which one applies`);
  else if (globalValue === null) parts.push(`${parameter} holds "${globals[0]!.value}", which is not a whole number`);
  else parts.push(`${parameter} is ${globalValue} (global row)`);
  const hosts = rows.filter((r) => r.host !== null);
  if (hosts.length) parts.push(`per-host rows: ${hosts.map((h) => `${h.host} = ${h.value}`).join(', ')}`);
  return `${parts.join('; ')}.`;
}
