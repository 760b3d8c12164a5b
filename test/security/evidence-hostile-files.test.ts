import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { EVIDENCE_LIMITS } from '../../electron/services/evidence/limits';
import { runEvidence } from '../../electron/services/evidence/run';
import { removeDir } from '../support/host';
import { EXPORT_ROWS, inlineCell, SHEET_HEAD, SHEET_TAIL, sheetOf, workbook, zip } from './support/hostile-files';

/**
 * Evidence files come from customers: each file here is one an attacker could send. Every one is
 * refused with a sentence that names what is wrong, before it costs the engineer's machine more than
 * the reader's limits, and nothing of it is written anywhere (the system temp folder is watched).
 */
const realTmp = os.tmpdir();
const watched = mkdtempSync(path.join(realTmp, 'st-watched-tmp-'));
const dataDir = mkdtempSync(path.join(realTmp, 'st-hostile-'));
const previousTmp = process.env.TMPDIR;
let services: Services;

beforeAll(async () => {
  // Set before the reader's worker starts, so the worker's idea of the temp folder is the watched one.
  process.env.TMPDIR = watched;
  services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
});
afterAll(async () => {
  await services.close();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  removeDir(watched);
  removeDir(dataDir);
});

async function preview(fileName: string, bytes: Buffer | string) {
  return services.dispatch('evidence.preview', { fileName, contentBase64: Buffer.from(bytes).toString('base64') });
}

async function refusal(fileName: string, bytes: Buffer | string): Promise<{ code: string; message: string; field?: string }> {
  const envelope = await preview(fileName, bytes);
  if (envelope.ok) throw new Error(`${fileName} was read, not refused`);
  return envelope.error;
}

// tsx keeps its compile cache in the temp folder (tsx-<uid>); anything else there would be the reader's.
const nothingLeftInTemp = () => expect(readdirSync(watched).filter((name) => !/^tsx-\d+$/.test(name))).toEqual([]);

