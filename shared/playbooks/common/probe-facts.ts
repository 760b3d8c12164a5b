import type { EmailsSentProbeResult, ErrorsProbeResult } from '../../probes/types';
import type { Fact } from '../../wizard/session';

/**
 * Facts every email playbook makes the same way from the shared probes (the error-log search and
 * "emails sent since the fix"), so three playbooks word them alike. A playbook adds its own facts
 * (per hour, per form) beside these.
 */
export type NewFact = Omit<Fact, 'step' | 'at' | 'source'> & { source?: Fact['source']; at?: string };

/** Times in sentences the report prints as they are: minutes, in UTC, the same on every machine. */
export function utc(iso: string | null | undefined): string | null {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : null;
}

/** The count of the playbook's errors in the window: read, imported or typed in (the report's symptom when no search result is kept). */
export const ERRORS_COUNT = 'errors.count';

const capped = (r: { capped?: boolean }) => (r.capped ? ', at least (row cap reached)' : '');

/** Count (with the window really covered), first and last seen, per server: `what` names the error, e.g. "432". */
export function errorLogFacts(r: ErrorsProbeResult, what: string): NewFact[] {
  const coverage = r.coverageNote ? `; ${r.coverageNote}` : '';
  const facts: NewFact[] = [
    { key: ERRORS_COUNT, value: r.count, detail: `error log ${r.windowStart.slice(0, 10)} to ${r.windowEnd.slice(0, 10)}${capped(r)}${coverage}` },
  ];
  if (r.firstSeen) facts.push({ key: 'errors.firstSeen', value: r.firstSeen, detail: `first ${what} in the window` });
  if (r.lastSeen) facts.push({ key: 'errors.lastSeen', value: r.lastSeen, detail: `last ${what} in the window` });
  if (r.perServer.length) facts.push({ key: 'errors.perServer', value: r.perServer.map((p) => `${p.server}: ${p.count}`).join(', '), detail: 'per front-end' });
  return facts;
}

/** The errors logged since the fix (restart or recorded change). */
export function errorsSinceFixFacts(r: ErrorsProbeResult): NewFact[] {
  return [{ key: 'after.errors.count', value: r.count, detail: `error log after ${utc(r.windowStart) ?? r.windowStart}${capped(r)}` }];
}

/** Emails sent since the fix; unknown stays unknown (the probe's summary says why) and can be typed in. */
export function emailsSentFacts(r: EmailsSentProbeResult): NewFact[] {
  if (!r.known || typeof r.count !== 'number') return [];
  return [{ key: 'after.emails.sent', value: r.count, detail: `emails marked sent after ${utc(r.since) ?? r.since}${capped(r)}` }];
}
