import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import type { ReportModel } from '../../shared/report/model';
import { createNoticeBoard, type CallContext, type PdfPrinter, type ServiceDeps } from '../../electron/services/context';
import { createReportService } from '../../electron/services/reports';
import { createSettingsService } from '../../electron/services/settings';
import { typicalModel } from '../fixtures/sessions/report-models';
import { removeDir, tempDataDir } from '../support/host';

const ctx = (): CallContext => ({ callId: 't', signal: new AbortController().signal, progress: () => undefined });

/** A printer that records what it was asked to print; the real ones are tested in report-pdf. */
function recordingPrinter() {
  const calls: Array<{ html: string; pageSize: string; title: string }> = [];
  const printer: PdfPrinter = {
    print: async (html, { pageSize, title }) => {
      calls.push({ html, pageSize, title });
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
  };
  return { printer, calls };
}

describe('reports service', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('st-reports-');
  });
  afterEach(() => removeDir(dir));

  function start(extra: Partial<ServiceDeps> = {}, models: Record<string, ReportModel> = { s1: typicalModel({ sessionId: 's1' }) }) {
    const deps: ServiceDeps = {
      dataDir: dir,
      hostKind: 'browser',
      appVersion: 't',
      notices: createNoticeBoard(),
      now: () => new Date('2025-03-15T09:00:00Z'),
      ...extra,
    };
    const settings = createSettingsService(deps);
    const service = createReportService(
      deps,
      { sessions: {} as never, profiles: {} as never, settings },
      {
        source: async (sessionId, context) => {
          const model = models[sessionId];
          if (!model) throw new ApiError('not_found', `Session ${sessionId} was not found`);
          return { ...model, generatedAt: context.generatedAt, header: { ...model.header, engineerName: context.engineerName || null } };
        },
      },
    );
    return { service, settings, h: service.handlers };
  }

  it('previews a session with the engineer name and page size from settings', async () => {
    const { h, settings } = start();
    await settings.handlers['settings.set']({ engineerName: 'Ana Souza', pageSize: 'Letter' }, ctx());
    const preview = await h['reports.preview']({ sessionId: 's1' }, ctx());
    expect(preview.model.header.engineerName).toBe('Ana Souza');
    expect(preview.html).toContain('@page { size: Letter; }');
    expect(preview.html).toContain("font-family:'Report Sans'");
  });

  it('lists an exported report once per session, with every format exported', async () => {
    const { printer, calls } = recordingPrinter();
    const { h } = start({ pdfPrinter: printer });
    const md = await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    expect(md.fileName).toBe('CS-48211 Contoso PRD 2025-03-14 1402 UTC.md');
    expect(Buffer.from(md.base64!, 'base64').toString('utf8')).toContain('# 432 connection limit on Contoso PRD');
    const pdf = await h['reports.export']({ sessionId: 's1', format: 'pdf' }, ctx());
    expect(pdf.reportId).toBe(md.reportId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ pageSize: 'A4', title: '432 connection limit on Contoso PRD' });
    const list = await h['reports.list']({}, ctx());
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ environment: 'Contoso PRD', outcome: 'resolved', outcomeLabel: 'Resolved', sessionStartedAt: '2025-03-14T14:02:00.000Z' });
    expect(list[0]!.files.map((f) => f.format).sort()).toEqual(['md', 'pdf']);
    const files = readdirSync(path.join(dir, 'reports')).sort();
    expect(files).toEqual([`${md.reportId}.md`, `${md.reportId}.model.json`, `${md.reportId}.pdf`]);
  });

  it('opens and exports again what was exported, even after the session changed', async () => {
    const models = { s1: typicalModel({ sessionId: 's1' }) };
    const { h } = start({}, models);
    const first = await h['reports.export']({ sessionId: 's1', format: 'json' }, ctx());
    models.s1 = typicalModel({ sessionId: 's1', summary: 'Changed later.' });
    const opened = await h['reports.open']({ id: first.reportId }, ctx());
    expect(opened.model.summary).toBe(typicalModel().summary);
    const again = await h['reports.export']({ reportId: first.reportId, format: 'json' }, ctx());
    const json = JSON.parse(Buffer.from(again.base64!, 'base64').toString('utf8')) as ReportModel;
    expect(json.reportVersion).toBe(2);
    expect(json.summary).toBe(typicalModel().summary);
  });

  it('deletes a report and its files', async () => {
    const { h } = start();
    const exported = await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    expect(await h['reports.delete']({ id: exported.reportId }, ctx())).toEqual({ deleted: true });
    expect(await h['reports.list']({}, ctx())).toEqual([]);
    expect(readdirSync(path.join(dir, 'reports'))).toEqual([]);
    await expect(h['reports.open']({ id: exported.reportId }, ctx())).rejects.toMatchObject({ code: 'not_found' });
    expect(await h['reports.delete']({ id: exported.reportId }, ctx())).toEqual({ deleted: false });
  });

  it('explains in words that PDF needs a printer, and still exports Markdown', async () => {
    const { h } = start();
    await expect(h['reports.export']({ sessionId: 's1', format: 'pdf' }, ctx())).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Export Markdown or JSON instead'),
    });
    await expect(h['reports.export']({ sessionId: 's1', format: 'md' }, ctx())).resolves.toMatchObject({ bytes: expect.any(Number) });
  });

  it('passes the session error through when a session does not exist', async () => {
    const { h } = start();
    await expect(h['reports.preview']({ sessionId: 'nope' }, ctx())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('desktop: saves where the user picks, and records nothing when the dialog is closed', async () => {
    const saved: string[] = [];
    let answer: string | null = null;
    const { h } = start({
      hostKind: 'electron',
      saveFile: async (name, data) => {
        saved.push(name);
        if (answer) writeFileSync(answer, data);
        return answer;
      },
    });
    const cancelled = await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    expect(cancelled.savedTo).toBeNull();
    expect(cancelled.base64).toBeUndefined();
    expect(await h['reports.list']({}, ctx())).toEqual([]);
    answer = path.join(dir, 'picked.md');
    const done = await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    expect(done).toMatchObject({ savedTo: answer });
    expect(done.base64).toBeUndefined();
    expect(readFileSync(answer, 'utf8')).toContain('# 432 connection limit');
    expect(saved).toEqual(['CS-48211 Contoso PRD 2025-03-14 1402 UTC.md', 'CS-48211 Contoso PRD 2025-03-14 1402 UTC.md']);
    expect(await h['reports.list']({}, ctx())).toHaveLength(1);
  });

  it('moves a corrupt reports index aside and starts a fresh list', async () => {
    writeFileSync(path.join(dir, 'reports.json'), '{ not json');
    const notices = createNoticeBoard();
    const { h } = start({ notices });
    expect(await h['reports.list']({}, ctx())).toEqual([]);
    expect(notices.list()[0]).toMatch(/reports\.json could not be read/);
    expect(readdirSync(dir).some((f) => f.startsWith('reports.json.corrupt-'))).toBe(true);
    expect(existsSync(path.join(dir, 'reports.json'))).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('writes the report files atomically and readable by the user only (0600), in a 0700 folder', async () => {
    const { h } = start();
    const first = await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    await h['reports.export']({ sessionId: 's1', format: 'md' }, ctx());
    const folder = path.join(dir, 'reports');
    expect((statSync(folder).mode & 0o777).toString(8)).toBe('700');
    const files = readdirSync(folder).sort();
    expect(files).toEqual([`${first.reportId}.md`, `${first.reportId}.model.json`]);
    for (const file of [...files.map((f) => path.join(folder, f)), path.join(dir, 'reports.json')]) {
      expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    }
  });
});
