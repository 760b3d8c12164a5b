import { ApiError } from '../../../shared/api/errors';
import type { ApplyPreview } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbConnection, DbEngine } from '../db/types';
import { THREADS_PARAMETER_KEY } from './read-threads';
import { lockGlobalThreadsSql, readGlobalThreadsSql, updateGlobalThreadsSql } from './sql/apply';
import type { ProbeCallOptions } from './types';
import { text } from './values';

/**
 * The statement Apply runs and its parameters. The preview shows exactly this, and Apply and Undo
 * run exactly this: one function builds both, so they cannot differ.
 */
export function threadsUpdate(engine: DbEngine, expected: string | null, newValue: string): ApplyPreview {
  if (expected === null) {
    throw new ApiError(
      'conflict',
      `There is no global ${THREADS_PARAMETER} row to change. The toolkit only changes an existing row: set the value in Factory Configuration > Platform Configurations.`,
      { field: 'expected' },
    );
  }
  return {
    statement: updateGlobalThreadsSql[engine],
    parameters: { newValue, name: THREADS_PARAMETER_KEY, expected },
    description: `Sets the global ${THREADS_PARAMETER} row from ${expected} to ${newValue}, only if it still holds ${expected}.`,
  };
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
 * In one transaction: lock the global row, refuse when it no longer holds what the engineer saw,
 * update it. Throws a WriteFailure saying whether the failure came before the commit or at it.
 */
export async function commitThreads(conn: DbConnection, expected: string | null, newValue: string, opts: ProbeCallOptions = {}): Promise<CommitOutcome> {
  const { statement, parameters } = threadsUpdate(conn.engine, expected, newValue);
  const name = THREADS_PARAMETER_KEY;
  opts.progress?.('Checking the stored value', 0.2);
  let workDone = false;
  try {
    const before = await conn.transaction(async (tx) => {
      const rows = await tx.query<{ VAL: unknown }>(lockGlobalThreadsSql[tx.engine], { name }, { signal: opts.signal });
      if (rows.length !== 1) {
        throw new ApiError('conflict', rows.length === 0 ? `The global ${THREADS_PARAMETER} row no longer exists. Nothing was changed.` : `There are ${rows.length} global ${THREADS_PARAMETER} rows; the toolkit will not choose one. Nothing was changed.`);
      }
      const current = text(rows[0]!.VAL);
      if (current !== expected) {
        throw new ApiError('conflict', `The stored value changed: ${THREADS_PARAMETER} is now ${current ?? 'empty'}, not ${expected} as you saw. Nothing was changed; review the new value before applying again.`, {
          field: 'expected',
          details: `current=${current ?? 'NULL'}`,
        });
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

/** The global value as the database holds it now, on a fresh statement (null: no global row). */
export async function readThreadsBack(conn: DbConnection, opts: ProbeCallOptions = {}): Promise<string | null> {
  const back = await conn.query<{ VAL: unknown }>(readGlobalThreadsSql[conn.engine], { name: THREADS_PARAMETER_KEY }, { signal: opts.signal });
  return text(back[0]?.VAL);
}
