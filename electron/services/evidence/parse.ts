import { EVIDENCE_FIELDS, MAX_EVIDENCE_ROWS, type EvidenceField, type EvidenceMapping, type EvidencePreview } from '../../../shared/api/methods/evidence';
import { firstMatch, type Matcher } from '../../../shared/incidents/matcher';
import { EvidenceRefusal, readTable, type RawTable, type ReadBounds, type RowsRead } from './table';
import { excelSerialToUtc, parseTimeCell, slashedParts, type CellValue, type TimeOptions } from './times';

/**
 * From a customer's file to what the preview shows and what an import counts. Columns are found
 * by their header names (case, spacing and punctuation ignored), never by position.
 */

/** Header names per field, normalised (lower case, letters and digits only), most specific first. */
const HEADER_NAMES: Record<EvidenceField, { exact: string[]; contains: string[] }> = {
  time: {
    exact: ['time', 'date', 'instant', 'timestamp', 'datetime', 'dateandtime', 'timeutc', 'occurred', 'occurredat', 'loggedat', 'logged', 'when'],
    contains: ['instant', 'timestamp', 'time', 'date'],
  },
  message: { exact: ['message', 'error', 'errormessage', 'errortext', 'description', 'msg', 'text'], contains: ['message', 'error'] },
  server: {
    exact: ['server', 'hostname', 'host', 'servername', 'machine', 'machinename', 'frontend', 'frontendserver'],
    contains: ['hostname', 'server', 'host'],
  },
  module: { exact: ['module', 'espace', 'modulename', 'espacename'], contains: ['module', 'espace'] },
  application: { exact: ['application', 'app', 'applicationname', 'appname'], contains: ['application'] },
};
/** Headers that contain a field's word but are something else. */
const NOT_A_FIELD = new Set([
  'errorid',
  'errorcode',
  'messageid',
  'serverid',
  'hostid',
  'moduleid',
  'applicationid',
  'espaceid',
  'datatype',
  'updated',
  'timezone',
  'timetaken',
  'duration',
]);

export const PREVIEW_ROWS = 20;

