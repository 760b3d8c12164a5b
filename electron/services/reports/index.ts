import type { ReportEntry, ReportExportResult, reportMethods } from '../../../shared/api/methods/reports';
import { ApiError } from '../../../shared/api/errors';
import { buildReport } from '../../../shared/report/build';
import type { ReportModel } from '../../../shared/report/model';
import type { HandlersFor, ServiceDeps } from '../context';
import type { ProfileService } from '../profiles';
import type { SessionService } from '../sessions';
import type { SettingsService } from '../settings';
import { MIME_TYPES, renderReportFile, reportFileName, reportHtml } from './render';
import { createReportStore } from './store';

/** Builds the report model of a session as it is now. */
export type SessionReportSource = (sessionId: string, context: { engineerName: string; generatedAt: string }) => Promise<ReportModel>;

export function createReportService(
  deps: ServiceDeps,
  needs: { sessions: SessionService; profiles: ProfileService; settings: SettingsService },
  options: { source?: SessionReportSource } = {},
) {
  const now = deps.now ?? (() => new Date());
  const store = createReportStore({ dataDir: deps.dataDir, notices: deps.notices, now });
  const source = options.source ?? sessionSource(needs.sessions);

  async function modelOfSession(sessionId: string): Promise<ReportModel> {
    const settings = await needs.settings.get();
    return source(sessionId, { engineerName: settings.engineerName, generatedAt: now().toISOString() });
  }

  /** The report's attached images, read from the session's folder while the session is there. */
  async function imagesOf(model: ReportModel): Promise<Record<string, string>> {
    const attachments = model.appendix.attachments ?? [];
    // Nothing attached, nothing to read: no visit to the session's folder.
    return attachments.length ? needs.sessions.attachmentImages(model.sessionId, attachments) : {};
  }

  /** The playbook a session followed, by its title; null when the session or its playbook is gone. */
  async function playbookOf(sessionId: string): Promise<ReportEntry['playbook']> {
    let session;
    try {
      session = await needs.sessions.get(sessionId);
    } catch {
      // Deleted, damaged or unknown: the report names no playbook then.
      return null;
    }
    const playbook = needs.sessions.playbooks().find((p) => p.id === session.playbookId);
    return { id: session.playbookId, title: playbook?.title ?? session.playbookId };
  }

  async function storedModel(id: string): Promise<ReportModel> {
    const model = (await store.find(id)) ? await store.readModel(id) : null;
    if (!model) throw new ApiError('not_found', 'This report no longer exists. It may have been deleted.', { field: 'id' });
    return model;
  }

  const handlers: HandlersFor<typeof reportMethods> = {
    'reports.preview': async ({ sessionId }) => {
      const model = await modelOfSession(sessionId);
      const { pageSize } = await needs.settings.get();
      return { html: reportHtml(model, pageSize, await imagesOf(model)), model };
    },
    'reports.open': async ({ id }) => {
      const model = await storedModel(id);
      const { pageSize } = await needs.settings.get();
      return { html: reportHtml(model, pageSize, await imagesOf(model)), model };
    },
    // Reports exported before the playbook was recorded name it from their session while it exists.
    'reports.list': async () =>
      Promise.all((await store.list()).map(async (r) => (r.playbook === undefined ? { ...r, playbook: await playbookOf(r.sessionId) } : r))),
    'reports.delete': async ({ id }) => ({ deleted: await store.remove(id) }),
    'reports.export': async ({ sessionId, reportId, format }, ctx) => {
      ctx.progress('Preparing the report', 0.05);
      const model = reportId ? await storedModel(reportId) : await modelOfSession(sessionId!);
      const { pageSize } = await needs.settings.get();
      if (format === 'pdf') ctx.progress('Printing the PDF', 0.2);
      const bytes = await renderReportFile(model, format, {
        pageSize,
        printer: deps.pdfPrinter,
        ...(format === 'pdf' ? { attachmentImages: await imagesOf(model) } : {}),
        signal: ctx.signal,
        noPrinterReason:
          deps.hostKind === 'electron'
            ? 'PDF export is not available in this window. Export Markdown or JSON instead.'
            : 'PDF export needs Chromium, which this host was started without. Export Markdown or JSON instead.',
      });
      if (ctx.signal.aborted) throw new ApiError('cancelled', 'Export was cancelled');
      const fileName = reportFileName(model, format);
      const base = { fileName, mime: MIME_TYPES[format], bytes: bytes.byteLength };
      if (deps.saveFile) {
        // Desktop: the user picks where the file goes; closing the dialog exports nothing.
        ctx.progress('Choose where to save the file', 0.9);
        const savedTo = await deps.saveFile(fileName, bytes);
        if (savedTo === null) return { reportId: reportId ?? '', ...base, savedTo: null } satisfies ReportExportResult;
        const entry = await store.record(model, format, fileName, bytes, reportId, await playbookOf(model.sessionId));
        return { reportId: entry.id, ...base, savedTo };
      }
      const entry = await store.record(model, format, fileName, bytes, reportId, await playbookOf(model.sessionId));
      ctx.progress('Done', 1);
      return { reportId: entry.id, ...base, base64: Buffer.from(bytes).toString('base64') };
    },
  };
  return { handlers, store, modelOfSession };
}

/** A session's report: the session service maps its session onto what the report prints (not_found for an unknown id). */
function sessionSource(sessions: SessionService): SessionReportSource {
  return async (sessionId, context) => buildReport(await sessions.reportInput(sessionId), context);
}
