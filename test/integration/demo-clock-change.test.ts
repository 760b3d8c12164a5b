import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSeededDatabase,
  DEMO_PROFILE_ID,
  demoDatabaseFile,
  forgetDemoDatabase,
  openDemoConnection,
  resetDemoDatabase,
} from '../../electron/services/demo/connect';
import { scenarioSeeds } from '../../electron/services/demo/seeds';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { demoProbesAt } from '../support/demo-probes';
import { servicesOnTempFolders } from '../support/services';
import { SEARCH_432, THREADS } from '../support/concurrency';

/**
 * The demo in a zone with a daylight-saving change inside the window (domain.md 4d): New York fell
 * back from UTC-04:00 to UTC-05:00 on 2026-11-01 at 06:00 UTC. The log holds local wall-clock
 * text, as a platform database does; the counts and times must come out right on both sides.
 */
const NOW = new Date('2026-11-04T12:00:00.000Z');
const ERROR = 'Error sending email {id}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information';
const at = (iso: string, id: number) => ({ instant: new Date(iso), server: 'FE01', message: ERROR.replace('{id}', String(id)), module: 'EmailSender' });
/** Before the change (EDT) the window starts at 12:30 UTC, 08:30 local: 12:15 is outside, 12:45 inside. */
const ERRORS = [at('2026-10-28T12:15:00.000Z', 1), at('2026-10-28T12:45:00.000Z', 2), at('2026-10-30T13:00:00.000Z', 3), at('2026-11-03T14:00:00.000Z', 4)];

const seeded = demoProbesAt(NOW, 'st-clock-change-');
const demo = (clock: { timeZone?: string; utcOffsetMinutes?: number }) => seeded((now) => ({ ...scenarioSeeds.smtpAuth(now), errors: ERRORS }), clock);

describe('the demo across a daylight-saving change', () => {
  it('stores each instant at the offset it had: EDT before the change, EST after', async () => {
    const { dataDir } = await demo({ timeZone: 'America/New_York' });
    const conn = await openDemoConnection(dataDir);
    const rows = await conn.query<{ INSTANT: string }>('SELECT INSTANT FROM OSLOG_ERROR_PREVIOUS UNION ALL SELECT INSTANT FROM OSLOG_ERROR ORDER BY INSTANT');
    expect(rows.map((r) => r.INSTANT)).toEqual(['2026-10-28 08:15:00.000', '2026-10-28 08:45:00.000', '2026-10-30 09:00:00.000', '2026-11-03 09:00:00.000']);
  });

  it('with the zone, a window that starts before the change counts exactly the errors inside it, at their true times', async () => {
    const { api } = await demo({ timeZone: 'America/New_York' });
    const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: '2026-10-28T12:30:00.000Z' });
    expect(result.count).toBe(3);
    expect(result.firstSeen).toBe('2026-10-28T12:45:00.000Z');
    expect(result.lastSeen).toBe('2026-11-03T14:00:00.000Z');
    expect(result.perHour.map((h) => h.hour)).toEqual(['2026-10-28T12:00:00.000Z', '2026-10-30T13:00:00.000Z', '2026-11-03T14:00:00.000Z']);
    // The previous cycle began Friday 23 October 23:45 EDT.
    expect(result.coveredStart).toBe('2026-10-24T03:45:00.000Z');
    expect(result.clock).toMatchObject({ utcOffsetMinutes: -300, summary: 'UTC-05:00 (America/New_York), in step with this computer' });
    expect(result.summary).not.toContain('known only as');
  });

  it('with only the offset known, the same window says it may be an hour off across the change', async () => {
    const { api } = await demo({ utcOffsetMinutes: -300 });
    const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: '2026-10-28T12:30:00.000Z' });
    expect(result.summary).toContain("The database's zone is known only as UTC-05:00, and zones at that offset");
    expect(result.summary).toContain('times on the other side of the change may be an hour off');
  });

  it('a fixed offset stored by an older demo reset still works: demo.reset with an offset clears the zone', async () => {
    const { api, dataDir } = await demo({ timeZone: 'America/New_York' });
    await resetDemoDatabase(dataDir, { now: () => NOW, utcOffsetMinutes: 60 });
    const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 1 });
    expect(result.clock).toMatchObject({ utcOffsetMinutes: 60, summary: 'UTC+01:00, in step with this computer' });
    await expect(resetDemoDatabase(dataDir, { now: () => NOW, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'invalid_input', field: 'timeZone' });
  });
});

describe('demo.reset takes a zone', () => {
  const servicesOnce = servicesOnTempFolders('st-demo-zone-');

  it('an IANA zone: the demo clock names it; anything else is refused on the field', async () => {
    const { services } = await servicesOnce();
    const api = createInProcessClient(services);
    expect(await api['demo.reset']({ scenario: 'smtp-auth', timeZone: 'America/New_York' })).toEqual({ reset: true });
    const { clock } = await services.probes.readParameter(DEMO_PROFILE_ID, THREADS);
    expect(clock!.summary).toMatch(/^UTC-0[45]:00 \(America\/New_York\), in step with this computer$/);
    await expect(api['demo.reset']({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'invalid_input', field: 'timeZone' });
    // {} keeps the zone it has.
    expect(await api['demo.reset']({})).toEqual({ reset: true });
    expect((await services.probes.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.summary).toContain('(America/New_York)');
  });
});

describe('a demo saved before zones', () => {
  const servicesOnce = servicesOnTempFolders('st-demo-v2-');

  it('is brought forward with its data, not moved aside', async () => {
    const { dataDir } = await servicesOnce();
    const db = await createSeededDatabase(scenarioSeeds.smtpAuth(NOW), NOW, -300);
    db.run('ALTER TABLE DEMO_CLOCK DROP COLUMN ZONE');
    db.run('PRAGMA user_version = 2');
    const file = demoDatabaseFile(dataDir);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, db.export());
    db.close();
    await forgetDemoDatabase(dataDir);
    const notices: string[] = [];
    const conn = await openDemoConnection(dataDir, { onNotice: (m) => notices.push(m) });
    expect(await conn.query('SELECT UTC_OFFSET_MINUTES AS O, ZONE AS Z FROM DEMO_CLOCK')).toEqual([{ O: -300, Z: null }]);
    expect(notices).toEqual([]);
  });
});
