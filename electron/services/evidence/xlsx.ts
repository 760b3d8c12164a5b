import path from 'node:path/posix';
import { Budget, columnIndex, columnName, refusals, type EvidenceLimits } from './limits';
import { EvidenceRefusal } from './refusal';
import type { CellValue } from './times';
import { boundedXml, type XmlHandlers } from './xml';
import { openBoundedZip, type BoundedZip } from './zip';

/**
 * The first worksheet of an .xlsx, streamed part by part (relationships, workbook, shared strings,
 * the sheet) through the bounded zip and XML readers: values and formulas' cached results only
 * (nothing is evaluated; a formula without a cached result is empty), styles not read (a date cell
 * is its serial number, which times.ts reads as an Excel date). Nothing is written anywhere.
 */
export interface Workbook {
  rows: CellValue[][];
  date1904: boolean;
}

export type RowsRead = (rows: number) => void;

async function readPart(zip: BoundedZip, part: string, handlers: XmlHandlers, limits: EvidenceLimits): Promise<void> {
  const xml = boundedXml(part, handlers, limits);
  await zip.read(part, (text) => xml.write(text));
  xml.end();
}

/** Relationship targets by id and by type, resolved against the folder of the part they belong to. */
async function readRelationships(zip: BoundedZip, part: string, limits: EvidenceLimits) {
  const folder = path.dirname(part);
  const relsPart = zip.find(path.join(folder, '_rels', `${path.basename(part)}.rels`));
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  if (!relsPart) return { byId, byType };
  await readPart(
    zip,
    relsPart,
    {
      open(name, attributes) {
        if (name !== 'Relationship' || !attributes.Target || attributes.TargetMode === 'External') return;
        const target = attributes.Target.startsWith('/') ? attributes.Target.slice(1) : path.normalize(path.join(folder, attributes.Target));
        if (attributes.Id) byId.set(attributes.Id, target);
        const type = (attributes.Type ?? '').split('/').pop() ?? '';
        if (type && !byType.has(type)) byType.set(type, target);
      },
      close: () => undefined,
      text: () => undefined,
    },
    limits,
  );
  return { byId, byType };
}

async function readWorkbookPart(zip: BoundedZip, part: string, limits: EvidenceLimits): Promise<{ date1904: boolean; firstSheetId: string | null }> {
  let date1904 = false;
  let firstSheetId: string | null = null;
  await readPart(
    zip,
    part,
    {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        if (name === 'sheet' && firstSheetId === null) {
          const id = Object.entries(attributes).find(([key]) => key === 'id' || key.endsWith(':id'));
          firstSheetId = id ? id[1] : null;
        }
      },
      close: () => undefined,
      text: () => undefined,
    },
    limits,
  );
  return { date1904, firstSheetId };
}

async function readSharedStrings(zip: BoundedZip, part: string, limits: EvidenceLimits): Promise<string[]> {
  const strings: string[] = [];
  let total = 0;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  const tooMuch = (what: string) =>
    new EvidenceRefusal(`Too large: the workbook's shared strings hold more than ${what}. The file is damaged or not an Errors export.`);
  await readPart(
    zip,
    part,
    {
      open(name) {
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && current !== null && phonetic === 0) inText = true;
      },
      close(name) {
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si' && current !== null) {
          strings.push(current);
          current = null;
          if (strings.length > limits.sharedStrings) throw tooMuch(`${limits.sharedStrings.toLocaleString('en-US')} strings`);
        }
      },
      text(text) {
        if (!inText || current === null) return;
        current += text;
        total += text.length;
        if (current.length > limits.cellChars) throw refusals.cell(`shared string ${(strings.length + 1).toLocaleString('en-US')}`, limits);
        if (total > limits.sharedStringChars) throw tooMuch(`${Math.round(limits.sharedStringChars / 1024 / 1024)} M characters`);
      },
    },
    limits,
  );
  return strings;
}

