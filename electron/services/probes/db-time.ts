import type { DbClock } from '../../../shared/probes/types';
import {
  canonicalZone,
  FIXED_OFFSET_ZONE,
  zoneFromWindowsName,
  zoneLocalToUtc,
  zoneOffsetMinutes,
  zonesChangingBetween,
} from '../../../shared/profiles/time-zone';
import type { DbConnection, DbEngine } from '../db/types';
import { clockSql, sqlServerZoneNameSql } from './sql/clock';

/**
 * Times on a platform database (domain.md 4a). O11 stores INSTANT, SENT, CREATED... as the local
 * wall-clock time of the database and its front-ends, without a zone. Every window is therefore
 * built in that local time and every time read is converted back to UTC with the offset the probe
 * measured: UTC = local - offset.
 *
 * Values travel as text, never as JS Dates, so no driver applies its own zone: mssql/tedious would
 * send a Date's UTC fields (useUTC) and node-oracledb would read a DATE in this Node process's zone.
 * The SQL converts the text explicitly (sql/engine-sql.ts `localTimeParam`): SQL Server
 * CONVERT(datetime, @p, 126), Oracle TO_TIMESTAMP(:p, 'YYYY-MM-DD"T"HH24:MI:SS.FF3'), and the demo
 * stores the same text it compares. Rows come back as text too (CONVERT(..., 126), TO_CHAR with FF3); a Date that still
 * arrives (mssql with useUTC) carries the wall-clock time in its UTC fields and is read that way.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Skew above this is worth a warning: short "since the restart" windows can be off by that much. */
export const SKEW_WARNING_SECONDS = 60;

/**
 * What a conversion needs: the offset measured now and, when known, the database's IANA zone. With
 * a zone, every instant gets the zone's own offset (domain.md 4d: one offset for a 7 to 14-day
 * window is wrong across a daylight-saving change); without one, the measured offset is used.
 */
export type ClockOffset = Pick<DbClock, 'utcOffsetMinutes'> & { timeZone?: string | null };

/** A clock as the readers take it: the offset, the zone when known, and whether the offset is fixed all year. */
export type ZonedClockOffset = ClockOffset & { fixedOffset?: boolean };

/** The clock a probe read, with the zone it converts by and what it says about that zone. */
export type ZonedClock = DbClock & {
  /** The IANA zone conversions follow; absent when only the offset is known. */
  timeZone?: string;
  /** Where the zone came from, or that only an offset is known. */
  zoneNote?: string;
  /** The profile says the database runs at one offset all year: no daylight-saving warning. */
  fixedOffset?: boolean;
};

/** The offset (minutes east of UTC) at an instant: the zone's rules, else the measured offset. */
export function offsetAt(clock: ClockOffset, utcMs: number): number {
  return clock.timeZone ? zoneOffsetMinutes(clock.timeZone, utcMs) : clock.utcOffsetMinutes;
}

