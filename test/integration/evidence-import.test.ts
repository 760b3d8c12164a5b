import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { ApiError } from '../../shared/api/errors';
import type { MethodInput, MethodName, MethodResult } from '../../shared/api/contract';
import type { ErrorsProbeResult } from '../../shared/probes/types';
import type { SessionView } from '../../shared/wizard/view';
import { exportCsv, exportXlsx, isoLocal, serviceCenterRows, type Layout } from '../support/evidence-files';
import { removeDir, startTestHost, tempDataDir } from '../support/host';

/**
 * Importing the customer's Errors export (domain.md 4c) through the API, as every host calls it:
 * files made here in the shape of a Service Center export, counted with the playbook's matchers and
 * recorded as the error-log search's result; refused files change nothing.
 */
const dataDir = tempDataDir('st-evidence-');
let clock = new Date('2026-12-02T09:00:00.000Z');
let services: Services;

beforeAll(async () => {
  services = await createServices({
    dataDir,
    hostKind: 'cli',
    appVersion: 'test',
    notices: createNoticeBoard(),
    pdfPrinter: createChromiumPdfPrinter(),
    now: () => clock,
  });
});
afterAll(async () => {
  await services?.close();
  await forgetDemoDatabase(dataDir);
  removeDir(dataDir);
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = await services.dispatch(method, input);
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.value as MethodResult<M>;
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const sessionFile = (id: string) => readFileSync(path.join(dataDir, 'sessions', `${id}.json`), 'utf8');
const fact = (view: SessionView, key: string) => view.session.facts.find((f) => f.key === key);
const errorsOf = (view: SessionView, probe = 'errors') => view.session.probes[probe] as ErrorsProbeResult;
const byServer = (r: ErrorsProbeResult) => [...r.perServer].sort((a, b) => a.server.localeCompare(b.server));

async function offlineSession(name = 'Contoso PRD'): Promise<string> {
  const view = await call('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: null, environmentName: name });
  return view.session.id;
}

/** 432 rows of the 432 error and 68 others, FE01 and FE02, one a minute from 2026-12-01 08:00 (file time). */
const ROWS = serviceCenterRows();
const FIRST_LOCAL = '2026-12-01T08:00:00.000Z';
const LAST_LOCAL = new Date(Date.parse(FIRST_LOCAL) + (ROWS.length - 1) * 60_000).toISOString();
const first432 = ROWS.filter((r) => r.message.includes('432 4.3.2'))
  .at(-1)!
  .local.toISOString();
const last432 = ROWS.find((r) => r.message.includes('432 4.3.2'))!.local.toISOString();

describe('importing a Service Center export', () => {
  it('an .xlsx: the preview finds the columns by header and changes nothing; the import counts 432 of 500 rows on two servers', async () => {
    const id = await offlineSession();
    const before = sessionFile(id);
    const file = await exportXlsx(ROWS);
    const preview = await call('evidence.preview', { fileName: 'errors-PRD-2026-12-01.xlsx', contentBase64: b64(file) });
    expect(preview).toMatchObject({
      kind: 'xlsx',
      columns: ['Time', 'Application', 'Module', 'Message', 'Server', 'Id'],
      detected: { time: 'Time', message: 'Message', server: 'Server', module: 'Module', application: 'Application' },
      rowCount: 500,
      firstAt: FIRST_LOCAL,
      lastAt: LAST_LOCAL,
      problems: [],
    });
    expect(preview.rows).toHaveLength(20);
    // A date cell reads as the wall clock the export shows, and its UTC time beside it.
    expect(preview.rows[0]![0]).toBe(isoLocal(ROWS[0]!.local));
    expect(preview.times[0]).toBe(ROWS[0]!.local.toISOString());
    expect(sessionFile(id)).toBe(before);

    const view = await call('sessions.importEvidence', { id, fileName: 'errors-PRD-2026-12-01.xlsx', contentBase64: b64(file) });
    const result = errorsOf(view);
    expect(result).toMatchObject({ engine: 'import', count: 432, capped: false, firstSeen: first432, lastSeen: last432, candidatesRead: 500 });
    expect(byServer(result)).toEqual([
      { server: 'FE01', count: 216 },
      { server: 'FE02', count: 216 },
    ]);
    expect(result.perHour.reduce((sum, h) => sum + h.count, 0)).toBe(432);
    expect(result.perVariant?.reduce((sum, v) => sum + v.count, 0)).toBe(432);
    expect(result.samples.length).toBeGreaterThan(0);
    expect(result.summary).toMatch(
      /^Imported: errors-PRD-2026-12-01\.xlsx, 500 rows, 432 matching\. 432 occurrences of the 432 concurrency error in errors-PRD-2026-12-01\.xlsx between 2026-12-01 08:0\d UTC and 2026-12-01 16:1\d UTC, on 2 servers\./,
    );
    expect(fact(view, 'errors.count')).toMatchObject({
      value: 432,
      source: 'imported',
      detail: expect.stringMatching(/^imported: errors-PRD-2026-12-01\.xlsx, 500 rows, 432 matching; error log/),
    });
    expect(fact(view, 'errors.firstSeen')).toMatchObject({ value: first432 });
    expect(fact(view, 'errors.perServer')!.value).toMatch(/^FE0[12]: 216, FE0[12]: 216$/);
    expect(view.session.events.at(-1)!.summary).toMatch(/Imported: errors-PRD-2026-12-01\.xlsx/);
  });

  it('a .csv (BOM, ";" or ",", quoted messages with the separator in them) counts the same', async () => {
    for (const separator of [';', ',']) {
      const id = await offlineSession();
      const rows = ROWS.map((r, i) => (i % 7 === 0 ? { ...r, message: `${r.message}; "quoted", again` } : r));
      const view = await call('sessions.importEvidence', { id, fileName: 'errors.csv', contentBase64: b64(exportCsv(rows, undefined, { separator })) });
      expect(errorsOf(view)).toMatchObject({ count: 432, firstSeen: first432, lastSeen: last432 });
      expect(errorsOf(view).perServer.map((p) => p.count)).toEqual([216, 216]);
    }
  });

  it('another export with other header names in another order is mapped by its headers', async () => {
    const layout: Layout = {
      columns: [
        { header: 'Error Message', field: 'message' },
        { header: 'HOSTNAME', field: 'server' },
        { header: 'Stack', field: 'stack' },
        { header: 'eSpace', field: 'module' },
        { header: 'Instant (server time)', field: 'local' },
        { header: 'App', field: 'application' },
      ],
    };
    const file = await exportXlsx(ROWS, layout);
    const preview = await call('evidence.preview', { fileName: 'export.xlsx', contentBase64: b64(file) });
    expect(preview.detected).toEqual({
      time: 'Instant (server time)',
      message: 'Error Message',
      server: 'HOSTNAME',
      module: 'eSpace',
      application: 'App',
      dayFirst: true,
    });
    const id = await offlineSession();
    const view = await call('sessions.importEvidence', { id, fileName: 'export.xlsx', contentBase64: b64(file) });
    expect(errorsOf(view)).toMatchObject({ count: 432, firstSeen: first432 });
    expect(byServer(errorsOf(view)).map((p) => p.server)).toEqual(['FE01', 'FE02']);
  });

  it('the engineer can correct the mapping: the server column chosen by hand', async () => {
    const layout: Layout = {
      columns: [
        { header: 'When', field: 'local' },
        { header: 'Node name', field: 'server' },
        { header: 'Text', field: 'message' },
      ],
    };
    const file = exportCsv(ROWS, layout, { separator: ',' });
    const preview = await call('evidence.preview', { fileName: 'errors.csv', contentBase64: b64(file) });
    expect(preview.detected).toMatchObject({ time: 'When', message: 'Text', server: null });
    const id = await offlineSession();
    const view = await call('sessions.importEvidence', {
      id,
      fileName: 'errors.csv',
      contentBase64: b64(file),
      mapping: { ...preview.detected, server: 'Node name' },
    });
    expect(byServer(errorsOf(view))).toEqual([
      { server: 'FE01', count: 216 },
      { server: 'FE02', count: 216 },
    ]);
  });

  it('local times with the offset given come out in UTC: first and last seen, per hour', async () => {
    const id = await offlineSession();
    // The platform runs at UTC+01:00; the export says 09:00 for 08:00 UTC.
    const shifted = ROWS.map((r) => ({ ...r, local: new Date(r.local.getTime() + 3_600_000) }));
    const view = await call('sessions.importEvidence', { id, fileName: 'errors.xlsx', contentBase64: b64(await exportXlsx(shifted)), utcOffsetMinutes: 60 });
    expect(errorsOf(view)).toMatchObject({ count: 432, firstSeen: first432, lastSeen: last432 });
    expect(errorsOf(view).evidence).toMatchObject({ utcOffsetMinutes: 60 });
    expect(errorsOf(view).perHour[0]!.hour).toBe('2026-12-01T08:00:00.000Z');
  });

  it('text times: "01/12/2026 14:05" day first, "12/1/2026 2:05 PM" month first, each stated; UTC-05:00 given', async () => {
    const dayFirst = exportCsv(ROWS, undefined, {
      time: (d) =>
        `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} ${isoLocal(d).slice(11, 16)}`,
    });
    let preview = await call('evidence.preview', { fileName: 'errors.csv', contentBase64: b64(dayFirst), utcOffsetMinutes: -300 });
    expect(preview.detected.dayFirst).toBe(true);
    expect(preview.notes.join(' ')).toMatch(/read day first \(1 December 2026\)/);
    expect(preview.firstAt).toBe('2026-12-01T13:00:00.000Z');

    const us = (d: Date) => {
      const h = d.getUTCHours();
      return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    };
    preview = await call('evidence.preview', { fileName: 'errors.csv', contentBase64: b64(exportCsv(ROWS, undefined, { time: us })), utcOffsetMinutes: -300 });
    expect(preview.detected.dayFirst).toBe(false);
    expect(preview.notes.join(' ')).toMatch(/read month first/);
    expect(preview.firstAt).toBe('2026-12-01T13:00:00.000Z');
    // The engineer says otherwise: 12/1 read as 12 January.
    preview = await call('evidence.preview', {
      fileName: 'errors.csv',
      contentBase64: b64(exportCsv(ROWS, undefined, { time: us })),
      mapping: { ...preview.detected, dayFirst: true },
    });
    expect(preview.firstAt).toBe('2026-01-12T08:00:00.000Z');
  });

  it('text pasted from the Errors page: tab-separated with its header row, or lines starting with a date', async () => {
    const tsv = ['Time\tModule\tMessage\tServer', ...ROWS.map((r) => `${isoLocal(r.local)}\t${r.module}\t${r.message}\t${r.server}`)].join('\n');
    let id = await offlineSession();
    let view = await call('sessions.importEvidence', { id, fileName: 'pasted.txt', contentBase64: b64(tsv) });
    expect(errorsOf(view)).toMatchObject({ count: 432, firstSeen: first432 });
    const lines = ROWS.map((r) => `${isoLocal(r.local)} ${r.message}\n   at OutSystems.RuntimeCommon.Email.Send()`).join('\n');
    id = await offlineSession();
    view = await call('sessions.importEvidence', { id, fileName: 'pasted.txt', contentBase64: b64(lines) });
    expect(errorsOf(view)).toMatchObject({ count: 432, firstSeen: first432, lastSeen: last432 });
  });

  it('a formula is never evaluated: its cached result is read, and one without a result is empty', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Errors');
    sheet.addRow(['Time', 'Message']);
    sheet.addRow([
      '2026-12-01 10:00:00',
      { formula: 'CONCATENATE("432 4.3.2 ","Concurrent connections limit exceeded")', result: '432 4.3.2 Concurrent connections limit exceeded' },
    ]);
    sheet.addRow(['2026-12-01 10:01:00', { formula: 'CONCATENATE("432 4.3.2 ","Concurrent connections limit exceeded")' }]);
    sheet.addRow(['2026-12-01 10:02:00', 'Error sending email 1: 432 4.3.2 Concurrent connections limit exceeded']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await call('evidence.preview', { fileName: 'formulas.xlsx', contentBase64: b64(file) });
    expect(preview.rows.map((r) => r[1])).toEqual([
      '432 4.3.2 Concurrent connections limit exceeded',
      '',
      'Error sending email 1: 432 4.3.2 Concurrent connections limit exceeded',
    ]);
    const id = await offlineSession();
    const view = await call('sessions.importEvidence', { id, fileName: 'formulas.xlsx', contentBase64: b64(file) });
    expect(errorsOf(view).count).toBe(2);
  });
});

describe('on a saved environment', () => {
  it('the times in the file are read in the zone of the database clock unless the engineer gives another', async () => {
    await call('demo.reset', { utcOffsetMinutes: 330 });
    const created = await call('sessions.create', { playbookId: 'exchange-432-concurrency', profileId: 'demo' });
    const id = created.session.id;
    await call('sessions.runProbe', { id, probe: 'errors' });
    // The export shows the platform's local time, UTC+05:30.
    const shifted = ROWS.map((r) => ({ ...r, local: new Date(r.local.getTime() + 330 * 60_000) }));
    const contentBase64 = b64(await exportXlsx(shifted));
    // The count read from the database is replaced only when the engineer says so.
    await expect(call('sessions.importEvidence', { id, fileName: 'errors.xlsx', contentBase64 })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already counts the errors from the database .*Choose "Replace"/),
    });
    let view = await call('sessions.importEvidence', { id, fileName: 'errors.xlsx', contentBase64, replace: true });
    expect(errorsOf(view)).toMatchObject({ engine: 'import', count: 432, firstSeen: first432, lastSeen: last432, evidence: { utcOffsetMinutes: 330 } });
    expect(view.session.clock?.utcOffsetMinutes).toBe(330);
    expect(view.session.events.at(-1)!.summary).toMatch(
      /It replaces the earlier count \(Search the error log for 432s, read from the database: \d+ found\)\.$/,
    );
    view = await call('sessions.importEvidence', { id, fileName: 'errors.xlsx', contentBase64, utcOffsetMinutes: 0, replace: true });
    expect(errorsOf(view).firstSeen).toBe(new Date(Date.parse(first432) + 330 * 60_000).toISOString());
  });
});

describe('a long import', () => {
  it('reports the rows read as it goes, and a cancel stops it with the session unchanged', async () => {
    const id = await offlineSession('Cancelled');
    const before = sessionFile(id);
    const contentBase64 = b64(await exportXlsx(serviceCenterRows({ matching: 5_000, others: 25_000 })));
    const progress: string[] = [];
    const envelope = await services.dispatch(
      'sessions.importEvidence',
      { id, fileName: 'big.xlsx', contentBase64 },
      {
        callId: 'import-1',
        emit: (event) => {
          if (event.kind !== 'progress') return;
          progress.push(event.message);
          if (progress.length === 1) void services.dispatch('app.cancel', { callId: 'import-1' });
        },
      },
    );
    expect(envelope).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'Cancelled by the user' } });
    expect(progress[0]).toMatch(/^Reading the file: [\d,]+ rows read$/);
    expect(sessionFile(id)).toBe(before);

    const done: string[] = [];
    const finished = await services.dispatch(
      'sessions.importEvidence',
      { id, fileName: 'big.xlsx', contentBase64 },
      { emit: (e) => e.kind === 'progress' && done.push(e.message) },
    );
    expect(finished).toMatchObject({ ok: true });
    expect(done).toContain('Reading the file: 30,000 rows read');
    expect(done.at(-1)).toBe('Counted 5,000 matching rows');
  });
});