function cellValue(type: string | undefined, text: string, shared: readonly string[]): CellValue {
  switch (type) {
    case 's': {
      const index = Number.parseInt(text, 10);
      return Number.isInteger(index) ? (shared[index] ?? null) : null;
    }
    case 'str':
    case 'inlineStr':
      return text;
    case 'b':
      return text.trim() === '1' || text.trim() === 'true';
    case 'e':
      return null;
    case 'd': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date;
    }
    default: {
      if (text.trim() === '') return null;
      const value = Number(text);
      return Number.isFinite(value) ? value : null;
    }
  }
}

/** The rows of the sheet part, every limit checked cell by cell. */
async function readSheet(zip: BoundedZip, part: string, shared: readonly string[], limits: EvidenceLimits, onRows: RowsRead): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let filled = false;
  let rowNumber = 0;
  let cells = 0;
  let nextColumn = 0;
  let cell: { column: number; reference: string; type: string | undefined } | null = null;
  let text = '';
  let collecting = false;
  let phonetic = 0;
  const where = () => `the cell ${cell!.reference}`;
  await readPart(
    zip,
    part,
    {
      open(name, attributes) {
        if (name === 'row') {
          rowNumber = Number.parseInt(attributes.r ?? '', 10) || rowNumber + 1;
          row = [];
          filled = false;
          nextColumn = 0;
        } else if (name === 'c') {
          const column = (attributes.r ? columnIndex(attributes.r) : null) ?? nextColumn;
          nextColumn = column + 1;
          cell = { column, reference: attributes.r ?? `${columnName(Math.min(column, 16_383))}${rowNumber}`, type: attributes.t };
          text = '';
        } else if (name === 'rPh') phonetic++;
        else if (cell && phonetic === 0 && (name === 'v' || name === 't')) collecting = true;
      },
      close(name) {
        if (name === 'v' || name === 't') collecting = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'c' && cell) {
          const value = cellValue(cell.type, text, shared);
          if (value !== null && value !== '') {
            // Only a cell with a value counts: an empty formatted cell far to the right is harmless.
            if (cell.column >= limits.columns) throw refusals.column(cell.column, where(), limits);
            while (row.length < cell.column) row.push(null);
            row[cell.column] = value;
            filled = true;
            if (++cells > limits.cells) throw refusals.cells(limits);
          }
          cell = null;
        } else if (name === 'row') {
          if (!filled) return;
          rows.push(row);
          if (rows.length > limits.rows) throw refusals.rows();
          if (rows.length % 10_000 === 0) onRows(rows.length);
        }
      },
      text(chunk) {
        if (!collecting || !cell) return;
        text += chunk;
        if (text.length > limits.cellChars) throw refusals.cell(where(), limits);
      },
    },
    limits,
  );
  return rows;
}

export async function readXlsx(bytes: Uint8Array, limits: EvidenceLimits, budget: Budget, onRows: RowsRead): Promise<Workbook> {
  const zip = await openBoundedZip(bytes, limits, budget);
  try {
    const root = await readRelationships(zip, '', limits);
    const workbookPart = zip.find(root.byType.get('officeDocument') ?? 'xl/workbook.xml') ?? zip.find('xl/workbook.xml');
    if (!workbookPart) throw new EvidenceRefusal('Not a spreadsheet: the file is a zip but not an Excel workbook (it has no workbook part).');
    const rels = await readRelationships(zip, workbookPart, limits);
    const { date1904, firstSheetId } = await readWorkbookPart(zip, workbookPart, limits);
    const sheetPart = zip.find((firstSheetId && rels.byId.get(firstSheetId)) || 'xl/worksheets/sheet1.xml');
    if (!sheetPart) throw new EvidenceRefusal('Empty: the workbook has no worksheet.');
    const stringsPart = zip.find(rels.byType.get('sharedStrings') ?? 'xl/sharedStrings.xml');
    const shared = stringsPart ? await readSharedStrings(zip, stringsPart, limits) : [];
    const rows = await readSheet(zip, sheetPart, shared, limits, onRows);
    return { rows, date1904 };
  } finally {
    zip.close();
  }
}
