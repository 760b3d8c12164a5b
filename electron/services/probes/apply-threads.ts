import type { ApplyPreview } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbConnection, DbEngine } from '../db/types';
import { commitParameter, parameterUpdate, readParameterBack, type CommitOutcome } from './apply-parameter';
import type { AllowedRange, ProbeCallOptions } from './types';

export { WriteFailure, type CommitOutcome } from './apply-parameter';

/** The threads for emails the toolkit will write: at least one, and no more than any farm uses. */
export const THREADS_ALLOWED: AllowedRange = { min: 1, max: 64 };

/** `parameterUpdate` for Scheduler.NumberOfThreadsForEmails. */
export function threadsUpdate(engine: DbEngine, expected: string | null, newValue: string): ApplyPreview {
  return parameterUpdate(engine, THREADS_PARAMETER, expected, newValue);
}

/** `commitParameter` for Scheduler.NumberOfThreadsForEmails. */
export function commitThreads(conn: DbConnection, expected: string | null, newValue: string, opts: ProbeCallOptions = {}): Promise<CommitOutcome> {
  return commitParameter(conn, THREADS_PARAMETER, expected, newValue, opts);
}

/** `readParameterBack` for Scheduler.NumberOfThreadsForEmails. */
export function readThreadsBack(conn: DbConnection, opts: ProbeCallOptions = {}): Promise<string | null> {
  return readParameterBack(conn, THREADS_PARAMETER, opts);
}
