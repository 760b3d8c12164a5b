import ExcelJS from 'exceljs';

/**
 * Exports in the shape of Service Center > Monitoring > Errors, made by the tests themselves: rows of
 * the 432 concurrency error on two front-ends among other errors, times in the platform's local time.
 */
export interface ExportRow {
  /** Wall clock of the row, as the export writes it (no zone). */
  local: Date;
  application: string;
  module: string;
  message: string;
  server: string;
}

const OTHER_ERRORS = [
  'Timeout expired. The timeout period elapsed prior to completion of the operation or the server is not responding.',
  'Object reference not set to an instance of an object.',
  'The remote server returned an error: (404) Not Found.',
  '421 4.3.2 Service not available, closing transmission channel',
];

/**
 * `matching` rows of the 432 error (every 2 minutes from `start`, alternating FE01 and FE02) and
 * `others` other errors in between; the rows are newest first, as the Errors page lists them.
 */
export function serviceCenterRows(options: { matching?: number; others?: number; start?: Date } = {}): ExportRow[] {
  const matching = options.matching ?? 432;
  const others = options.others ?? 68;
  const start = options.start ?? new Date(Date.UTC(2026, 11, 1, 8, 0, 0));
  const rows: ExportRow[] = [];
  const total = matching + others;
  let m = 0;
  for (let i = 0; i < total; i++) {
    const local = new Date(start.getTime() + i * 60_000);
    const isMatch = m < matching && (i % Math.ceil(total / Math.max(1, others)) !== 0 || total - i <= matching - m);
    if (isMatch) {
      m++;
      rows.push({
        local,
        application: 'Orders',
        module: 'OrdersCore',
        message: `Error sending email ${10_000 + i}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=AM0PR01MB1234.eurprd01.prod.outlook.com]`,
        server: m % 2 === 1 ? 'FE01' : 'FE02',
      });
    } else {
      rows.push({ local, application: 'Portal', module: 'PortalUI', message: OTHER_ERRORS[i % OTHER_ERRORS.length]!, server: i % 2 === 0 ? 'FE01' : 'FE02' });
    }
  }
  return rows.reverse();
}

export interface Layout {
  /** Header per field; the order of this list is the order of the columns. */
  columns: Array<{ header: string; field: keyof ExportRow | 'id' | 'stack' }>;
}

export const SERVICE_CENTER_LAYOUT: Layout = {
  columns: [
    { header: 'Time', field: 'local' },
    { header: 'Application', field: 'application' },
    { header: 'Module', field: 'module' },
    { header: 'Message', field: 'message' },
    { header: 'Server', field: 'server' },
    { header: 'Id', field: 'id' },
  ],
};

function valueOf(row: ExportRow, field: Layout['columns'][number]['field'], i: number): string | Date | number {
  if (field === 'id') return i + 1;
  if (field === 'stack') return 'at OutSystems.HubEdition.RuntimePlatform.Email.EmailSender.Send()';
  return row[field];
}

/** An .xlsx as Service Center downloads it: a title-less sheet, one header row, dates as date cells. */
export async function exportXlsx(
  rows: ExportRow[],
  layout: Layout = SERVICE_CENTER_LAYOUT,
  options: { timeAsText?: (d: Date) => string } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Errors');
  sheet.addRow(layout.columns.map((c) => c.header));
  rows.forEach((row, i) => {
    sheet.addRow(layout.columns.map((c) => (c.field === 'local' && options.timeAsText ? options.timeAsText(row.local) : valueOf(row, c.field, i))));
  });
  const timeColumn = layout.columns.findIndex((c) => c.field === 'local') + 1;
  if (timeColumn > 0 && !options.timeAsText) sheet.getColumn(timeColumn).numFmt = 'yyyy-mm-dd hh:mm:ss';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "2026-12-01 14:05:33" from a wall clock kept in a Date's UTC fields. */
export function isoLocal(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

function csvField(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A .csv with a BOM, `separator` between fields, quotes where needed, CRLF line ends. */
export function exportCsv(rows: ExportRow[], layout: Layout = SERVICE_CENTER_LAYOUT, options: { separator?: string; time?: (d: Date) => string } = {}): Buffer {
  const separator = options.separator ?? ';';
  const time = options.time ?? isoLocal;
  const lines = [layout.columns.map((c) => csvField(c.header, separator)).join(separator)];
  rows.forEach((row, i) => {
    lines.push(
      layout.columns
        .map((c) => {
          const v = c.field === 'local' ? time(row.local) : valueOf(row, c.field, i);
          return csvField(String(v), separator);
        })
        .join(separator),
    );
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
