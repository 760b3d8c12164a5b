import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { EVIDENCE_LIMITS } from '../../electron/services/evidence/limits';
import { EXPORT_ROWS, inlineCell, SHEET_HEAD, SHEET_TAIL, sheetOf, workbook } from '../../test/security/support/hostile-files';
import type { BenchCase, BenchFigure } from '../harness';

/** The hostile files of test/security, each sent as a host would: how long until it is refused. */
function hostileFiles(): Array<{ name: string; fileName: string; bytes: Buffer }> {
  return [
    {
      name: 'zip bomb, 2 GB declared',
      fileName: 'bomb.xlsx',
      bytes: workbook({ repeat: { head: SHEET_HEAD + EXPORT_ROWS, unit: '<row r="3"/>', times: 180_000_000, tail: SHEET_TAIL } }),
    },
    {
      name: 'zip bomb, 1 GB declared as 4 KB',
      fileName: 'liar.xlsx',
      bytes: workbook({ repeat: { head: SHEET_HEAD + EXPORT_ROWS, unit: '<row r="3"/>', times: 90_000_000, tail: SHEET_TAIL }, declaredSize: 4096 }),
    },
    {
      name: '150,000 rows and a cell in column XFD',
      fileName: 'wide.xlsx',
      bytes: workbook({
        repeat: {
          head: SHEET_HEAD + EXPORT_ROWS,
          unit: `<row>${inlineCell('A3', '2026-12-01 10:00:00')}${inlineCell('B3', 'Error')}</row>`,
          times: 150_000,
          tail: `<row r="150003">${inlineCell('XFD150003', 'x')}</row>${SHEET_TAIL}`,
        },
      }),
    },
    {
      name: 'one cell of 200 MB',
      fileName: 'huge.xlsx',
      bytes: workbook({
        repeat: {
          head: `${SHEET_HEAD}${EXPORT_ROWS}<row r="3"><c r="B3" t="inlineStr"><is><t>`,
          unit: 'A'.repeat(1024),
          times: 200 * 1024,
          tail: `</t></is></c></row>${SHEET_TAIL}`,
        },
      }),
    },
    {
      name: 'shared strings bomb (1.1 million strings)',
      fileName: 'strings.xlsx',
      bytes: workbook(sheetOf(EXPORT_ROWS), {
        repeat: {
          head: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
          unit: '<si><t>x</t></si>',
          times: 1_100_000,
          tail: '</sst>',
        },
      }),
    },
    {
      name: 'CSV: an unquoted field and 200,000 quotes',
      fileName: 'quotes.csv',
      bytes: Buffer.from(`Time,Message\n2026-12-01 10:00:00,x${'"'.repeat(200_000)}\n`),
    },
    {
      name: 'CSV: 5 MB in one quoted field',
      fileName: 'record.csv',
      bytes: Buffer.from(`Time,Message\n2026-12-01 10:00:00,"${'m'.repeat(5 * 1024 * 1024)}\n`),
    },
  ];
}

/**
 * Each hostile file refused through the dispatcher (in the reader's worker thread), with the time
 * to the refusal against the per-call budget and the host's event loop delay while it was read.
 */
const bench: BenchCase = {
  name: 'evidence import: hostile files refused',
  async run() {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'st-bench-hostile-'));
    const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'bench', notices: createNoticeBoard() });
    const figures: BenchFigure[] = [];
    try {
      // Warm the worker, as the second call of a session finds it.
      await services.dispatch('evidence.preview', { fileName: 'warm.xlsx', contentBase64: workbook(sheetOf(EXPORT_ROWS)).toString('base64') });
      const loop = monitorEventLoopDelay({ resolution: 10 });
      for (const file of hostileFiles()) {
        const contentBase64 = file.bytes.toString('base64');
        loop.enable();
        const started = performance.now();
        const envelope = await services.dispatch('evidence.preview', { fileName: file.fileName, contentBase64 });
        const elapsed = performance.now() - started;
        loop.disable();
        if (envelope.ok) throw new Error(`${file.name} was read, not refused`);
        figures.push({
          name: `refused: ${file.name}`,
          value: elapsed,
          unit: 'ms',
          budget: EVIDENCE_LIMITS.timeMs,
          note: `${(file.bytes.byteLength / 1024).toFixed(0)} KB: ${envelope.error.message.slice(0, 60)}…`,
        });
      }
      figures.push({ name: 'host event loop delay while refusing (max)', value: loop.max / 1e6, unit: 'ms', note: 'the files are read in a worker thread' });
      return figures;
    } finally {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
