import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportFormatSchema, type ReportFormat } from '../../shared/api/methods/reports';
import { defaultDataDir } from '../services/data-dir';

export interface ReportArgs {
  sessionId: string;
  format: ReportFormat;
  out: string;
  dataDir: string;
}

export const REPORT_USAGE = `Usage: npm run -s report -- --session ID --format pdf|md|json --out FILE [--data-dir DIR]

  --session ID    the troubleshooting session whose report to export
  --format F      pdf (printed with the system Chromium), md (Markdown) or json (the report model)
  --out FILE      where to write the file
  --data-dir DIR  the data folder holding the session (default: $SUPPORT_TOOLKIT_DATA or the
                  platform's config folder)`;

/** Raised for a bad command line: the message names the option. The CLI exits with 2. */
export class UsageError extends Error {}

export function parseReportArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ReportArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        session: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  // A wrong value is named before a missing option: it is what the user just typed.
  const format = reportFormatSchema.safeParse(values.format);
  if (values.format !== undefined && !format.success) throw new UsageError(`--format must be pdf, md or json, not "${values.format}"`);
  if (!values.session?.trim()) throw new UsageError('--session is required: the id of the session whose report to export');
  if (!format.success) throw new UsageError('--format is required: pdf, md or json');
  if (!values.out?.trim()) throw new UsageError('--out is required: the file to write');
  return {
    sessionId: values.session.trim(),
    format: format.data,
    out: path.resolve(values.out),
    dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env),
  };
}
