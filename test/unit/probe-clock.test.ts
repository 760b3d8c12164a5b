import { describe, expect, it } from 'vitest';
import type { DbConnection, DbEngine, SqlParams } from '../../electron/services/db/types';
import { describeClock, formatOffset, fromDatabaseLocal, logCoveredStart, logCycle, readClock, toDatabaseLocal } from '../../electron/services/probes/db-time';
import { readErrors } from '../../electron/services/probes/read-errors';
import { CONCURRENCY_MESSAGES } from '../../electron/services/demo/texts';
import { SEARCH_432 } from '../support/concurrency';

/**
 * The database clock and database-local time (domain.md 4a): O11 keeps INSTANT in the database's
 * local time, so windows go in as local wall-clock text and times come back to UTC with the offset
 * the probe measured. Drivers are kept out of it: values travel as text.
 */

/** A connection that answers like a real engine's driver, by the statement's shape; records what it was asked. */
function fakeConnection(engine: DbEngine, answer: (sql: string, params?: SqlParams) => Array<Record<string, unknown>>) {
  const asked: Array<{ sql: string; params?: SqlParams }> = [];
  const conn: DbConnection = {
    engine,
    query: async <T>(sql: string, params?: SqlParams) => {
      asked.push({ sql, params });
      return answer(sql, params) as T[];
    },
    execute: async () => {
      throw new Error('no writes here');
    },
    transaction: (work) => work(conn),
    serverVersion: async () => engine,
    close: async () => undefined,
  };
  return { conn, asked };
}

describe('the clock in words', () => {
  it('names the offset and always the skew', () => {
    expect(formatOffset(-300)).toBe('UTC-05:00');
    expect(formatOffset(330)).toBe('UTC+05:30');
    expect(formatOffset(0)).toBe('UTC+00:00');
    expect(formatOffset(-570)).toBe('UTC-09:30');
    expect(describeClock(-300, -4)).toBe('UTC-05:00, 4 s behind this computer');
    expect(describeClock(330, 0)).toBe('UTC+05:30, in step with this computer');
    expect(describeClock(60, 12)).toBe('UTC+01:00, 12 s ahead of this computer');
  });

  it('warns when the clocks are more than a minute apart', () => {
    expect(describeClock(0, 60)).toBe('UTC+00:00, 60 s ahead of this computer');
    expect(describeClock(0, -95)).toMatch(
      /^UTC\+00:00, 95 s behind this computer: a clock off by more than a minute can move errors in or out of a short window$/,
    );
  });
});

describe('database-local time', () => {
  const instant = new Date('2026-12-02T15:04:05.678Z');

  it('builds each dialect’s local text from a UTC instant', () => {
    expect(toDatabaseLocal(instant, { utcOffsetMinutes: -300 }, 'sqlserver')).toBe('2026-12-02T10:04:05.678');
    expect(toDatabaseLocal(instant, { utcOffsetMinutes: 330 }, 'sqlserver')).toBe('2026-12-02T20:34:05.678');
    // Oracle's INSTANT is a TIMESTAMP: the milliseconds are kept, so an event in a window's first second is not dropped.
    expect(toDatabaseLocal(instant, { utcOffsetMinutes: -300 }, 'oracle')).toBe('2026-12-02T10:04:05.678');
    expect(toDatabaseLocal(instant, { utcOffsetMinutes: 0 }, 'demo')).toBe('2026-12-02 15:04:05.678');
    // Across midnight and a month end.
    expect(toDatabaseLocal(new Date('2026-11-30T20:00:00Z'), { utcOffsetMinutes: 330 }, 'sqlserver')).toBe('2026-12-01T01:30:00.000');
  });

  it('reads local text and driver Dates back to UTC: UTC = local - offset', () => {
    expect(fromDatabaseLocal('2026-12-02T10:04:05.678', { utcOffsetMinutes: -300 })).toBe('2026-12-02T15:04:05.678Z');
    expect(fromDatabaseLocal('2026-12-02 20:34:05.678', { utcOffsetMinutes: 330 })).toBe('2026-12-02T15:04:05.678Z');
    // SQL Server style 126 leaves the fraction out when it is zero; datetime2 has seven digits.
    expect(fromDatabaseLocal('2026-12-02T10:04:05', { utcOffsetMinutes: -300 })).toBe('2026-12-02T15:04:05.000Z');
    expect(fromDatabaseLocal('2026-12-02T10:04:05.6781234', { utcOffsetMinutes: -300 })).toBe('2026-12-02T15:04:05.678Z');
    // mssql (useUTC) hands a DATETIME over as a Date whose UTC fields are the local wall clock.
    expect(fromDatabaseLocal(new Date('2026-12-02T10:04:05.678Z'), { utcOffsetMinutes: -300 })).toBe('2026-12-02T15:04:05.678Z');
  });

  it('treats NULL, 1900-01-01 and anything that is not a time as no time', () => {
    expect(fromDatabaseLocal(null, { utcOffsetMinutes: 0 })).toBeNull();
    expect(fromDatabaseLocal('1900-01-01 00:00:00.000', { utcOffsetMinutes: -300 })).toBeNull();
    expect(fromDatabaseLocal('1900-01-01T00:00:00', { utcOffsetMinutes: 330 })).toBeNull();
    expect(fromDatabaseLocal('yesterday', { utcOffsetMinutes: 0 })).toBeNull();
  });
});

