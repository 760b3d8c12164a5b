import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ApiError } from '../../../shared/api/errors';
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_ROWS } from '../../../shared/api/methods/evidence';
import { leadingTime, type CellValue } from './times';

/**
 * A customer's file read into rows of cells, whatever it was: the first worksheet of an .xlsx
 * (values and formulas' cached results only: nothing is evaluated, a formula without a cached
 * result is empty), a .csv (RFC 4180, `,` `;` tab or `|`, quotes, a BOM, UTF-8/UTF-16/Windows-1252),
 * or text pasted from the Errors page (tab-separated, or lines starting with a date).
 */
export interface RawTable {
  kind: 'xlsx' | 'csv' | 'text';
  /** Every non-empty row, header included, cells as read. */
  rows: CellValue[][];
  /** The workbook counts days from 1904. */
  date1904: boolean;
  /** When the rows are lines starting with a date: the columns are [time, message] with no header row. */
  timeLines: boolean;
}

/** A refusal with its reason in the engineer's words: "Not a spreadsheet: ...", "Empty: ...". */
export class EvidenceRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceRefusal';
  }
}

export type RowsRead = (rows: number) => void;

const MB = 1024 * 1024;
/** Rows beyond the data limit still read, to find the header row among them. */
const HEADER_ALLOWANCE = 50;
const MAX_ROWS_READ = MAX_EVIDENCE_ROWS + HEADER_ALLOWANCE;

function tooManyRows(): EvidenceRefusal {
  return new EvidenceRefusal(
    `Too large: the file has more than ${MAX_EVIDENCE_ROWS.toLocaleString('en-US')} rows. Filter the export in Service Center (a shorter time span, one module) and export again.`,
  );
}

export function checkSize(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_EVIDENCE_BYTES) {
    throw new EvidenceRefusal(
      `Too large: the file is ${(bytes.byteLength / MB).toFixed(1)} MB; at most ${MAX_EVIDENCE_BYTES / MB} MB is read. Filter the export in Service Center and export again.`,
    );
  }
  if (bytes.byteLength === 0) throw new EvidenceRefusal('Empty: the file has no content.');
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

export async function readTable(bytes: Uint8Array, fileName: string, onRows: RowsRead = () => undefined): Promise<RawTable> {
  checkSize(bytes);
  const lower = fileName.toLowerCase();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readWorkbook(bytes, onRows);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new EvidenceRefusal(
      'Not a spreadsheet this app reads: this is an Excel 97-2003 (.xls) or other Office binary file. Open it in Excel and save it as .xlsx or .csv.',
    );
  }
  if (/\.(xlsx|xlsm)$/.test(lower))
    throw new EvidenceRefusal(`Not a spreadsheet: "${fileName}" is named like an Excel workbook but its content is not one (damaged, or renamed).`);
  const text = decodeText(bytes, fileName);
  return readText(text, lower.endsWith('.csv') ? 'csv' : 'text', onRows);
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252. */
function decodeText(bytes: Uint8Array, fileName: string): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of head) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  if (head.includes(0) || controls > head.length / 100) {
    throw new EvidenceRefusal(`Not a spreadsheet: "${fileName}" is not an Excel workbook, a CSV file or text (it looks like another binary file).`);
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** The separator of the first line, outside quotes: the most frequent of tab, `;`, `,` and `|`. */
export function detectSeparator(text: string): string | null {
  const counts = new Map<string, number>([
    ['\t', 0],
    [';', 0],
    [',', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  for (const [sep, n] of counts) if (n > 0 && (best === null || n > counts.get(best)!)) best = sep;
  return best;
}

/** RFC 4180 with any one-character separator: quoted fields, "" for a quote, CRLF or LF, line breaks inside quotes. */
export function parseDelimited(text: string, separator: string | null, onRows: RowsRead): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > 1 || row[0]!.trim() !== '') {
      rows.push(row);
      if (rows.length > MAX_ROWS_READ) throw tooManyRows();
      if (rows.length % 10_000 === 0) onRows(rows.length);
    }
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Up to the next quote at once: a long quoted message is one slice, not one step per character.
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      field += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (ch === separator) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  onRows(rows.length);
  return rows;
}

function readText(text: string, kind: 'csv' | 'text', onRows: RowsRead): RawTable {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new EvidenceRefusal('Empty: the file has no rows.');
  if (kind === 'text') {
    const lines = body.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
    const firstLines = lines.slice(0, 20);
    const hasTabs = firstLines.some((l) => l.includes('\t'));
    const dated = firstLines.filter((l) => leadingTime(l)).length;
    // Lines copied from the Errors page as text: a time, then the rest of the line; lines without a time continue the one before (a stack trace).
    if (!hasTabs && dated > 0 && dated >= firstLines.length / 3) {
      const rows: CellValue[][] = [];
      for (const line of lines) {
        const lead = leadingTime(line);
        if (lead) {
          rows.push([lead.time, lead.rest]);
          if (rows.length > MAX_ROWS_READ) throw tooManyRows();
        } else if (rows.length > 0) rows[rows.length - 1]![1] = `${String(rows[rows.length - 1]![1])}\n${line.trim()}`;
      }
      onRows(rows.length);
      return { kind, rows, date1904: false, timeLines: true };
    }
  }
  const rows = parseDelimited(body, detectSeparator(body), onRows);
  return { kind, rows, date1904: false, timeLines: false };
}

/** A cell of exceljs as a value: formulas by their cached result only, rich text as its text. */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'object') {
    const v = value as { result?: unknown; formula?: unknown; sharedFormula?: unknown; richText?: Array<{ text?: string }>; text?: unknown; error?: unknown };
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? cellValue(v.result) : null;
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

async function readWorkbook(bytes: Uint8Array, onRows: RowsRead): Promise<RawTable> {
  const rows: CellValue[][] = [];
  let date1904 = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
      sharedStrings: 'cache',
      // Styles are what tell a date cell from a number; reading them costs a third of the time, and a
      // number in the time column is read as an Excel date anyway (times.ts).
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      date1904 = Boolean((reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904);
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        let filled = false;
        for (let c = 1; c < values.length; c++) {
          const v = cellValue(values[c]);
          if (v !== null && v !== '') filled = true;
          cells.push(v);
        }
        if (!filled) continue;
        rows.push(cells);
        if (rows.length > MAX_ROWS_READ) throw tooManyRows();
        if (rows.length % 10_000 === 0) onRows(rows.length);
      }
      // The first worksheet is the export; others (notes, pivots) are not read.
      break;
    }
  } catch (error) {
    // A refusal, or a cancel thrown from the progress callback, is passed on as it is.
    if (error instanceof EvidenceRefusal || error instanceof ApiError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new EvidenceRefusal(
      `Not a spreadsheet: the workbook could not be read (${reason.slice(0, 200)}). Open it in Excel and save it again as .xlsx or .csv.`,
    );
  }
  onRows(rows.length);
  if (rows.length === 0) throw new EvidenceRefusal('Empty: the first worksheet has no rows.');
  return { kind: 'xlsx', rows, date1904, timeLines: false };
}