/** The UTC instant of a database-local wall-clock time (local ms). */
export function localToUtcMs(clock: ClockOffset, localMs: number): number {
  return clock.timeZone ? zoneLocalToUtc(clock.timeZone, localMs) : localMs - clock.utcOffsetMinutes * MINUTE;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Wall-clock fields of `ms` read as UTC: "YYYY-MM-DD?HH:MM:SS.mmm" with `sep` between date and time. */
function wallClockText(ms: number, sep: 'T' | ' ', millis: boolean): string {
  const d = new Date(ms);
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return millis ? `${text}.${pad(d.getUTCMilliseconds(), 3)}` : text;
}

/**
 * The database-local wall-clock text of a UTC instant, in the form each dialect's SQL converts:
 * SQL Server and Oracle "2026-12-02T04:10:00.123" (style 126; TO_TIMESTAMP with FF3, since INSTANT
 * is a TIMESTAMP with fractional seconds, domain.md 4d), demo "2026-12-02 04:10:00.123" (as stored).
 */
export function toDatabaseLocal(utc: Date, clock: ClockOffset, engine: DbEngine): string {
  return localText(utc.getTime() + offsetAt(clock, utc.getTime()) * MINUTE, engine);
}

/** A wall-clock time (local ms) as the engine's SQL reads it: "2026-12-02T04:10:00.123", demo "2026-12-02 04:10:00.123". */
export function localText(localMs: number, engine: DbEngine): string {
  return wallClockText(localMs, engine === 'demo' ? ' ' : 'T', true);
}

/** How the demo stores a wall-clock time: "2026-12-02 04:10:00.123", no zone, like a platform database. */
export function demoLocalText(utc: Date, clock: ClockOffset | number): string {
  return toDatabaseLocal(utc, typeof clock === 'number' ? { utcOffsetMinutes: clock } : clock, 'demo');
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/**
 * A wall-clock value as epoch milliseconds of the same fields in UTC ("local ms"), or null when it
 * is not a time. Text without a zone is read field by field; a Date is read from its UTC fields.
 */
export function localMillis(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  const m = WALL_CLOCK.exec(String(value).trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, f] = m;
  const ms = f ? Number(f.slice(0, 3).padEnd(3, '0')) : 0;
  const out = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  return Number.isNaN(out) ? null : out;
}

/**
 * A database-local time read from a row, as an ISO UTC string. OutSystems writes "no date" as
 * 1900-01-01; NULL, that date and anything unreadable give null.
 */
export function fromDatabaseLocal(value: unknown, clock: ClockOffset): string | null {
  const local = localMillis(value);
  if (local === null || new Date(local).getUTCFullYear() <= 1900) return null;
  return new Date(localToUtcMs(clock, local)).toISOString();
}

/** "UTC-05:00", "UTC+05:30", "UTC+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * "UTC-05:00, 4 s behind this computer", "UTC+05:30, in step with this computer"; over a minute the
 * sentence says what it means for the windows.
 */
export function describeClock(utcOffsetMinutes: number, skewSeconds: number, timeZone?: string): string {
  const zone = `${formatOffset(utcOffsetMinutes)}${timeZone ? ` (${timeZone})` : ''}`;
  if (skewSeconds === 0) return `${zone}, in step with this computer`;
  const abs = Math.abs(skewSeconds);
  const text = `${zone}, ${abs} s ${skewSeconds < 0 ? 'behind' : 'ahead of'} this computer`;
  return abs > SKEW_WARNING_SECONDS ? `${text}: a clock off by more than a minute can move errors in or out of a short window` : text;
}

export function makeClock(utcOffsetMinutes: number, databaseLocalMs: number, computerMs: number): DbClock {
  const skewSeconds = Math.round((databaseLocalMs - utcOffsetMinutes * MINUTE - computerMs) / 1000);
  return {
    utcOffsetMinutes,
    skewSeconds,
    databaseLocalTime: wallClockText(databaseLocalMs, 'T', true),
    summary: describeClock(utcOffsetMinutes, skewSeconds),
  };
}

/**
 * The zone conversions follow (domain.md 4d): the profile's IANA zone; else the one the database
 * names (the demo keeps one; SQL Server 2019+ CURRENT_TIMEZONE() gives a Windows name, offered as
 * a suggestion only); else none, and only the offset measured now is known. A zone whose offset
 * now differs from the database's is not used: the sentence says so.
 */
function zoneOf(
  engine: DbEngine,
  row: Record<string, unknown> | undefined,
  profileZone: string | null | undefined,
  offsetNow: number,
  nowMs: number,
): Pick<ZonedClock, 'timeZone' | 'zoneNote' | 'fixedOffset'> & { tell?: boolean } {
  if (profileZone === FIXED_OFFSET_ZONE) return { fixedOffset: true, zoneNote: 'fixed offset all year, as the environment says' };
  const named = typeof row?.ZONE_NAME === 'string' ? row.ZONE_NAME.trim() : '';
  const fromProfile = profileZone ? canonicalZone(profileZone) : null;
  const fromDatabase = engine === 'demo' ? canonicalZone(named) : null;
  const zone = fromProfile ?? fromDatabase;
  if (zone) {
    const at = zoneOffsetMinutes(zone, nowMs);
    if (at !== offsetNow) {
      return {
        tell: true,
        zoneNote: `${zone} is at ${formatOffset(at)} now but the database answered ${formatOffset(offsetNow)}: the measured offset is used; check the environment's time zone`,
      };
    }
    return { timeZone: zone, zoneNote: fromProfile ? `${zone}, as the environment says` : `${zone}, as the database names it` };
  }
  const suggestion = engine === 'sqlserver' ? zoneFromWindowsName(named) : null;
  return {
    tell: suggestion !== null,
    zoneNote: suggestion
      ? `only the offset is known; SQL Server names its zone "${named}": set the environment's time zone to ${suggestion} if that is right`
      : "only the offset is known: set the environment's time zone (an IANA name, or fixed offset)",
  };
}

/**
 * Reads the database clock on `conn` (the probe's own connection), with the zone conversions
 * follow (`profileZone`: the environment's answer, see zoneOf). The demo has no clock of its own:
 * its time is `now()` at the offset of its zone (DEMO_CLOCK), so it is always in step.
 */
export async function readClock(conn: DbConnection, now: () => Date, signal?: AbortSignal, profileZone?: string | null): Promise<ZonedClock> {
  const before = now().getTime();
  const [row] = await conn.query<Record<string, unknown>>(clockSql[conn.engine], {}, { signal });
  const after = now().getTime();
  const offset = Math.round(Number(row?.OFFSET_MINUTES ?? 0));
  let utcOffsetMinutes = Number.isFinite(offset) && offset >= -720 && offset <= 840 ? offset : 0;
  let clock: DbClock;
  if (conn.engine === 'demo') {
    // The demo's zone, when it keeps one, decides its offset now.
    const demoZone = canonicalZone(typeof row?.ZONE_NAME === 'string' ? row.ZONE_NAME : '');
    if (demoZone) utcOffsetMinutes = zoneOffsetMinutes(demoZone, after);
    clock = makeClock(utcOffsetMinutes, after + utcOffsetMinutes * MINUTE, after);
  } else {
    const local = localMillis(row?.LOCAL_NOW);
    if (local === null) throw new Error(`The database answered its clock with "${String(row?.LOCAL_NOW)}", which is not a time`);
    // The clock was read somewhere between before and after: compare with the middle.
    clock = makeClock(utcOffsetMinutes, local, Math.round((before + after) / 2));
  }
  const named = conn.engine === 'sqlserver' && !profileZone ? await sqlServerZoneName(conn, signal) : null;
  const { tell, ...zone } = zoneOf(conn.engine, named ? { ...row, ZONE_NAME: named } : row, profileZone, utcOffsetMinutes, after);
  // The sentence names the zone when known; a zone that does not fit, or one SQL Server suggests, is said too.
  const summary = `${describeClock(utcOffsetMinutes, clock.skewSeconds, zone.timeZone)}${tell ? `; ${zone.zoneNote}` : ''}`;
  return { ...clock, ...zone, summary };
}

/** SQL Server's own name of its zone (2019 and later), or null: only a suggestion, so a failure costs nothing. */
async function sqlServerZoneName(conn: DbConnection, signal?: AbortSignal): Promise<string | null> {
  try {
    const [row] = await conn.query<Record<string, unknown>>(sqlServerZoneNameSql, {}, { signal });
    return typeof row?.ZONE_NAME === 'string' && row.ZONE_NAME.trim() ? row.ZONE_NAME.trim() : null;
  } catch {
    return null;
  }
}

/**
 * Where only an offset is known (no zone, and not said to be fixed), a sentence when the window may
 * cross a daylight-saving change: zones at this offset that change inside the window, and what it
 * means for the times. Null when no such zone changes, or when the zone is known.
 */
export function likelyChangeWarning(clock: ZonedClockOffset, since: Date, until: Date): string | null {
  if (clock.timeZone || clock.fixedOffset) return null;
  const zones = zonesChangingBetween(clock.utcOffsetMinutes, since.getTime(), until.getTime());
  if (zones.length === 0) return null;
  const examples = zones.slice(0, 3).join(', ');
  return `The database's zone is known only as ${formatOffset(clock.utcOffsetMinutes)}, and zones at that offset (${examples}${zones.length > 3 ? ', ...' : ''}) change their clocks between ${formatUtcMinute(since)} and ${formatUtcMinute(until)}: times on the other side of the change may be an hour off. Set the environment's time zone.`;
}

/** The database's local time now, as this computer sees it, in local ms. */
function localNowMs(clock: ClockOffset, now: Date): number {
  return now.getTime() + offsetAt(clock, now.getTime()) * MINUTE;
}

/**
 * The log rotates weekly on Fridays at 23:45 database time; the cycle number is the weeks since
 * 2000-01-01 mod 10 (domain.md 4a). Friday 1999-12-31 23:45 is the first boundary.
 */
const FIRST_ROTATION = Date.UTC(1999, 11, 31, 23, 45);

/** Start of the weekly log cycle holding `localMs` (local ms), and its number 0..9. */
export function logCycle(localMs: number): { start: number; number: number } {
  const weeks = Math.floor((localMs - FIRST_ROTATION) / WEEK);
  return { start: FIRST_ROTATION + weeks * WEEK, number: ((weeks % 10) + 10) % 10 };
}

/**
 * Oldest time OSLOG_ERROR and OSLOG_ERROR_PREVIOUS can hold together: the start of the previous
 * cycle, in UTC. Between 7 and 14 days before `now`.
 */
export function logCoveredStart(clock: ClockOffset, now: Date): Date {
  const current = logCycle(localNowMs(clock, now)).start;
  // The previous cycle began a week of wall-clock time earlier, at the offset of that moment.
  return new Date(localToUtcMs(clock, current - WEEK));
}

/** "2026-11-23 23:45 UTC". */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