describe('refused files change nothing', () => {
  let id = '';
  let before = '';
  beforeAll(async () => {
    id = await offlineSession('Refusals');
    before = sessionFile(id);
  });

  async function refused(fileName: string, content: Uint8Array | string, extra: Record<string, unknown> = {}): Promise<string> {
    const contentBase64 = typeof content === 'string' && extra.raw ? content : b64(content);
    const preview = call('evidence.preview', { fileName, contentBase64 });
    const imported = call('sessions.importEvidence', { id, fileName, contentBase64 });
    const [p, i] = await Promise.allSettled([preview, imported]);
    expect(i.status).toBe('rejected');
    const error = (i as PromiseRejectedResult).reason as ApiError;
    expect(error.code).toBe('invalid_input');
    expect(sessionFile(id)).toBe(before);
    if (p.status === 'rejected') expect((p.reason as ApiError).message).toBe(error.message);
    return error.message;
  }

  it('a broken workbook: not a spreadsheet', async () => {
    const file = await exportXlsx(ROWS.slice(0, 50));
    expect(await refused('errors.xlsx', file.subarray(0, Math.floor(file.length / 2)))).toMatch(/^Not a spreadsheet: the workbook could not be read/);
    expect(await refused('errors.xlsx', 'this is not a workbook at all')).toMatch(/^Not a spreadsheet: "errors.xlsx" is named like an Excel workbook/);
    expect(await refused('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toMatch(
      /^Not a spreadsheet/,
    );
    expect(await refused('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/Excel 97-2003/);
  });

  it('an empty file, or one with a header row only: empty', async () => {
    expect(await refused('errors.csv', '\uFEFF\r\n')).toMatch(/^Empty/);
    expect(await refused('errors.csv', 'Time;Message;Server\r\n')).toMatch(/^Empty: the file has a header row but no rows/);
    const header = await exportXlsx([]);
    expect(await refused('errors.xlsx', header)).toMatch(/^Empty/);
  });

  it('no message column: the preview says so, the import is refused', async () => {
    const layout: Layout = {
      columns: [
        { header: 'Time', field: 'local' },
        { header: 'Server', field: 'server' },
        { header: 'eSpace', field: 'module' },
      ],
    };
    const file = await exportXlsx(ROWS, layout);
    const preview = await call('evidence.preview', { fileName: 'errors.xlsx', contentBase64: b64(file) });
    expect(preview.detected.message).toBeNull();
    expect(preview.problems[0]).toMatch(/^No message column/);
    expect(await refused('errors.xlsx', file)).toMatch(/^No message column: choose the column that holds the error text/);
  });

  it('too large: over 10 MB of file, or over 200,000 rows', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    expect(await refused('errors.csv', big)).toMatch(/^Too large: a file can be at most 10 MB|^Too large: the file is 10\.0 MB/);
    const rows = ['Time,Message', ...Array.from({ length: 200_001 }, (_, i) => `2026-12-01 10:00:${String(i % 60).padStart(2, '0')},x`)].join('\n');
    expect(await refused('errors.csv', rows)).toMatch(/^Too large: the file has (more than 200,000|200,001) rows/);
  });
});

describe('over the browser host', () => {
  it('a file of up to 10 MB gets through; one byte more is refused as too large, not as too big a request', async () => {
    const dir = tempDataDir('st-evidence-http-');
    const running = await startTestHost(dir);
    try {
      const post = async (body: unknown) => {
        const response = await fetch(`${running.host.url}/api/evidence.preview`, {
          method: 'POST',
          headers: { authorization: `Bearer ${running.host.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { ok: boolean; value?: { rowCount: number }; error?: { message: string } } };
      };
      // 10 MB of CSV: a header and rows of padding after each message.
      const header = 'Time;Message\n';
      const line = `2026-12-01 10:00:00;${'432 4.3.2 Concurrent connections limit exceeded '.padEnd(2000, '.')}\n`;
      const lines = Math.floor((10 * 1024 * 1024 - header.length) / line.length);
      const csv = header + line.repeat(lines);
      const ok = await post({ fileName: 'big.csv', contentBase64: b64(csv) });
      expect(ok).toMatchObject({ status: 200, body: { ok: true, value: { rowCount: lines } } });
      const tooLarge = await post({ fileName: 'big.csv', contentBase64: b64(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)) });
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.body.error!.message).toMatch(/^Too large/);
    } finally {
      await running.stop();
      removeDir(dir);
    }
  }, 60_000);
});

describe('offline, from an imported export to the report', () => {
  it('the walk: export imported, facts typed in, fix recorded by hand, a second export since the restart, report in every format', async () => {
    clock = new Date('2026-12-01T17:00:00.000Z');
    const id = await offlineSession('Contoso PRD');
    const act = (action: MethodInput<'sessions.act'>['action']) => call('sessions.act', { id, action });
    let view = await call('sessions.importEvidence', { id, fileName: 'errors-PRD-2026-12-01.xlsx', contentBase64: b64(await exportXlsx(ROWS)) });
    expect(fact(view, 'errors.count')!.value).toBe(432);
    await act({ type: 'continue' });
    await act({
      type: 'answer',
      facts: {
        servers: [
          { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
          { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
        ],
      },
    });
    await act({ type: 'continue' });
    await act({ type: 'answer', facts: { 'threads.global': 2, 'threads.hosts': {} } });
    await act({ type: 'continue' });
    await act({ type: 'answer', facts: { mailbox: 'noreply@contoso.example', 'mailbox.others': [] } });
    view = await act({ type: 'continue' });
    expect(view.session.diagnosis!.mailboxes[0]!.arithmetic).toBe('2 servers x 2 threads = 4 > 3');
    view = await act({ type: 'continue' });
    await act({ type: 'choose-plan', planId: view.session.diagnosis!.plans[0]!.id, reason: '' });
    await act({ type: 'continue' });
    clock = new Date('2026-12-01T16:30:00.000Z');
    await act({ type: 'applied-manually', note: 'Threads set to 1 in Factory Configuration' });
    await act({ type: 'continue' });
    clock = new Date('2026-12-01T17:00:00.000Z');
    await act({ type: 'tick', server: 'FE01', done: true });
    await act({ type: 'tick', server: 'FE02', done: true });
    await act({ type: 'continue' });

    // The customer's second export runs to 18:00: no 432 after the restart at 17:00, other errors only.
    clock = new Date('2026-12-01T18:30:00.000Z');
    const later = [
      ...Array.from({ length: 60 }, (_, i) => ({
        local: new Date(Date.parse('2026-12-01T17:00:30.000Z') + i * 60_000),
        application: 'Portal',
        module: 'PortalUI',
        message: 'Object reference not set to an instance of an object.',
        server: 'FE01',
      })).reverse(),
      ...ROWS,
    ];
    view = await call('sessions.importEvidence', { id, fileName: 'errors-PRD-2026-12-01-evening.xlsx', contentBase64: b64(await exportXlsx(later)) });
    expect(errorsOf(view, 'errorsAfter')).toMatchObject({ engine: 'import', count: 0, windowStart: '2026-12-01T17:00:00.000Z' });
    expect(errorsOf(view, 'errorsAfter').summary).toMatch(
      /^Imported: errors-PRD-2026-12-01-evening\.xlsx, 60 rows after the fix \(2026-12-01 17:00 UTC\), 0 matching\./,
    );
    expect(fact(view, 'after.errors.count')).toMatchObject({
      value: 0,
      source: 'imported',
      detail: expect.stringMatching(/^imported: errors-PRD-2026-12-01-evening\.xlsx, 60 rows after the fix/),
    });
    // The second export adds to the first: its 432 rows are the same rows, so they are not counted twice.
    expect(fact(view, 'errors.count')!.value).toBe(432);
    expect(errorsOf(view).evidence?.files).toEqual([
      { name: 'errors-PRD-2026-12-01.xlsx', rows: 500, matching: 432 },
      { name: 'errors-PRD-2026-12-01-evening.xlsx', rows: 560, matching: 432 },
    ]);

    // The steps the second import re-opened are walked again up to the check.
    for (let i = 0; i < 12 && view.steps[view.session.current]!.kind !== 'verify'; i++) {
      const step = view.steps[view.session.current]!;
      if (step.kind === 'choose-plan' && !view.session.plan) await act({ type: 'choose-plan', planId: view.session.diagnosis!.plans[0]!.id, reason: '' });
      view = await act({ type: 'continue' });
    }
    await act({
      type: 'answer',
      facts: {
        'after.threads.global': 1,
        'after.emails.sent': 25,
        'after.servers': [
          { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
          { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
        ],
      },
    });
    view = await call('sessions.verify', { id });
    expect(view.session.verification).toMatchObject({ result: 'pass' });
    expect(view.session.verification!.criteria!.find((c) => c.id === 'no-error-since-fix')!.seen).toMatch(
      /^0 since 01 Dec 2026, 17:00 UTC \(imported: errors-PRD-2026-12-01-evening\.xlsx, 60 rows after the fix/,
    );
    await act({ type: 'continue' });
    view = await act({ type: 'complete' });
    expect(view.session.status).toBe('resolved');

    const md = await call('reports.export', { sessionId: id, format: 'md' });
    const markdown = Buffer.from(md.base64!, 'base64').toString('utf8');
    // The facts name every export that makes the count; the event log names both; no line says a database was read.
    const both =
      'errors-PRD-2026-12-01.xlsx (500 rows, 432 matching) + errors-PRD-2026-12-01-evening.xlsx (560 rows, 432 matching): 432 counted, 432 already counted before';
    expect(markdown).toContain(both);
    expect(markdown).toContain('Imported from the customer’s export (errors-PRD-2026-12-01-evening.xlsx, 60 rows after the fix');
    expect(markdown).toContain('Imported: errors-PRD-2026-12-01.xlsx, 500 rows, 432 matching.');
    expect(markdown).not.toMatch(/Read from the platform database/);
    expect(markdown).toMatch(/- Source: Imported from the customer’s export \(errors-PRD-2026-12-01\.xlsx \(500 rows/);
    const json = await call('reports.export', { sessionId: id, format: 'json' });
    expect(Buffer.from(json.base64!, 'base64').toString('utf8')).toContain(both);
    const pdf = await call('reports.export', { sessionId: id, format: 'pdf' });
    expect(Buffer.from(pdf.base64!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const preview = await call('reports.preview', { sessionId: id });
    expect(preview.html).toContain('errors-PRD-2026-12-01-evening.xlsx (560 rows, 432 matching)');
  }, 60_000);
});
