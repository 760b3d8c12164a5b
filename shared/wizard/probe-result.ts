import type { DbClock } from '../probes/types';
import type { ResultOrigin } from './provenance';
import type { Session } from './session';

/** What the engine reads of a probe's result for the session: the database clock and the event's words. */

/** The database clock a probe measured, when its result carries one (ProbeMeta.clock). */
export function clockOf(result: unknown): Session['clock'] | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const { clock, readAt } = result as { clock?: unknown; readAt?: unknown };
  if (!clock || typeof clock !== 'object' || typeof readAt !== 'string') return undefined;
  const c = clock as Partial<DbClock>;
  if (typeof c.utcOffsetMinutes !== 'number' || typeof c.skewSeconds !== 'number' || typeof c.summary !== 'string') return undefined;
  return { utcOffsetMinutes: c.utcOffsetMinutes, skewSeconds: c.skewSeconds, databaseLocalTime: String(c.databaseLocalTime ?? ''), summary: c.summary, readAt };
}

/**
 * One event per result: a database read named as the page names it ("Read the threads value:
 * Scheduler… is 2 (global row)."), an import by its file, never as if a database had been read.
 */
export function probeEvent(label: string, result: unknown, origin: ResultOrigin): string {
  const summary = result && typeof result === 'object' && 'summary' in result ? String((result as { summary: unknown }).summary).trim() : '';
  const said = summary ? (/[.!?]$/.test(summary) ? summary : `${summary}.`) : '';
  if (origin.kind === 'imported') {
    const text = said || `${origin.label.charAt(0).toUpperCase()}${origin.label.slice(1)}.`;
    return origin.replaced ? `${text} It replaces the earlier count (${origin.replaced}).` : text;
  }
  return said ? `${label}: ${said}` : `${label}.`;
}
