import { CsvError, parse } from 'csv-parse/sync';
import { Budget, columnName, EVIDENCE_LIMITS, refusals, type EvidenceLimits } from './limits';
import { EvidenceRefusal } from './refusal';

export type RowsRead = (rows: number) => void;

/** The separator of the first line, outside quotes: the most frequent of tab, `;`, `,` and `|`. */
export function detectSeparator(text: string): string | null {
  const counts = new Map<string, number>([
    ['\t', 0],
    [';', 0],
    [',', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | null = null;
  for (const [sep, n] of counts) if (n > 0 && (best === null || n > counts.get(best)!)) best = sep;
  return best;
}

/**
 * RFC 4180 with any one-character separator (quoted fields, "" for a quote, CRLF, LF or CR, line
 * breaks inside quotes, blank lines skipped) through csv-parse, in time linear in the text: a
 * quote in the middle of an unquoted field is kept as a character, as Excel does. Every record is
 * held to the limits as it is read (rows, columns, characters per field and per record, time).
 */
export function parseDelimited(
  text: string,
  separator: string | null,
  onRows: RowsRead,
  limits: EvidenceLimits = EVIDENCE_LIMITS,
  budget: Budget = new Budget(limits.timeMs),
): string[][] {
  let rows = 0;
  let cells = 0;
  try {
    const records = parse(text, {
      // No separator in the first line: one column, so a separator that never occurs.
      delimiter: separator ?? '\u0000',
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: limits.recordChars,
      on_record: (record: string[]) => {
        rows++;
        if (rows > limits.rows) throw refusals.rows();
        for (let c = 0; c < record.length; c++) {
          const field = record[c]!;
          if (field === '') continue;
          if (c >= limits.columns) throw refusals.column(c, `a value on row ${rows.toLocaleString('en-US')}`, limits);
          if (field.length > limits.cellChars) throw refusals.cell(`the value in column ${columnName(c)} on row ${rows.toLocaleString('en-US')}`, limits);
          if (++cells > limits.cells) throw refusals.cells(limits);
        }
        if (rows % 10_000 === 0) {
          budget.check();
          onRows(rows);
        }
        return record.length > limits.columns ? record.slice(0, limits.columns) : record;
      },
    }) as string[][];
    onRows(records.length);
    return records;
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      throw new EvidenceRefusal(
        `Too large: a row of the file (after row ${rows.toLocaleString('en-US')}) holds more than ${limits.recordChars.toLocaleString('en-US')} characters. The file is damaged or not an Errors export.`,
      );
    }
    if (error instanceof CsvError) throw new EvidenceRefusal(`Not a CSV file this app reads: ${error.message.slice(0, 200)}`);
    throw error;
  }
}
