import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { reportFormatSchema, type ReportEntry, type ReportFormat } from '../../../shared/api/methods/reports';
import { REPORT_OUTCOMES, type ReportModel } from '../../../shared/report/model';
import type { NoticeBoard } from '../context';
import { createJsonFile, writeFileAtomic } from '../json-file';

export const REPORTS_INDEX_FILE = 'reports.json';
export const REPORTS_FOLDER = 'reports';

const LEGACY_OUTCOMES: Record<string, string> = { 'within-limit': 'within-limit-other-cause', unverified: 'in-progress' };

const entrySchema = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  sessionId: z.string(),
  title: z.string(),
  environment: z.string(),
  customer: z.string().nullable(),
  ticket: z.string().nullable().optional(),
  playbook: z.object({ id: z.string(), title: z.string() }).nullable().optional(),
  // Reports exported before the engine's outcome model named two outcomes differently.
  outcome: z.preprocess((value) => LEGACY_OUTCOMES[String(value)] ?? value, z.enum(REPORT_OUTCOMES)),
  outcomeLabel: z.string(),
  sessionStartedAt: z.string(),
  updatedAt: z.string(),
  files: z.array(z.object({ format: reportFormatSchema, fileName: z.string(), bytes: z.number().int().min(0), exportedAt: z.string() })),
});
const indexSchema = z.object({ reports: z.array(entrySchema) });
type ReportsIndex = z.infer<typeof indexSchema>;

/**
 * Every exported report: an index (reports.json) and, per report, the model snapshot it was
 * exported from (reports/<id>.model.json, so "open" and "export again" show exactly what was sent)
 * and the last file of each format (reports/<id>.pdf|md|json). One report per session: exporting a
 * session again updates its report.
 */
export function createReportStore(options: { dataDir: string; notices: NoticeBoard; now: () => Date }) {
  const folder = path.join(options.dataDir, REPORTS_FOLDER);
  const index = createJsonFile<ReportsIndex>({
    file: path.join(options.dataDir, REPORTS_INDEX_FILE),
    version: 1,
    schema: indexSchema,
    defaults: () => ({ reports: [] }),
    onNotice: options.notices.add,
  });
  // Ids come from the index only (uuids), so these paths never leave the reports folder.
  const snapshotPath = (id: string) => path.join(folder, `${id}.model.json`);
  const filePath = (id: string, format: ReportFormat) => path.join(folder, `${id}.${format}`);

  /** Reads and validates the index (at start): a damaged one is moved aside now, with a notice. */
  async function load(): Promise<void> {
    await index.read();
  }

  /** From memory: the index is read once and kept up to date by every change made here. */
  async function list(): Promise<ReportEntry[]> {
    const { reports } = await index.read();
    return [...reports].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async function find(id: string): Promise<ReportEntry | undefined> {
    return (await index.read()).reports.find((r) => r.id === id);
  }

  async function readModel(id: string): Promise<ReportModel | null> {
    try {
      return JSON.parse(await fs.readFile(snapshotPath(id), 'utf8')) as ReportModel;
    } catch {
      return null;
    }
  }

  /** Records an exported file: the model snapshot, the file itself and the index entry. */
  async function record(
    model: ReportModel,
    format: ReportFormat,
    fileName: string,
    bytes: Uint8Array,
    reportId?: string,
    playbook?: ReportEntry['playbook'],
  ): Promise<ReportEntry> {
    const exportedAt = options.now().toISOString();
    let saved: ReportEntry | undefined;
    await index.update(async (current) => {
      const existing = reportId ? current.reports.find((r) => r.id === reportId) : current.reports.find((r) => r.sessionId === model.sessionId);
      const id = existing?.id ?? randomUUID();
      // Both written atomically and 0600, like every file in the data folder.
      await writeFileAtomic(snapshotPath(id), JSON.stringify(model));
      await writeFileAtomic(filePath(id, format), bytes);
      const file = { format, fileName, bytes: bytes.byteLength, exportedAt };
      saved = {
        id,
        sessionId: model.sessionId,
        title: model.header.title,
        environment: model.header.environment.name,
        customer: model.header.customer,
        ticket: model.header.ticket,
        // Kept from the first export when the session (and so its playbook) is gone by now; absent
        // when nobody said, so the list looks it up from the session.
        ...(playbook !== undefined ? { playbook } : existing?.playbook !== undefined ? { playbook: existing.playbook } : {}),
        outcome: model.header.outcome,
        outcomeLabel: model.header.outcomeLabel,
        sessionStartedAt: model.header.startedAt,
        updatedAt: exportedAt,
        files: [...(existing?.files.filter((f) => f.format !== format) ?? []), file],
      };
      return { reports: [...current.reports.filter((r) => r.id !== id), saved] };
    });
    return saved!;
  }

  async function remove(id: string): Promise<boolean> {
    let found = false;
    await index.update((current) => {
      found = current.reports.some((r) => r.id === id);
      return { reports: current.reports.filter((r) => r.id !== id) };
    });
    if (found) {
      await Promise.all([snapshotPath(id), ...reportFormatSchema.options.map((f) => filePath(id, f))].map((f) => fs.rm(f, { force: true })));
    }
    return found;
  }

  return { load, list, find, readModel, record, remove, filePath };
}
