import type { ReportFormat } from '../../../shared/api/methods/reports';
import { ApiError } from '../../../shared/api/errors';
import { fileNamePart } from '../../../shared/report/format';
import { renderReportHtml } from '../../../shared/report/html';
import { renderReportMarkdown } from '../../../shared/report/markdown';
import type { ReportModel } from '../../../shared/report/model';
import type { PdfPrinter } from '../context';
import { reportFontCss } from './fonts';

export const MIME_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The preview and the PDF: the same document, with the bundled font and the attached images inlined. */
export function reportHtml(model: ReportModel, pageSize: 'A4' | 'Letter', attachmentImages: Readonly<Record<string, string>> = {}): string {
  return renderReportHtml(model, { pageSize, fontCss: reportFontCss(), attachmentImages });
}

/**
 * "CS-123456 Demo farm 2026-12-02 0930 UTC.pdf": the ticket (else the session's short id), the
 * environment and when the session started, so a file attached to a ticket names both, and two
 * sessions on one environment on one day never export to the same name. Characters no file system
 * accepts are dropped.
 */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const started = model.header.startedAt;
  const day = started.slice(0, 10).replace(/[^0-9-]/g, '') || 'undated';
  const time = /T(\d{2}):(\d{2})/.exec(started);
  const who = model.header.ticket ? fileNamePart(model.header.ticket, 60) : '';
  const words = [who || shortId(model.sessionId), fileNamePart(model.header.environment.name, 60), day, time ? `${time[1]}${time[2]} UTC` : ''];
  return `${words.filter(Boolean).join(' ')}.${format}`;
}

/** The first block of the session's id (8 characters of a UUID): enough to tell a day's sessions apart. */
function shortId(sessionId: string): string {
  return fileNamePart(sessionId.split('-')[0] ?? '', 12);
}

export interface RenderOptions {
  pageSize: 'A4' | 'Letter';
  printer?: PdfPrinter;
  signal?: AbortSignal;
  /** Why there is no printer, in words, when there is none. */
  noPrinterReason?: string;
  /** The attached images as data: URLs by attachment id (the PDF shows them). */
  attachmentImages?: Readonly<Record<string, string>>;
}

/** The bytes of one export format. */
export async function renderReportFile(model: ReportModel, format: ReportFormat, options: RenderOptions): Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return new TextEncoder().encode(renderReportMarkdown(model));
    case 'json':
      return new TextEncoder().encode(`${JSON.stringify(model, null, 2)}\n`);
    case 'pdf': {
      if (!options.printer) {
        throw new ApiError('unavailable', options.noPrinterReason ?? 'PDF export is not available here. Export Markdown or JSON instead.');
      }
      return options.printer.print(reportHtml(model, options.pageSize, options.attachmentImages), {
        pageSize: options.pageSize,
        title: model.header.title,
        signal: options.signal,
      });
    }
  }
}
