/**
 * The app's one way to write a time: the user's local date and time with the zone named
 * ("2 Dec 2026, 10:31 CET"), so a time read off the screen can be compared with a log or a ticket.
 * Reports use UTC instead (`shared/format-time.ts`). `timeZone` is for tests; the app never passes it.
 */
export interface ZoneOption {
  timeZone?: string;
  /** The language; the user's by default. */
  locale?: string;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date-time' | 'date', options: ZoneOption): Intl.DateTimeFormat {
  const key = `${kind}|${options.locale ?? ''}|${options.timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      options.locale,
      kind === 'date'
        ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: options.timeZone }
        : // dateStyle cannot be combined with timeZoneName: the same fields spelled out.
          { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: options.timeZone },
    );
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2 Dec 2026, 10:31 CET"; '' when missing, the text itself when it is not a time. */
export function formatLocalTime(iso: string | null | undefined, options: ZoneOption = {}): string {
  const date = parse(iso);
  if (!date) return iso ?? '';
  return formatter('date-time', options).format(date);
}

/** "2 Dec 2026": a day, for lists where the time of day does not matter (the tooltip has it). */
export function formatLocalDay(iso: string | null | undefined, options: ZoneOption = {}): string {
  const date = parse(iso);
  if (!date) return iso ?? '';
  return formatter('date', options).format(date);
}

/** ISO strings that are times ("2026-12-02T09:31…"), as probes and the engine write them. */
export function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && parse(value) !== null;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "in 2 hours"; "just now" under a minute. */
export function formatRelativeTime(iso: string, now: Date = new Date(), options: Pick<ZoneOption, 'locale'> = {}): string {
  const date = parse(iso);
  if (!date) return iso;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(options.locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}
