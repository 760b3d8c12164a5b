import { MAX_EVIDENCE_BYTES } from '../../../shared/api/methods/evidence';
import { detectSeparator, parseDelimited } from './delimited';
import { Budget, EVIDENCE_LIMITS, refusals, type EvidenceLimits } from './limits';
import { EvidenceRefusal } from './refusal';
import { leadingTime, type CellValue } from './times';
import { readXlsx } from './xlsx';

export { EvidenceRefusal } from './refusal';

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

export type RowsRead = (rows: number) => void;

const MB = 1024 * 1024;

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

/** How one read is bounded: the limits (tests and benches lower them) and the time budget. */
export interface ReadBounds {
  limits?: EvidenceLimits;
  budget?: Budget;
}

export async function readTable(bytes: Uint8Array, fileName: string, onRows: RowsRead = () => undefined, bounds: ReadBounds = {}): Promise<RawTable> {
  checkSize(bytes);
  const limits = bounds.limits ?? EVIDENCE_LIMITS;
  const budget = bounds.budget ?? new Budget(limits.timeMs);
  const lower = fileName.toLowerCase();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readWorkbook(bytes, limits, budget, onRows);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new EvidenceRefusal(
      'Not a spreadsheet this app reads: this is an Excel 97-2003 (.xls) or other Office binary file. Open it in Excel and save it as .xlsx or .csv.',
    );
  }
  if (/\.(xlsx|xlsm)$/.test(lower))
    throw new EvidenceRefusal(`Not a spreadsheet: "${fileName}" is named like an Excel workbook but its content is not one (damaged, or renamed).`);
  const text = decodeText(bytes, fileName);
  return readText(text, lower.endsWith('.csv') ? 'csv' : 'text', onRows, limits, budget);
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

function readText(text: string, kind: 'csv' | 'text', onRows: RowsRead, limits: EvidenceLimits, budget: Budget): RawTable {
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
          if (rows.length > limits.rows) throw refusals.rows();
          if (rows.length % 10_000 === 0) budget.check();
        } else if (rows.length > 0) rows[rows.length - 1]![1] = `${String(rows[rows.length - 1]![1])}\n${line.trim()}`;
        const last = rows[rows.length - 1];
        if (last && String(last[1]).length > limits.cellChars) throw refusals.cell(`the message on line ${rows.length.toLocaleString('en-US')}`, limits);
      }
      onRows(rows.length);
      return { kind, rows, date1904: false, timeLines: true };
    }
  }
  const rows = parseDelimited(body, detectSeparator(body), onRows, limits, budget);
  return { kind, rows, date1904: false, timeLines: false };
}

async function readWorkbook(bytes: Uint8Array, limits: EvidenceLimits, budget: Budget, onRows: RowsRead): Promise<RawTable> {
  const { rows, date1904 } = await readXlsx(bytes, limits, budget, onRows);
  onRows(rows.length);
  if (rows.length === 0) throw new EvidenceRefusal('Empty: the first worksheet has no rows.');
  return { kind: 'xlsx', rows, date1904, timeLines: false };
}
