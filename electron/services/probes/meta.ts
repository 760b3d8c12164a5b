import type { ProbeMeta } from '../../../shared/probes/types';
import type { DbEngine } from '../db/types';

/** Times a probe and stamps its result with when it ran and on which engine. */
export async function withMeta<T>(engine: DbEngine, now: () => Date, work: () => Promise<T>): Promise<T & ProbeMeta> {
  const readAt = now().toISOString();
  const started = performance.now();
  const result = await work();
  return { ...result, readAt, durationMs: Math.round(performance.now() - started), engine };
}
