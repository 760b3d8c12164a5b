import { describe, expect, it } from 'vitest';
import { fromDatabaseLocal, likelyChangeWarning, logCoveredStart, toDatabaseLocal } from '../../electron/services/probes/db-time';
import { migrateV2 } from '../../electron/services/profiles/store';
import { newDraft, validate } from '../../renderer/src/pages/environments/draft';
import { emptyProfileForm, profileFormSchema } from '../../shared/profiles/schema';
import { canonicalZone, FIXED_OFFSET_ZONE, zoneFromWindowsName, zoneLocalToUtc, zoneOffsetMinutes } from '../../shared/profiles/time-zone';

/** New York falls back from UTC-04:00 to UTC-05:00 at 2026-11-01 06:00 UTC (02:00 EDT becomes 01:00 EST). */
const NY = { utcOffsetMinutes: -300, timeZone: 'America/New_York' };
const OFFSET_ONLY = { utcOffsetMinutes: -300 };

describe('conversions follow the zone per instant (domain.md 4d)', () => {
  it('writes each instant of a window at the offset of that instant, on each side of the change', () => {
    expect(toDatabaseLocal(new Date('2026-10-28T12:30:00.000Z'), NY, 'sqlserver')).toBe('2026-10-28T08:30:00.000');
    expect(toDatabaseLocal(new Date('2026-11-03T12:30:00.000Z'), NY, 'oracle')).toBe('2026-11-03T07:30:00.000');
    // One offset for the whole window puts the older side an hour early.
    expect(toDatabaseLocal(new Date('2026-10-28T12:30:00.000Z'), OFFSET_ONLY, 'sqlserver')).toBe('2026-10-28T07:30:00.000');
  });

  it('reads rows back at their own offset', () => {
    expect(fromDatabaseLocal('2026-10-28T08:15:00.000', NY)).toBe('2026-10-28T12:15:00.000Z');
    expect(fromDatabaseLocal('2026-11-03 07:30:00.000', NY)).toBe('2026-11-03T12:30:00.000Z');
    // A wall-clock time that happens twice is read as the first of the two.
    expect(fromDatabaseLocal('2026-11-01T01:30:00', NY)).toBe('2026-11-01T05:30:00.000Z');
    expect(fromDatabaseLocal('1900-01-01 00:00:00.000', NY)).toBeNull();
  });

  it('puts the start of the previous log cycle at the offset it had then', () => {
    // Now Wednesday 4 November (EST); the previous cycle began Friday 23 October 23:45 EDT.
    expect(logCoveredStart(NY, new Date('2026-11-04T12:00:00.000Z')).toISOString()).toBe('2026-10-24T03:45:00.000Z');
    expect(logCoveredStart(OFFSET_ONLY, new Date('2026-11-04T12:00:00.000Z')).toISOString()).toBe('2026-10-24T04:45:00.000Z');
  });

  it('zone helpers: offsets, wall clock to UTC in the spring gap, canonical names, SQL Server names', () => {
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.parse('2026-11-04T00:00:00Z'))).toBe(330);
    expect(new Date(zoneLocalToUtc('America/New_York', Date.parse('2026-03-08T02:30:00Z'))).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(canonicalZone('europe/lisbon')).toBe('Europe/Lisbon');
    expect(canonicalZone('Mars/Olympus')).toBeNull();
    expect(canonicalZone('+01:00')).toBeNull();
    expect(zoneFromWindowsName('(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna')).toBe('Europe/Amsterdam');
    expect(zoneFromWindowsName('(UTC-05:00) Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(zoneFromWindowsName('(UTC) Coordinated Universal Time')).toBe('UTC');
    expect(zoneFromWindowsName(null)).toBeNull();
  });
});

describe('only an offset known: a warning when the window crosses a likely change', () => {
  const since = new Date('2026-10-28T12:00:00.000Z');
  const until = new Date('2026-11-04T12:00:00.000Z');

  it('names zones at that offset that change inside the window', () => {
    const warning = likelyChangeWarning(OFFSET_ONLY, since, until);
    expect(warning).toMatch(
      /^The database's zone is known only as UTC-05:00, and zones at that offset \(America\/\w+, .*\) change their clocks between 2026-10-28 12:00 UTC and 2026-11-04 12:00 UTC/,
    );
    expect(warning).toContain("Set the environment's time zone.");
  });

  it('says nothing when the zone is known, the offset is fixed, or no zone changes in the window', () => {
    expect(likelyChangeWarning(NY, since, until)).toBeNull();
    expect(likelyChangeWarning({ ...OFFSET_ONLY, fixedOffset: true }, since, until)).toBeNull();
    expect(likelyChangeWarning(OFFSET_ONLY, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-14T00:00:00Z'))).toBeNull();
  });
});

describe("the profile's time zone", () => {
  const form = (timeZone: string) =>
    profileFormSchema.safeParse({ ...emptyProfileForm('sqlserver'), name: 'PRD', host: 'db', database: 'os', user: 'u', timeZone });

  it('takes an IANA name (kept as Intl spells it), "fixed offset", or nothing', () => {
    expect(form('europe/lisbon')).toMatchObject({ success: true, data: { timeZone: 'Europe/Lisbon' } });
    expect(form(FIXED_OFFSET_ZONE)).toMatchObject({ success: true, data: { timeZone: 'fixed-offset' } });
    expect(form('')).toMatchObject({ success: true, data: { timeZone: '' } });
  });

  it('refuses anything else with a sentence that names the field', () => {
    const result = form('Mars/Olympus');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({
      path: ['timeZone'],
      message:
        'Time zone "Mars/Olympus" is not an IANA time zone name such as Europe/Lisbon; choose one from the list, or fixed-offset when the clock never changes',
    });
  });

  it('profiles saved before it get an empty zone, everything else kept', () => {
    expect(migrateV2({ profiles: [{ name: 'PRD', hosting: 'self-managed' }], demoLastUsedAt: null })).toEqual({
      profiles: [{ timeZone: '', name: 'PRD', hosting: 'self-managed' }],
      demoLastUsedAt: null,
    });
  });
});

describe('the environment form', () => {
  it('shows the time zone refusal under its field, and keeps a good zone as Intl spells it', () => {
    const draft = { ...newDraft(true), name: 'PRD', host: 'db', database: 'os', user: 'u' };
    expect(validate({ ...draft, timeZone: 'Mars/Olympus' }).errors.timeZone).toMatch(/^Time zone "Mars\/Olympus" is not an IANA time zone name/);
    expect(validate({ ...draft, timeZone: 'america/new_york' }).form?.timeZone).toBe('America/New_York');
  });
});