function normalise(header: string): string {
  return header
    .toLowerCase()
    .replace(/\(.*?\)|\[.*?\]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? ''
      : value
          .toISOString()
          .replace('T', ' ')
          .replace(/\.000Z$|Z$/, '');
  return String(value);
}

/** Which column each field is in, by header name: exact names first, then names that contain the word. */
export function detectColumns(headers: string[]): Record<EvidenceField, number | null> {
  const names = headers.map(normalise);
  const taken = new Set<number>();
  const found = {} as Record<EvidenceField, number | null>;
  for (const field of EVIDENCE_FIELDS) found[field] = null;
  for (const pass of ['exact', 'contains'] as const) {
    for (const field of EVIDENCE_FIELDS) {
      if (found[field] !== null) continue;
      const list = HEADER_NAMES[field][pass];
      let best: number | null = null;
      let bestRank = Infinity;
      names.forEach((name, i) => {
        if (taken.has(i) || !name || NOT_A_FIELD.has(name)) return;
        const rank = pass === 'exact' ? list.indexOf(name) : list.findIndex((word) => name.includes(word));
        if (rank >= 0 && rank < bestRank) {
          best = i;
          bestRank = rank;
        }
      });
      if (best !== null) {
        found[field] = best;
        taken.add(best);
      }
    }
  }
  return found;
}

interface Shaped {
  columns: string[];
  /** Index of the first data row in raw.rows. */
  dataStart: number;
  detected: Record<EvidenceField, number | null>;
  headerFound: boolean;
}

/** Finds the header row: the first of the first ten rows whose names give a time and a message column. */
function shape(raw: RawTable): Shaped {
  const width = raw.rows.reduce((max, r) => Math.max(max, r.length), 0);
  const named = (cells: CellValue[]) => Array.from({ length: width }, (_, i) => cellText(cells[i] ?? null).trim() || `Column ${i + 1}`);
  if (raw.timeLines) {
    return { columns: ['Time', 'Message'], dataStart: 0, detected: { time: 0, message: 1, server: null, module: null, application: null }, headerFound: true };
  }
  let fallback: Shaped | null = null;
  for (let r = 0; r < Math.min(10, raw.rows.length); r++) {
    const cells = raw.rows[r]!;
    if (cells.some((c) => c instanceof Date || typeof c === 'number')) continue;
    const columns = named(cells);
    const detected = detectColumns(columns);
    if (detected.time !== null && detected.message !== null) return { columns, dataStart: r + 1, detected, headerFound: true };
    const found = EVIDENCE_FIELDS.filter((f) => detected[f] !== null).length;
    if (found > 0 && !fallback) fallback = { columns, dataStart: r + 1, detected, headerFound: true };
  }
  if (fallback) return fallback;
  // No header row (text pasted without one): columns by number, the time and message found by their content.
  const columns = Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  return { columns, dataStart: 0, detected: detectByContent(raw, width), headerFound: false };
}

function detectByContent(raw: RawTable, width: number): Record<EvidenceField, number | null> {
  const sample = raw.rows.slice(0, 50);
  const options: TimeOptions = { utcOffsetMinutes: 0, dayFirst: true, date1904: raw.date1904 };
  let time: number | null = null;
  let message: number | null = null;
  let longest = 0;
  for (let c = 0; c < width; c++) {
    const times = sample.filter((r) => parseTimeCell(r[c] ?? null, options) !== null).length;
    if (time === null && times >= sample.length / 2) {
      time = c;
      continue;
    }
    const length = sample.reduce((sum, r) => sum + cellText(r[c] ?? null).length, 0);
    if (length > longest) {
      longest = length;
      message = c;
    }
  }
  return { time, message, server: null, module: null, application: null };
}

/** Day first unless a date says otherwise (13/01 is day first, 01/13 month first); AM/PM alone leans to month first. */
function detectDayFirst(raw: RawTable, dataStart: number, column: number | null): { dayFirst: boolean; decided: boolean; seen: boolean } {
  if (column === null) return { dayFirst: true, decided: false, seen: false };
  let meridiem = false;
  let seen = false;
  const end = Math.min(raw.rows.length, dataStart + 5000);
  for (let r = dataStart; r < end; r++) {
    const v = raw.rows[r]![column];
    if (typeof v !== 'string') continue;
    const parts = slashedParts(v);
    if (!parts) continue;
    seen = true;
    if (parts.a > 12) return { dayFirst: true, decided: true, seen };
    if (parts.b > 12) return { dayFirst: false, decided: true, seen };
    meridiem ||= parts.meridiem;
  }
  return { dayFirst: !meridiem, decided: false, seen };
}

export interface Evidence {
  raw: RawTable;
  columns: string[];
  dataStart: number;
  detected: EvidenceMapping;
  /** Sentences about what was assumed while detecting. */
  notes: string[];
}

export async function readEvidence(bytes: Uint8Array, fileName: string, onRows?: RowsRead, bounds?: ReadBounds): Promise<Evidence> {
  const raw = await readTable(bytes, fileName, onRows, bounds);
  const shaped = shape(raw);
  const dataRows = raw.rows.length - shaped.dataStart;
  if (dataRows <= 0) throw new EvidenceRefusal('Empty: the file has a header row but no rows of errors.');
  if (dataRows > MAX_EVIDENCE_ROWS) {
    throw new EvidenceRefusal(
      `Too large: the file has ${dataRows.toLocaleString('en-US')} rows; at most ${MAX_EVIDENCE_ROWS.toLocaleString('en-US')} are read. Filter the export in Service Center and export again.`,
    );
  }
  const day = detectDayFirst(raw, shaped.dataStart, shaped.detected.time);
  const name = (i: number | null) => (i === null ? null : shaped.columns[i]!);
  const detected: EvidenceMapping = {
    time: name(shaped.detected.time),
    message: name(shaped.detected.message),
    server: name(shaped.detected.server),
    module: name(shaped.detected.module),
    application: name(shaped.detected.application),
    dayFirst: day.dayFirst,
  };
  const notes: string[] = [];
  if (!shaped.headerFound) notes.push('No header row was found: the time and message columns were chosen by their content. Check them.');
  if (day.seen && !day.decided) {
    notes.push(
      day.dayFirst
        ? 'Dates such as 01/12/2026 are read day first (1 December 2026): no date in the file tells the order. Change it if the export is month first.'
        : 'Dates such as 12/1/2026 are read month first (December 1, 2026), as times with AM/PM suggest. Change it if the export is day first.',
    );
  }
  return { raw, columns: shaped.columns, dataStart: shaped.dataStart, detected, notes };
}

/** The mapping's columns as indexes; refused when it names a column the file does not have. */
function indexes(evidence: Evidence, mapping: EvidenceMapping): Record<EvidenceField, number | null> {
  const out = {} as Record<EvidenceField, number | null>;
  for (const field of EVIDENCE_FIELDS) {
    const name = mapping[field];
    if (name === null) {
      out[field] = null;
      continue;
    }
    const i = evidence.columns.indexOf(name);
    if (i < 0) throw new EvidenceRefusal(`The file has no column "${name}" (mapping.${field}); its columns are: ${evidence.columns.join(', ')}.`);
    out[field] = i;
  }
  return out;
}

/** What stops an import with this mapping, in sentences. */
function mappingProblems(mapping: EvidenceMapping): string[] {
  const problems: string[] = [];
  if (mapping.time === null) problems.push('No time column: choose the column that holds when each error happened (e.g. "Time", "Date", "Instant").');
  if (mapping.message === null) problems.push('No message column: choose the column that holds the error text (e.g. "Message", "Error").');
  return problems;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function previewOf(evidence: Evidence, fileName: string, options: { mapping?: EvidenceMapping; utcOffsetMinutes: number }): EvidencePreview {
  const mapping = options.mapping ?? evidence.detected;
  const at = indexes(evidence, mapping);
  const timeOptions: TimeOptions = { utcOffsetMinutes: options.utcOffsetMinutes, dayFirst: mapping.dayFirst, date1904: evidence.raw.date1904 };
  const rows = evidence.raw.rows.slice(evidence.dataStart);
  const width = evidence.columns.length;
  const shown = rows.slice(0, PREVIEW_ROWS);
  let first = Infinity;
  let last = -Infinity;
  let unreadable = 0;
  if (at.time !== null) {
    for (const row of rows) {
      const t = parseTimeCell(row[at.time] ?? null, timeOptions);
      if (t === null) unreadable++;
      else {
        if (t < first) first = t;
        if (t > last) last = t;
      }
    }
  }
  const problems = mappingProblems(mapping);
  if (at.time !== null && unreadable === rows.length)
    problems.push(`No time could be read in the column "${mapping.time}": choose another column, or the day/month order.`);
  else if (unreadable > 0)
    problems.push(`${unreadable.toLocaleString('en-US')} row${unreadable === 1 ? '' : 's'} without a readable time in "${mapping.time}" will not be counted.`);
  const notes = [...evidence.notes];
  notes.push(`Times without a zone are read as ${offsetText(options.utcOffsetMinutes)} and shown in UTC.`);
  return {
    fileName,
    kind: evidence.raw.kind,
    columns: evidence.columns,
    detected: evidence.detected,
    mapping,
    // An Excel date in the time column is shown as the wall clock the file holds, not as its serial number.
    rows: shown.map((r) =>
      Array.from({ length: width }, (_, i) => {
        const v = r[i] ?? null;
        const wall =
          i === at.time && typeof v === 'number' ? excelSerialToUtc(v, { utcOffsetMinutes: 0, dayFirst: true, date1904: evidence.raw.date1904 }) : null;
        return wall === null ? cellText(v) : new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
      }),
    ),
    times: shown.map((r) => {
      if (at.time === null) return null;
      const t = parseTimeCell(r[at.time] ?? null, timeOptions);
      return t === null ? null : new Date(t).toISOString();
    }),
    rowCount: rows.length,
    utcOffsetMinutes: options.utcOffsetMinutes,
    firstAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
    lastAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
    problems,
    notes,
  };
}

/** One occurrence of the playbook's error in the file. */
export interface EvidenceMatch {
  instant: string;
  server: string | null;
  message: string;
  /** Index of the matcher (in the list given) that counted it. */
  matcher: number;
}

export interface EvidenceCount {
  rowCount: number;
  /** Rows with a readable time. */
  rowsTimed: number;
  rowsWithoutTime: number;
  firstAt: string | null;
  lastAt: string | null;
  /** Occurrences, in file order. */
  matches: EvidenceMatch[];
  /** Matching rows that were left out because their time could not be read. */
  matchesWithoutTime: number;
  /** Rows with a time after `fixAt` (when given). */
  rowsAfterFix: number;
}

/**
 * Every row's message through the matchers, the way the error-log search runs them on the log's
 * MESSAGE: `firstMatch`, so a line two matchers accept counts once, for the first.
 */
export function countEvidence(
  evidence: Evidence,
  options: { mapping?: EvidenceMapping; utcOffsetMinutes: number; matchers: readonly Matcher[]; fixAt?: string | null },
): EvidenceCount {
  const mapping = options.mapping ?? evidence.detected;
  const problems = mappingProblems(mapping);
  if (problems.length) throw new EvidenceRefusal(problems.join(' '));
  const at = indexes(evidence, mapping);
  const timeOptions: TimeOptions = { utcOffsetMinutes: options.utcOffsetMinutes, dayFirst: mapping.dayFirst, date1904: evidence.raw.date1904 };
  const fix = options.fixAt ? Date.parse(options.fixAt) : null;
  const matches: EvidenceMatch[] = [];
  let rowsTimed = 0;
  let matchesWithoutTime = 0;
  let rowsAfterFix = 0;
  let first = Infinity;
  let last = -Infinity;
  const rows = evidence.raw.rows;
  for (let r = evidence.dataStart; r < rows.length; r++) {
    const row = rows[r]!;
    const t = parseTimeCell(row[at.time!] ?? null, timeOptions);
    const message = cellText(row[at.message!] ?? null);
    const matcher = message ? firstMatch(options.matchers, message) : undefined;
    if (t === null) {
      if (matcher) matchesWithoutTime++;
      continue;
    }
    rowsTimed++;
    if (t < first) first = t;
    if (t > last) last = t;
    if (fix !== null && t > fix) rowsAfterFix++;
    if (!matcher) continue;
    const server = at.server === null ? null : cellText(row[at.server] ?? null).trim() || null;
    matches.push({ instant: new Date(t).toISOString(), server, message, matcher: options.matchers.indexOf(matcher) });
  }
  const rowCount = rows.length - evidence.dataStart;
  if (rowsTimed === 0) throw new EvidenceRefusal(`No time could be read in the column "${mapping.time}": choose another column, or the day/month order.`);
  return {
    rowCount,
    rowsTimed,
    rowsWithoutTime: rowCount - rowsTimed,
    firstAt: new Date(first).toISOString(),
    lastAt: new Date(last).toISOString(),
    matches,
    matchesWithoutTime,
    rowsAfterFix,
  };
}
