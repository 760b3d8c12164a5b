/**
 * Times as customers' exports write them, read in the zone the engineer gives and returned as UTC
 * milliseconds: Excel dates (serial numbers, or Date values whose UTC fields carry the wall clock),
 * ISO text ("2026-12-01 14:05:33", with or without a zone), and the
 * locale forms "01/12/2026 14:05" and "12/1/2026 2:05 PM", whose day/month order `dayFirst` says.
 */

export type CellValue = string | number | boolean | Date | null;

export interface TimeOptions {
  /** The zone of times written without one, minutes east of UTC. */
  utcOffsetMinutes: number;
  /** 01/12/2026 is 1 December when true, January 12 when false. */
  dayFirst: boolean;
  /** The workbook counts days from 1904 (old Mac Excel). */
  date1904?: boolean;
}

const DAY_MS = 86_400_000;
/** Days between Excel's day 0 (1899-12-30, with its 1900 leap-year quirk folded in) and 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const EXCEL_1904_SHIFT_DAYS = 1_462;
/** Serial numbers taken as dates: 1950-01-01 to 2100-01-01 (a count or an id is not a date). */
const MIN_SERIAL = 18_264;
const MAX_SERIAL = 73_051;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const SLASHED_YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]\.?M\.?)?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]\.?M\.?)?)?$/i;
const DAY_NAMED = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -,]+(\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]\.?M\.?)?)?$/i;
const MONTH_NAMED = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:[T ,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]\.?M\.?)?)?$/i;
/** "Tuesday, " in front of a date. */
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

/** A date written with slashes or dots: its first two numbers, for telling the day/month order. */
export function slashedParts(text: string): { a: number; b: number; meridiem: boolean } | null {
  const m = SLASHED.exec(text.trim());
  return m ? { a: Number(m[1]), b: Number(m[2]), meridiem: Boolean(m[8]) } : null;
}

function monthOf(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

/** Wall clock to UTC ms, null when a field is out of range (31/02, 25:00, 13 PM). */
function wallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  meridiem: string | undefined,
  offsetMinutes: number,
): number | null {
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    const pm = meridiem[0]!.toLowerCase() === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // 31 February rolls over into March: not a date.
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc - offsetMinutes * 60_000;
}

function zoneMinutes(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[^0-9]/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? 2000 + y : y;
}

/** An Excel serial day number to UTC ms in the given zone. */
export function excelSerialToUtc(serial: number, options: TimeOptions): number | null {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL - (options.date1904 ? EXCEL_1904_SHIFT_DAYS : 0) || serial > MAX_SERIAL) return null;
  const days = serial - EXCEL_EPOCH_DAYS + (options.date1904 ? EXCEL_1904_SHIFT_DAYS : 0);
  // Whole milliseconds: a serial carries binary fractions of a day.
  return Math.round(days * DAY_MS) - options.utcOffsetMinutes * 60_000;
}

/** Text as a time, UTC ms; null when it is not one of the forms above. */
export function parseTimeText(raw: string, options: TimeOptions): number | null {
  const text = raw.trim().replace(WEEKDAY, '');
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return excelSerialToUtc(Number(text), options);
  let m = ISO.exec(text);
  if (m) {
    const offset = m[8] ? zoneMinutes(m[8]) : options.utcOffsetMinutes;
    return wallClock(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fraction(m[7]), undefined, offset);
  }
  m = SLASHED_YEAR_FIRST.exec(text);
  if (m)
    return wallClock(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      fraction(m[7]),
      m[8],
      options.utcOffsetMinutes,
    );
  m = SLASHED.exec(text);
  if (m) {
    const [day, month] = options.dayFirst ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    return wallClock(fullYear(m[3]!), month, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fraction(m[7]), m[8], options.utcOffsetMinutes);
  }
  m = DAY_NAMED.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    return month
      ? wallClock(Number(m[3]), month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fraction(m[7]), m[8], options.utcOffsetMinutes)
      : null;
  }
  m = MONTH_NAMED.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month
      ? wallClock(Number(m[3]), month, Number(m[2]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), fraction(m[7]), m[8], options.utcOffsetMinutes)
      : null;
  }
  return null;
}

/** Any cell as a time, UTC ms; null when it holds none. */
export function parseTimeCell(value: CellValue, options: TimeOptions): number | null {
  if (value === null || typeof value === 'boolean') return null;
  // A Date carries the cell's wall clock in its UTC fields.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime() - options.utcOffsetMinutes * 60_000;
  if (typeof value === 'number') return excelSerialToUtc(value, options);
  return parseTimeText(value, options);
}

/** A line of pasted text that starts with a time: the time's text and the rest. */
const LEADING_TIME = new RegExp(
  [
    String.raw`^(\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)`,
    String.raw`^(\d{4}/\d{1,2}/\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s*[AP]\.?M\.?)?)`,
    String.raw`^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s*[AP]\.?M\.?)?)`,
  ].join('|'),
  'i',
);

export function leadingTime(line: string): { time: string; rest: string } | null {
  const m = LEADING_TIME.exec(line.trim());
  if (!m) return null;
  const time = (m[1] ?? m[2] ?? m[3])!;
  const rest = line
    .trim()
    .slice(m[0].length)
    .replace(/^[\s|;,\-–]+/, '');
  return { time, rest };
}
