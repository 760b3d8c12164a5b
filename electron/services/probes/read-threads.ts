import type { ThreadsProbeResult } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbConnection } from '../db/types';
import { parameterKey, readParameter } from './read-parameter';
import type { ProbeCallOptions } from './types';

export const THREADS_PARAMETER_KEY = parameterKey(THREADS_PARAMETER);

/** Every row of Scheduler.NumberOfThreadsForEmails, global and per host (`readParameter` for the threads). */
export function readThreads(conn: DbConnection, opts: ProbeCallOptions = {}): Promise<Omit<ThreadsProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  return readParameter(conn, THREADS_PARAMETER, opts);
}
