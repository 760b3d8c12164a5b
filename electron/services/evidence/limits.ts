import { MAX_EVIDENCE_ROWS } from '../../../shared/api/methods/evidence';
import { EvidenceRefusal } from './refusal';

/**
 * The hard limits of reading a customer's file. The file is untrusted: each limit is checked while
 * the bytes are expanded, never after, so a zip bomb, a sheet as wide as Excel allows or a cell of
 * 300 MB is refused before it costs the engineer's machine more than these numbers.
 */
export const EVIDENCE_LIMITS = {
  /** Entries in the workbook's zip: a real export has about a dozen. */
  zipEntries: 1_000,
  /** Uncompressed bytes of one part (the worksheet of 200,000 rows is about 60 MB). */
  entryBytes: 256 * 1024 * 1024,
  /** Uncompressed bytes of every part read, together. */
  totalBytes: 384 * 1024 * 1024,
  /** Rows read: the data limit plus a few above the header. */
  rows: MAX_EVIDENCE_ROWS + 50,
  /** Columns kept: A to BL. A Service Center export has seven. */
  columns: 64,
  /** Cells kept in all (rows x columns actually filled). */
  cells: 4_000_000,
  /** Characters in one cell: Excel's own limit. */
  cellChars: 32_767,
  /** Shared strings in a workbook, and their characters together. */
  sharedStrings: 1_000_000,
  sharedStringChars: 64 * 1024 * 1024,
  /** Nesting of XML elements: a worksheet needs six. */
  xmlDepth: 64,
  /** Characters of one text, tag or attribute: a cell's text with every character escaped, and room to spare. */
  xmlNodeChars: 256 * 1024,
  /** Characters of one CSV record. */
  recordChars: 2 * 1024 * 1024,
  /** How long one call may read. */
  timeMs: 30_000,
} as const;

export type EvidenceLimits = typeof EVIDENCE_LIMITS;

/** Column letters of a 0-based index: 0 is A, 63 is BL, 16383 is XFD. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** 0-based column index of a reference such as "XFD150000"; null when it has no letters. */
export function columnIndex(reference: string): number | null {
  let index = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    const upper = code >= 97 ? code - 32 : code;
    if (upper < 65 || upper > 90) break;
    index = index * 26 + (upper - 64);
    // Past Excel's last column (XFD) there is nothing a mapping could use.
    if (index > 1_000_000) return index;
  }
  return i === 0 ? null : index - 1;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The time budget of one call, checked as the reader goes (the host also stops the worker a little
 * after it, in case a check is never reached).
 */
export class Budget {
  private readonly deadline: number;
  constructor(readonly ms: number = EVIDENCE_LIMITS.timeMs) {
    this.deadline = Date.now() + ms;
  }
  check(): void {
    if (Date.now() > this.deadline) throw budgetRefusal(this.ms);
  }
}

export function budgetRefusal(ms: number): EvidenceRefusal {
  return new EvidenceRefusal(
    `Too slow: reading the file took more than ${ms < 1000 ? `${n(ms)} ms` : `${n(Math.round(ms / 1000))} s`}, so it was stopped. Filter the export in Service Center (a shorter time span, one module) and export again.`,
  );
}

export const refusals = {
  rows: () =>
    new EvidenceRefusal(
      `Too large: the file has more than ${n(MAX_EVIDENCE_ROWS)} rows. Filter the export in Service Center (a shorter time span, one module) and export again.`,
    ),
  column: (column: number, where: string, limits: EvidenceLimits) =>
    new EvidenceRefusal(
      `Too wide: ${where} is in column ${columnName(column)}; at most ${n(limits.columns)} columns (A to ${columnName(limits.columns - 1)}) are read. Delete the columns after ${columnName(limits.columns - 1)} and save the file again.`,
    ),
  cells: (limits: EvidenceLimits) =>
    new EvidenceRefusal(`Too large: the file has more than ${n(limits.cells)} filled cells. Filter the export in Service Center and export again.`),
  cell: (where: string, limits: EvidenceLimits) =>
    new EvidenceRefusal(
      `Too large: ${where} holds more than ${n(limits.cellChars)} characters, the most a cell can hold in Excel. The file is damaged or not an Errors export.`,
    ),
};
