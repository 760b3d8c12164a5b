/**
 * Time zones of platform databases (domain.md 4a, 4d): the database and the front-ends share one
 * zone, which need not be UTC on a self-managed platform. One UTC offset for a 7 to 14-day window
 * is wrong across a daylight-saving change, so times are converted per instant with the zone's
 * rules, through Intl (the zone database Node and the browsers carry). Pure: no I/O.
 */

/** The profile's answer when the database runs at one offset all year (no daylight saving). */
export const FIXED_OFFSET_ZONE = 'fixed-offset';
export const FIXED_OFFSET_LABEL = 'Fixed offset (no daylight saving)';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * The IANA name as the zone list spells it ("europe/lisbon" -> "Europe/Lisbon"; "Asia/Kolkata"
 * stays so, though ICU calls it Asia/Calcutta), or null when Intl does not know the zone.
 */
export function canonicalZone(name: string): string | null {
  const trimmed = name.trim();
  if (!IANA_SHAPE.test(trimmed)) return null;
  const listed = knownZones().find((z) => z.toLowerCase() === trimmed.toLowerCase());
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    // An alias Intl accepts (Asia/Kolkata for its Asia/Calcutta) is kept as the engineer wrote it.
    return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
  } catch {
    return null;
  }
}

/** The zone's offset from UTC at an instant, in minutes east of UTC (-240 = UTC-04:00). */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const name = offsetFormatter(zone)
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  // Seconds appear for local mean time before 1900 ("GMT-04:56:02"): rounded to the minute.
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(name ?? '');
  if (!m) throw new Error(`Intl gave "${String(name)}" as the offset of ${zone}`);
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * Math.round(Number(m[2]) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 60);
}

/**
 * The UTC instant of a wall-clock time in the zone ("local ms": the wall-clock fields read as UTC).
 * Across a change some wall-clock times happen twice (autumn: the earlier instant is taken, the
 * log cannot tell them apart) and some never (spring: read with the offset before the change).
 */
export function zoneLocalToUtc(zone: string, localMs: number): number {
  const before = zoneOffsetMinutes(zone, localMs - 26 * HOUR);
  const after = zoneOffsetMinutes(zone, localMs + 26 * HOUR);
  // The earlier instant first: with the larger offset the same wall clock comes sooner.
  const candidates = [...new Set([before, after])].sort((a, b) => b - a).map((offset) => localMs - offset * MINUTE);
  for (const utc of candidates) if (zoneOffsetMinutes(zone, utc) * MINUTE === localMs - utc) return utc;
  return localMs - before * MINUTE;
}

/** Every zone Intl knows, for the profile's list and the likely-change check. */
export function knownZones(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

/**
 * Zones that stand at `offsetMinutes` at one end of the window and change their offset inside it:
 * where only an offset is known, these are the zones the database may be in, and their change may
 * shift the times of the window by the difference. Empty when none changes.
 */
export function zonesChangingBetween(offsetMinutes: number, sinceMs: number, untilMs: number): string[] {
  const changing: string[] = [];
  for (const zone of knownZones()) {
    const start = zoneOffsetMinutes(zone, sinceMs);
    const end = zoneOffsetMinutes(zone, untilMs);
    if (start !== end && (start === offsetMinutes || end === offsetMinutes)) changing.push(zone);
  }
  return changing;
}

/**
 * The IANA zone a SQL Server CURRENT_TIMEZONE() answer points to, e.g. "(UTC+01:00) Amsterdam,
 * Berlin, Bern, Rome, Stockholm, Vienna" -> "Europe/Amsterdam": the first city Intl knows as a
 * zone, or the zone of a US or UTC name. A suggestion for the engineer to confirm, never applied
 * silently: Windows names are not IANA names.
 */
export function zoneFromWindowsName(name: string | null | undefined): string | null {
  const text = (name ?? '').trim();
  if (!text) return null;
  const WELL_KNOWN: Array<[RegExp, string]> = [
    [/coordinated universal time|^\(UTC\)\s*$/i, 'UTC'],
    [/eastern time \(us/i, 'America/New_York'],
    [/central time \(us/i, 'America/Chicago'],
    [/mountain time \(us/i, 'America/Denver'],
    [/pacific time \(us/i, 'America/Los_Angeles'],
  ];
  for (const [pattern, zone] of WELL_KNOWN) if (pattern.test(text)) return zone;
  const cities = text
    .replace(/^\([^)]*\)\s*/, '')
    .split(',')
    .map((c) => c.trim().replace(/\s+/g, '_'))
    .filter(Boolean);
  const zones = knownZones();
  for (const city of cities) {
    const zone = zones.find((z) => z.toLowerCase().endsWith(`/${city.toLowerCase()}`));
    if (zone) return zone;
  }
  return null;
}
