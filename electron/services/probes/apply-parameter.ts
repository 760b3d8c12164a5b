import { ApiError } from '../../../shared/api/errors';
import type { ApplyPreview } from '../../../shared/probes/types';
import type { DbConnection, DbEngine } from '../db/types';
import { parameterKey, parameterName } from './read-parameter';
import { lockGlobalParameterSql, readGlobalParameterSql, updateGlobalParameterSql } from './sql/apply';
import type { AllowedRange, ProbeCallOptions } from './types';
import { text } from './values';

/**
 * The statement Apply runs on the global row of `parameter`, and its parameters. The preview shows
 * exactly this, and Apply and Undo run exactly this: one function builds both, so they cannot differ.
 */
export function parameterUpdate(engine: DbEngine, parameter: string, expected: string | null, newValue: string): ApplyPreview {
  const name = parameterName(parameter, 'parameter');
  if (expected === null) {
    throw new ApiError(
      'conflict',
      `There is no global ${name} row to change. The toolkit only changes an existing row: set the value in Factory Configuration > Platform Configurations.`,
      { field: 'expected' },
    );
  }
  return {
    statement: updateGlobalParameterSql[engine],
    parameters: { newValue, name: parameterKey(name), expected },
    description: `Sets the global ${name} row from ${expected} to ${newValue}, only if it still holds ${expected}.`,
  };
}

/**
 * The new value of a parameter checked against the values it may take: a whole number within
 * `allowed` (both ends included). Refused with invalid_input on `newValue`.
 */
export function checkNewValue(parameter: string, newValue: unknown, allowed: AllowedRange): number {
  if (!allowed || !Number.isInteger(allowed.min) || !Number.isInteger(allowed.max) || allowed.min > allowed.max) {
    throw new ApiError('invalid_input', `Say which whole numbers ${parameter} may take (min and max)`, {
      field: Number.isInteger(allowed?.min) ? 'max' : 'min',
    });
  }
  if (typeof newValue !== 'number' || !Number.isInteger(newValue)) throw new ApiError('invalid_input', 'Use a whole number', { field: 'newValue' });
  if (newValue < allowed.min) throw new ApiError('invalid_input', `At least ${allowed.min} for ${parameter}`, { field: 'newValue' });
  if (newValue > allowed.max) throw new ApiError('invalid_input', `At most ${allowed.max} for ${parameter}`, { field: 'newValue' });
  return newValue;
}

export interface CommitOutcome {
  /** The value the row held, under lock, before the update. */
  before: string;
  statement: string;
  parameters: ApplyPreview['parameters'];
}

/**
 * Where a failed write stopped. `refused`: inside the transaction (the check or the UPDATE), so it
 * was rolled back and nothing changed. `commit`: the work was done and the commit itself failed, so
 * the database may or may not hold the new value until it is read again.
 */
export class WriteFailure extends Error {
  constructor(
    readonly stage: 'refused' | 'commit',
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * In one transaction: lock the parameter's global row, refuse when it no longer holds what the
 * engineer saw, update it. Throws a WriteFailure saying whether the failure came before the commit
 * or at it.
 */
export async function commitParameter(
  conn: DbConnection,
  parameter: string,
  expected: string | null,
  newValue: string,
  opts: ProbeCallOptions = {},
): Promise<CommitOutcome> {
  const { statement, parameters } = parameterUpdate(conn.engine, parameter, expected, newValue);
  const label = parameterName(parameter, 'parameter');
  const name = parameterKey(label);
  opts.progress?.('Checking the stored value', 0.2);
  let workDone = false;
  try {
    const before = await conn.transaction(async (tx) => {
      const rows = await tx.query<{ VAL: unknown }>(lockGlobalParameterSql[tx.engine], { name }, { signal: opts.signal });
      if (rows.length !== 1) {
        throw new ApiError(
          'conflict',
          rows.length === 0
            ? `The global ${label} row no longer exists. Nothing was changed.`
            : `There are ${rows.length} global ${label} rows; the toolkit will not choose one. Nothing was changed.`,
        );
      }
      const current = text(rows[0]!.VAL);
      if (current !== expected) {
        throw new ApiError(
          'conflict',
          `The stored value changed: ${label} is now ${current ?? 'empty'}, not ${expected} as you saw. Nothing was changed; review the new value before applying again.`,
          {
            field: 'expected',
            details: `current=${current ?? 'NULL'}`,
          },
        );
      }
      if (opts.signal?.aborted) throw new ApiError('cancelled', 'Cancelled before the change; nothing was changed');
      opts.progress?.('Writing the new value', 0.5);
      const changed = await tx.execute(statement, parameters, { signal: opts.signal });
      if (changed !== 1) throw new ApiError('conflict', `The update changed ${changed} rows instead of 1, so it was rolled back. Nothing was changed.`);
      workDone = true;
      return current;
    });
    return { before: before ?? '', statement, parameters };
  } catch (error) {
    throw new WriteFailure(workDone ? 'commit' : 'refused', error);
  }
}

/** The parameter's global value as the database holds it now, on a fresh statement (null: no global row). */
export async function readParameterBack(conn: DbConnection, parameter: string, opts: ProbeCallOptions = {}): Promise<string | null> {
  const back = await conn.query<{ VAL: unknown }>(
    readGlobalParameterSql[conn.engine],
    { name: parameterKey(parameterName(parameter, 'parameter')) },
    { signal: opts.signal },
  );
  return text(back[0]?.VAL);
}
