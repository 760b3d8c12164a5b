/**
 * Times in UTC with the zone named ("02 May 2025, 14:03 UTC"), so a report, an event log or a
 * ticket reads the same wherever it is opened.
 */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "02 May 2025, 14:03 UTC", or the fallback when the time is missing or unreadable. */
export function formatTime(iso: string | null | undefined, fallback = 'not recorded'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${dateTime.format(date)} UTC`;
}
