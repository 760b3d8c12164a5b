import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile workbooks, made byte by byte as an attacker would: a zip writer that can repeat one
 * compressed block (a zip bomb of any size in a few kilobytes) and declare any size it likes.
 */
export interface Part {
  name: string;
  /** The part's text, stored deflated. */
  text?: string;
  /** Instead of `text`: `unit` repeated `times` times, between `head` and `tail`, never held whole. */
  repeat?: { head: string; unit: string; times: number; tail: string };
  /** The uncompressed size the zip declares (a liar's zip); the true size when not given. */
  declaredSize?: number;
}

/** Deflate of `unit` x `times` built from one fully flushed block repeated: the size costs nothing to make. */
function deflateRepeated(head: string, unit: string, times: number, tail: string): { bytes: Buffer; size: number; crc: number } {
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(unit)));
  const block = deflateRawSync(Buffer.from(unit.repeat(perBlock)), { finishFlush: constants.Z_FULL_FLUSH });
  const blocks = Math.floor(times / perBlock);
  const rest = times - blocks * perBlock;
  const pieces = [
    deflateRawSync(Buffer.from(head), { finishFlush: constants.Z_FULL_FLUSH }),
    ...Array.from({ length: blocks }, () => block),
    deflateRawSync(Buffer.from(unit.repeat(rest) + tail)),
  ];
  const unitBytes = Buffer.byteLength(unit);
  const size = Buffer.byteLength(head) + unitBytes * times + Buffer.byteLength(tail);
  // The checksum is left at 0 for anything large: the reader must refuse it before any check of its own.
  return { bytes: Buffer.concat(pieces), size, crc: 0 };
}

export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = part.repeat
      ? deflateRepeated(part.repeat.head, part.repeat.unit, part.repeat.times, part.repeat.tail)
      : (() => {
          const raw = Buffer.from(part.text ?? '', 'utf8');
          return { bytes: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
        })();
    const size = part.declaredSize ?? packed.size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(packed.crc >>> 0, 14);
    header.writeUInt32LE(packed.bytes.length, 18);
    header.writeUInt32LE(Math.min(size, 0xfffffffe), 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, packed.bytes);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.crc >>> 0, 16);
    central.writeUInt32LE(packed.bytes.length, 20);
    central.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += header.length + name.length + packed.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Errors" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const workbookRels = (shared: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${
    shared
      ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
      : ''
  }</Relationships>`;

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = `</sheetData></worksheet>`;

/** An inline-string cell, escaped. */
export function inlineCell(reference: string, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<c r="${reference}" t="inlineStr"><is><t>${escaped}</t></is></c>`;
}

/** The header row and one row of the 432 error, as inline strings (no shared strings part). */
export const EXPORT_ROWS =
  `<row r="1">${inlineCell('A1', 'Time')}${inlineCell('B1', 'Message')}${inlineCell('C1', 'Server')}</row>` +
  `<row r="2">${inlineCell('A2', '2026-12-01 10:00:00')}${inlineCell('B2', 'Error sending email: 432 4.3.2 Concurrent connections limit exceeded')}${inlineCell('C2', 'FE01')}</row>`;

/** A workbook around the given sheet part (and shared strings part, when given). */
export function workbook(sheet: Omit<Part, 'name'>, sharedStrings?: Omit<Part, 'name'>): Buffer {
  return zip([
    { name: '[Content_Types].xml', text: CONTENT_TYPES },
    { name: '_rels/.rels', text: ROOT_RELS },
    { name: 'xl/workbook.xml', text: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', text: workbookRels(Boolean(sharedStrings)) },
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', ...sharedStrings }] : []),
  ]);
}

/** A plain sheet of rows, as text. */
export function sheetOf(rows: string): Omit<Part, 'name'> {
  return { text: `${SHEET_HEAD}${rows}${SHEET_TAIL}` };
}
