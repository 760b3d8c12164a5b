import { formatTime } from '../format-time';
import type { Fact, FactSource } from './session';

/**
 * Where a fact came from, decided where it arrives (the service knows whether it read a database or
 * counted an imported file; the engine knows what the engineer typed and what it derived), never
 * guessed from a field of the result. The page's badges, the report's "Source" lines and the
 * criteria's sentences all speak from here.
 */

/** How a probe-shaped result reached the session. */
export type ResultOrigin =
  | { kind: 'database'; environment: string }
  /** Counted from files (or pasted text) the customer sent; `label` is "imported: file, rows, matching". */
  | { kind: 'imported'; label: string; replaced?: string }
  /** A live check of the mail server from this computer, e.g. "smtp.office365.com:587". */
  | { kind: 'live-check'; target: string };

/** The fact source a result's facts carry. */
export function sourceOfOrigin(origin: ResultOrigin): FactSource {
  return origin.kind === 'imported' ? 'imported' : origin.kind === 'live-check' ? 'checked' : 'probe';
}

/** The short badge on the page. */
export const SOURCE_BADGES: Record<FactSource, string> = {
  probe: 'database',
  imported: 'imported',
  checked: 'live check',
  engineer: 'typed',
  derived: 'derived',
};

/** The start of every report "Source" line, by origin: a test holds each line to its fact's origin. */
export const SOURCE_LEADS: Record<FactSource, string> = {
  probe: 'Read from the platform database',
  imported: 'Imported from the customer’s export',
  checked: 'Checked live against the mail server',
  engineer: 'Typed in by the engineer',
  derived: 'Derived from the facts above',
};

/** "Read from the platform database (OSSYS_PARAMETER (global row))" */
export function sourceLine(fact: Pick<Fact, 'source' | 'detail'>): string {
  const lead = SOURCE_LEADS[fact.source] ?? SOURCE_LEADS.engineer;
  // The imported label repeats what the lead says ("imported: file, …"): keep only the file part.
  const detail = fact.source === 'imported' ? fact.detail?.replace(/^imported:\s*/i, '') : fact.detail;
  // "Typed in by the engineer (entered by the engineer)" says it twice.
  if (fact.source === 'engineer' && detail === 'entered by the engineer') return lead;
  return detail ? `${lead} (${detail})` : lead;
}

/** "read from the database, 07 Dec 2026, 10:02 UTC", inside a criterion's sentence. */
export function originWords(fact: Pick<Fact, 'source' | 'detail' | 'at'>): string {
  switch (fact.source) {
    case 'probe':
      return `read from the database, ${formatTime(fact.at)}`;
    case 'imported':
      return fact.detail?.split(';')[0]?.trim() || 'imported';
    case 'checked':
      return `checked live, ${formatTime(fact.at)}`;
    case 'engineer':
      return `as the engineer recorded it, ${formatTime(fact.at)}`;
    case 'derived':
      return fact.detail ? `derived: ${fact.detail}` : 'derived';
  }
}