describe('a hostile workbook is refused before it is expanded, and leaves nothing on disk', () => {
  it('a workbook without a shared strings part is read from memory: no copy of the customer rows in the temp folder', async () => {
    const envelope = await preview('errors.xlsx', workbook(sheetOf(EXPORT_ROWS)));
    expect(envelope).toMatchObject({ ok: true, value: { columns: ['Time', 'Message', 'Server'], rowCount: 1 } });
    nothingLeftInTemp();
  });

  it('a zip bomb (2 GB of rows in a few megabytes) is refused by the size it declares, before inflating', async () => {
    const bomb = workbook({ repeat: { head: SHEET_HEAD + EXPORT_ROWS, unit: '<row r="3"/>', times: 180_000_000, tail: SHEET_TAIL } });
    expect(bomb.byteLength).toBeLessThan(8 * 1024 * 1024);
    const error = await refusal('bomb.xlsx', bomb);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
    expect(error.message).toMatch(/^Too large: the workbook's part "xl\/worksheets\/sheet1\.xml" expands to more than 256 MB/);
    nothingLeftInTemp();
  });

  it('a zip bomb that lies about its size is stopped when the inflated bytes pass what it declared', async () => {
    const liar = workbook({ repeat: { head: SHEET_HEAD + EXPORT_ROWS, unit: '<row r="3"/>', times: 90_000_000, tail: SHEET_TAIL }, declaredSize: 4096 });
    const error = await refusal('liar.xlsx', liar);
    expect(error.message).toMatch(/^Not a spreadsheet: the workbook could not be read \(too many bytes in the stream/);
    nothingLeftInTemp();
  });

  it('a value in column XFD is refused with the cell and the column named, whatever the rows before it', async () => {
    const wide = workbook(sheetOf(`${EXPORT_ROWS}<row r="3">${inlineCell('A3', '2026-12-01 10:01:00')}${inlineCell('XFD3', 'x')}</row>`));
    const error = await refusal('wide.xlsx', wide);
    expect(error.message).toBe(
      'Too wide: the cell XFD3 is in column XFD; at most 64 columns (A to BL) are read. Delete the columns after BL and save the file again.',
    );
  });

  it('a cell longer than Excel allows is refused with the cell named; a cell of 100 MB is never held whole', async () => {
    const long = workbook(sheetOf(`${EXPORT_ROWS}<row r="3">${inlineCell('A3', '2026-12-01')}${inlineCell('B3', 'y'.repeat(40_000))}</row>`));
    expect((await refusal('long.xlsx', long)).message).toMatch(/^Too large: the cell B3 holds more than 32,767 characters/);

    const huge = workbook({
      repeat: {
        head: `${SHEET_HEAD}${EXPORT_ROWS}<row r="3"><c r="B3" t="inlineStr"><is><t>`,
        unit: 'A'.repeat(1024),
        times: 100 * 1024,
        tail: `</t></is></c></row>${SHEET_TAIL}`,
      },
    });
    expect(huge.byteLength).toBeLessThan(1024 * 1024);
    expect((await refusal('huge.xlsx', huge)).message).toMatch(
      /^Too large: the workbook's part "xl\/worksheets\/sheet1\.xml" holds a text or tag of more than 262,144 characters/,
    );
    nothingLeftInTemp();
  });

  it('a shared strings bomb is refused by its count', async () => {
    const strings = workbook(sheetOf(EXPORT_ROWS), {
      repeat: {
        head: '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        unit: '<si><t>x</t></si>',
        times: 1_100_000,
        tail: '</sst>',
      },
    });
    expect((await refusal('strings.xlsx', strings)).message).toMatch(/^Too large: the workbook's shared strings hold more than 1,000,000 strings/);
  });

  it('a DTD (and with it any entity of the file) is refused unread', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`;
    const dtd = workbook({ text: `${laughs}${SHEET_HEAD.replace(/^<\?xml[^>]*>/, '')}${EXPORT_ROWS}${SHEET_TAIL}` });
    expect((await refusal('dtd.xlsx', dtd)).message).toMatch(/declares a DTD, which Excel never writes/);
  });

  it('XML nested deeper than a worksheet needs is refused', async () => {
    const deep = workbook(sheetOf(`${EXPORT_ROWS}<row r="3"><c r="A3"><v>${'<x>'.repeat(100)}1${'</x>'.repeat(100)}</v></c></row>`));
    expect((await refusal('deep.xlsx', deep)).message).toMatch(/nests more than 64 levels deep/);
  });

  it('a zip of thousands of parts is refused by its count, before any is listed', async () => {
    const parts = Array.from({ length: EVIDENCE_LIMITS.zipEntries + 1 }, (_, i) => ({ name: `xl/media/part${i}.xml`, text: '<a/>' }));
    expect((await refusal('parts.xlsx', zip(parts))).message).toMatch(/^Too large: the workbook holds 1,001 parts/);
  });
});

describe('CSV and pasted text are read in linear time, with record and field limits', () => {
  it('200,000 quotes after an unquoted field are refused at once by the cell limit (this took 45 s before)', async () => {
    const text = `Time,Message\n2026-12-01 10:00:00,x${'"'.repeat(200_000)}\n`;
    expect((await refusal('quotes.csv', text)).message).toMatch(/^Too large: the value in column B on row 2 holds more than 32,767 characters/);
  }, 20_000);

  it('quotes in the middle of unquoted fields are read as characters', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `2026-12-01 10:${String(i).padStart(2, '0')}:00,x${'"'.repeat(30_000)}`).join('\n');
    const envelope = await preview('quotes.csv', `Time,Message\n${rows}\n`);
    if (!envelope.ok) throw new Error(envelope.error.message);
    const value = envelope.value as { rows: string[][]; rowCount: number };
    expect(value.rowCount).toBe(20);
    expect(value.rows[19]![1]).toBe(`x${'"'.repeat(30_000)}`);
  }, 20_000);

  it('a field longer than a cell can be is refused with its column and row named', async () => {
    const text = `Time,Message\n2026-12-01 10:00:00,${'m'.repeat(40_000)}\n`;
    expect((await refusal('long.csv', text)).message).toMatch(/^Too large: the value in column B on row 2 holds more than 32,767 characters/);
  });

  it('a record of more than 2 MB is refused', async () => {
    const text = `Time,Message\n2026-12-01 10:00:00,"${'m'.repeat(3 * 1024 * 1024)}\n`;
    expect((await refusal('record.csv', text)).message).toMatch(/^Too large: a row of the file \(after row 1\) holds more than 2,097,152 characters/);
  });

  it('a read that runs out of its time budget ends with a clear refusal', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `2026-12-01 10:${String(i % 60).padStart(2, '0')}:00,message ${i}`).join('\n');
    const bytes = new Uint8Array(Buffer.from(`Time,Message\n${rows}\n`));
    await expect(runEvidence({ task: 'preview', bytes, fileName: 'slow.csv', utcOffsetMinutes: 0, timeMs: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'contentBase64',
      message: expect.stringMatching(/^Too slow: reading the file took more than 1 ms, so it was stopped\./),
    });
  });
});
