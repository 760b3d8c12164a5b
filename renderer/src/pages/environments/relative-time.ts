const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "just now" in the user's language; "Never" when not used yet. */
export function lastUsedText(iso: string | null, now: Date = new Date()): string {
  if (!iso) return 'Never used';
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return `Used ${format.format(Math.round(seconds / size), unit)}`;
  }
  return 'Used just now';
}

/** The full date and time, for a tooltip. */
export function fullTime(iso: string | null): string | undefined {
  return iso ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : undefined;
}
