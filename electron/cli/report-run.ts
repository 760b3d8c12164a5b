import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { createNoticeBoard, type PdfPrinter } from '../services/context';
import { createServices } from '../services/create-services';
import { createInProcessClient } from '../services/in-process-client';
import { acquireDataDirLock, DataDirLockedError, releaseOnExit } from '../services/data-dir-lock';
import { createChromiumPdfPrinter } from '../services/reports/pdf-chromium';
import { parseReportArgs, REPORT_USAGE, UsageError } from './report-args';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `npm run -s report -- --session ID --format pdf|md|json --out FILE`: exports a session's report
 * with the same services the apps use (so it is listed on the Reports page too). Returns the exit
 * code: 0 written, 1 failed (message in words), 2 bad command line (message names the option).
 */
export async function runReportCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, options: { pdfPrinter?: PdfPrinter } = {}): Promise<number> {
  let args;
  try {
    args = parseReportArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    io.err(REPORT_USAGE);
    return 2;
  }
  if (args === 'help') {
    io.out(REPORT_USAGE);
    return 0;
  }
  // One app per data folder: the export records the report in the folder's index.
  let lock;
  try {
    lock = await acquireDataDirLock(args.dataDir, 'cli');
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    io.err(error.message);
    return 1;
  }
  const stopReleasing = releaseOnExit(lock, { signals: true });
  const notices = createNoticeBoard();
  const stopPrinting = notices.subscribe((message) => io.err(`Notice: ${message}`));
  let services;
  try {
    const ownPrinter = options.pdfPrinter ? undefined : createChromiumPdfPrinter();
    services = await createServices({
      dataDir: args.dataDir,
      hostKind: 'cli',
      appVersion: appVersion(),
      notices,
      pdfPrinter: options.pdfPrinter ?? ownPrinter,
    });
    const api = createInProcessClient(services);
    let result;
    try {
      result = await api['reports.export']({ sessionId: args.sessionId, format: args.format });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      io.err(`Could not export the report: ${error.message}`);
      if (error.details) io.err(`Details: ${error.details}`);
      return 1;
    }
    await fs.mkdir(path.dirname(args.out), { recursive: true });
    await fs.writeFile(args.out, Buffer.from(result.base64 ?? '', 'base64'));
    io.out(`Wrote ${args.out} (${args.format.toUpperCase()}, ${formatBytes(result.bytes)})`);
    return 0;
  } finally {
    await services?.close();
    stopPrinting();
    stopReleasing();
    lock.release();
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}