describe('reading the clock', () => {
  it('SQL Server five hours west, 4 s behind this computer', async () => {
    const { conn, asked } = fakeConnection('sqlserver', () => [
      { LOCAL_NOW: '2026-12-02T04:09:56.000', OFFSET_NOW: '2026-12-02T04:09:56.0000000-05:00', OFFSET_MINUTES: -300 },
    ]);
    const clock = await readClock(conn, () => new Date('2026-12-02T09:10:00.000Z'));
    expect(clock).toEqual({
      utcOffsetMinutes: -300,
      skewSeconds: -4,
      databaseLocalTime: '2026-12-02T04:09:56.000',
      summary: 'UTC-05:00, 4 s behind this computer',
      zoneNote: "only the offset is known: set the environment's time zone (an IANA name, or fixed offset)",
    });
    expect(asked[0]!.sql).toContain('SYSDATETIMEOFFSET()');
  });

  it('Oracle at UTC+05:30, in step', async () => {
    const { conn, asked } = fakeConnection('oracle', () => [
      { LOCAL_NOW: '2026-12-02T14:40:00.200', SESSION_NOW: '2026-12-02T09:10:00.200', OFFSET_MINUTES: 330 },
    ]);
    const clock = await readClock(conn, () => new Date('2026-12-02T09:10:00.000Z'));
    expect(clock).toMatchObject({ utcOffsetMinutes: 330, skewSeconds: 0, summary: 'UTC+05:30, in step with this computer' });
    expect(asked[0]!.sql).toContain('SYSTIMESTAMP');
  });

  it('refuses an answer that is not a time rather than guess', async () => {
    const { conn } = fakeConnection('sqlserver', () => [{ LOCAL_NOW: null, OFFSET_MINUTES: 0 }]);
    await expect(readClock(conn, () => new Date())).rejects.toThrow(/not a time/);
  });
});

describe('the zone of the clock (domain.md 4d)', () => {
  const sqlServerAt = (offset: number, zoneName: string | null) =>
    fakeConnection('sqlserver', (sql) =>
      sql.includes('CURRENT_TIMEZONE()') ? [{ ZONE_NAME: zoneName }] : [{ LOCAL_NOW: '2026-12-02T10:10:00.000', OFFSET_NOW: '', OFFSET_MINUTES: offset }],
    );
  const now = () => new Date('2026-12-02T09:10:00.000Z');

  it('SQL Server 2019+ names its zone: the IANA name is suggested, never applied by itself', async () => {
    const { conn, asked } = sqlServerAt(60, '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna');
    const clock = await readClock(conn, now);
    expect(clock.timeZone).toBeUndefined();
    expect(clock.summary).toBe(
      'UTC+01:00, in step with this computer; only the offset is known; SQL Server names its zone "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna": set the environment\'s time zone to Europe/Amsterdam if that is right',
    );
    // Only on versions that know the function: older ones would refuse the whole batch.
    expect(asked[1]!.sql).toContain("IF CAST(SERVERPROPERTY('ProductMajorVersion') AS int) >= 15");
  });

  it("the environment's zone is used when it fits the offset the database answers, and said when it does not", async () => {
    const fits = await readClock(sqlServerAt(60, null).conn, now, undefined, 'Europe/Amsterdam');
    expect(fits).toMatchObject({ timeZone: 'Europe/Amsterdam', summary: 'UTC+01:00 (Europe/Amsterdam), in step with this computer' });
    const off = await readClock(sqlServerAt(60, null).conn, now, undefined, 'Asia/Kolkata');
    expect(off.timeZone).toBeUndefined();
    expect(off.summary).toContain('Asia/Kolkata is at UTC+05:30 now but the database answered UTC+01:00: the measured offset is used');
    const fixed = await readClock(sqlServerAt(60, null).conn, now, undefined, 'fixed-offset');
    expect(fixed).toMatchObject({ fixedOffset: true, summary: 'UTC+01:00, in step with this computer' });
  });
});

