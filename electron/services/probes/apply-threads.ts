import type { ApplyPreview } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../demo/seeds';
import type { DbEngine } from '../db/types';
import { parameterUpdate } from './apply-parameter';
import type { AllowedRange } from './types';

/** The threads for emails the toolkit will write: at least one, and no more than any farm uses. */
export const THREADS_ALLOWED: AllowedRange = { min: 1, max: 64 };

/** `parameterUpdate` for Scheduler.NumberOfThreadsForEmails. */
export function threadsUpdate(engine: DbEngine, expected: string | null, newValue: string): ApplyPreview {
  return parameterUpdate(engine, THREADS_PARAMETER, expected, newValue);
}
