import { z } from 'zod';
import { method } from '../define';
import type { ReportModel, ReportOutcome } from '../../report/model';

export const reportFormatSchema = z.enum(['pdf', 'md', 'json']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

const id = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(200);

export interface ReportPreview {
  /** The self-contained HTML document that also becomes the PDF. */
  html: string;
  model: ReportModel;
}

export interface ReportExportResult {
  reportId: string;
  fileName: string;
  mime: string;
  bytes: number;
  /** Browser host and CLI: the file's bytes, for a download. */
  base64?: string;
  /** Desktop app: where the file was saved; null when the user closed the save dialog. */
  savedTo?: string | null;
}

export interface ReportFileEntry {
  format: ReportFormat;
  fileName: string;
  bytes: number;
  exportedAt: string;
}

/** One report in the Reports page: the snapshot of a session's report and the files exported. */
export interface ReportEntry {
  id: string;
  sessionId: string;
  title: string;
  environment: string;
  customer: string | null;
  ticket?: string | null;
  /** The playbook the session followed; absent in reports exported before it was recorded, null when unknown. */
  playbook?: { id: string; title: string } | null;
  outcome: ReportOutcome;
  outcomeLabel: string;
  /** When the session started. */
  sessionStartedAt: string;
  /** Last export. */
  updatedAt: string;
  files: ReportFileEntry[];
}

export const reportMethods = {
  /** The report of a session as it is now: HTML preview and model. */
  'reports.preview': method(z.object({ sessionId: id('Session') }).strict()).returns<ReportPreview>(),
  /**
   * Exports a session's report (sessionId) or exports a stored report again (reportId), and records
   * it in the Reports list. Long: printing a PDF takes a moment.
   */
  'reports.export': method(
    z
      .object({ sessionId: id('Session').optional(), reportId: id('Report').optional(), format: reportFormatSchema })
      .strict()
      .refine((v) => Boolean(v.sessionId) !== Boolean(v.reportId), {
        message: 'Give either a session or a stored report, not both',
        path: ['sessionId'],
      }),
    { long: true },
  ).returns<ReportExportResult>(),
  'reports.list': method(z.object({}).strict()).returns<ReportEntry[]>(),
  /** The preview of a stored report, exactly as it was exported. */
  'reports.open': method(z.object({ id: id('Report') }).strict()).returns<ReportPreview>(),
  'reports.delete': method(z.object({ id: id('Report') }).strict()).returns<{ deleted: boolean }>(),
};