describe('the weekly log cycles', () => {
  it('rotate on Fridays at 23:45 local time, numbered by weeks since 2000-01-01 mod 10', () => {
    const friday = Date.UTC(2026, 10, 27, 23, 45); // Friday 2026-11-27 23:45
    expect(logCycle(friday).start).toBe(friday);
    expect(logCycle(friday - 1).start).toBe(friday - 7 * 86_400_000);
    expect(logCycle(Date.UTC(2026, 11, 2, 12)).start).toBe(friday);
    const weeks = Math.floor((friday - Date.UTC(1999, 11, 31, 23, 45)) / (7 * 86_400_000));
    expect(logCycle(friday).number).toBe(weeks % 10);
    expect(logCycle(friday + 7 * 86_400_000).number).toBe((weeks + 1) % 10);
  });

  it('cover from the start of the previous cycle, in the database’s local time', () => {
    const now = new Date('2026-12-02T15:00:00Z'); // a Wednesday
    expect(logCoveredStart({ utcOffsetMinutes: 0 }, now).toISOString()).toBe('2026-11-20T23:45:00.000Z');
    // 23:45 local five hours west is 04:45 UTC the next day.
    expect(logCoveredStart({ utcOffsetMinutes: -300 }, now).toISOString()).toBe('2026-11-21T04:45:00.000Z');
    expect(logCoveredStart({ utcOffsetMinutes: 330 }, now).toISOString()).toBe('2026-11-20T18:15:00.000Z');
  });
});

describe('the 432 search on a SQL Server five hours west of UTC', () => {
  const now = new Date('2026-12-02T15:00:00.000Z');
  const clock = { utcOffsetMinutes: -300 };
  const answer = (sql: string) =>
    /OSLOG_ERROR_PREVIOUS/.test(sql)
      ? []
      : [
          // What the log holds: local 09:30, i.e. 14:30 UTC, after a restart at 14:00 UTC (09:00 local).
          { ID: 2, LOCAL_INSTANT: '2026-12-02T09:30:00.000', SERVER: 'FE01', MESSAGE: CONCURRENCY_MESSAGES[0]!.replace('{id}', '7') },
          { ID: 1, LOCAL_INSTANT: '2026-12-02T09:10:00', SERVER: 'FE02', MESSAGE: CONCURRENCY_MESSAGES[1]!.replace('{id}', '8') },
        ];

  it('asks for the window in local time and reports the rows in UTC', async () => {
    const { conn, asked } = fakeConnection('sqlserver', answer);
    const result = await readErrors(conn, { ...SEARCH_432, since: '2026-12-02T14:00:00.000Z' }, now, clock);
    const search = asked.filter((a) => /OSLOG_ERROR/.test(a.sql));
    expect(search).toHaveLength(2);
    for (const a of search) expect(a.params).toMatchObject({ since: '2026-12-02T09:00:00.000', until: '2026-12-02T10:00:00.000' });
    expect(result).toMatchObject({
      count: 2,
      firstSeen: '2026-12-02T14:10:00.000Z',
      lastSeen: '2026-12-02T14:30:00.000Z',
      windowStart: '2026-12-02T14:00:00.000Z',
      windowEnd: now.toISOString(),
    });
    expect(result.summary).toBe('2 occurrences of the 432 concurrency error over the last 60 minutes, on 2 servers.');
  });

  it('a window built from this computer’s UTC clock would have missed them: the local window is what counts', async () => {
    const { conn } = fakeConnection('sqlserver', (sql, params) =>
      answer(sql).filter((row) => String(row.LOCAL_INSTANT) >= String(params!.since) && String(row.LOCAL_INSTANT) < String(params!.until)),
    );
    expect((await readErrors(conn, { ...SEARCH_432, since: '2026-12-02T14:00:00.000Z' }, now, clock)).count).toBe(2);
    // Read as if the database were at UTC, the same rows fall before the window.
    expect((await readErrors(conn, { ...SEARCH_432, since: '2026-12-02T14:00:00.000Z' }, now, { utcOffsetMinutes: 0 })).count).toBe(0);
  });
});
