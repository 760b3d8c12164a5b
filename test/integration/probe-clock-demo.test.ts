import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { DEMO_PROFILE_ID, forgetDemoDatabase, openDemoConnection, resetDemoDatabase } from '../../electron/services/demo/connect';
import { incidentSeed } from '../../electron/services/demo/scenarios/concurrency';
import { createProbeApi } from '../../electron/services/probes/service';
import { removeDir, tempDataDir } from '../support/host';
import { demoSource } from '../support/probe-faults';
import { SEARCH_432, THREADS, isConcurrencyError } from '../support/concurrency';

/**
 * The same incident (the same real instants) seeded in the demo at three database time zones:
 * every count and every time the probes report must be the same, in UTC, whatever the zone.
 */
const NOW = new Date('2026-12-02T15:00:00.000Z'); // a Wednesday: the log views hold 11 days
const MINUTE = 60_000;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

function deps(dataDir: string): ServiceDeps {
  return { dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => NOW };
}

async function demoAt(utcOffsetMinutes: number | undefined) {
  const dataDir = tempDataDir('st-demo-zone-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW, ...(utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes }) });
  return { dataDir, api: createProbeApi(deps(dataDir), demoSource(dataDir, NOW)) };
}

const seeded432 = incidentSeed(NOW).errors.filter((e) => isConcurrencyError(e.message));
const within = (iso: string | null, expected: Date) => Math.abs(new Date(iso!).getTime() - expected.getTime()) <= MINUTE;

describe.each([
  { offset: -300, zone: 'UTC-05:00' },
  { offset: 0, zone: 'UTC+00:00' },
  { offset: 330, zone: 'UTC+05:30' },
])('the demo at $zone', ({ offset, zone }) => {
  it('measures its own clock: the zone it was reset to, in step with this computer', async () => {
    const { api } = await demoAt(offset);
    const { clock } = await api.readParameter(DEMO_PROFILE_ID, THREADS);
    expect(clock).toMatchObject({ utcOffsetMinutes: offset, skewSeconds: 0, summary: `${zone}, in step with this computer` });
    expect(new Date(`${clock!.databaseLocalTime}Z`).getTime() - NOW.getTime()).toBe(offset * MINUTE);
  });

  it('stores INSTANT as local wall-clock text, like a platform database', async () => {
    const { dataDir } = await demoAt(offset);
    const conn = await openDemoConnection(dataDir);
    const [row] = await conn.query<{ LAST: string }>('SELECT MAX(INSTANT) AS LAST FROM OSLOG_ERROR');
    const newest = new Date(Math.max(...incidentSeed(NOW).errors.map((e) => e.instant.getTime())));
    expect(row!.LAST).toBe(new Date(newest.getTime() + offset * MINUTE).toISOString().replace('T', ' ').replace('Z', ''));
  });

  it('finds the same 84 errors with the same first and last instants in UTC', async () => {
    const { api } = await demoAt(offset);
    const result = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    const times = seeded432.map((e) => e.instant.getTime());
    expect(result.count).toBe(84);
    expect(within(result.firstSeen, new Date(Math.min(...times)))).toBe(true);
    expect(within(result.lastSeen, new Date(Math.max(...times)))).toBe(true);
    expect(result.windowStart).toBe('2026-11-25T15:00:00.000Z');
    expect(result.clock!.utcOffsetMinutes).toBe(offset);
  });

  it('counts exactly the errors since a given time (a restart)', async () => {
    const { api } = await demoAt(offset);
    for (const hoursBack of [3, 30, 80]) {
      const since = new Date(NOW.getTime() - hoursBack * 60 * MINUTE);
      const expected = seeded432.filter((e) => e.instant >= since).length;
      const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: since.toISOString() });
      expect(result.count, `since ${since.toISOString()}`).toBe(expected);
      expect(result.windowStart).toBe(since.toISOString());
      for (const s of result.samples) expect(s.instant >= since.toISOString()).toBe(true);
    }
  });

  it('states the covered start of the log views in UTC, from the Friday 23:45 rotation in local time', async () => {
    const { api } = await demoAt(offset);
    const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 14 });
    // Friday 2026-11-20 23:45 local.
    const covered = new Date(Date.UTC(2026, 10, 20, 23, 45) - offset * MINUTE);
    expect(result.coveredStart).toBe(covered.toISOString());
    expect(result.windowStart).toBe(covered.toISOString());
    expect(result.requestedStart).toBe('2026-11-18T15:00:00.000Z');
    expect(result.coverageNote).toMatch(/^Asked for 14 days; the log views hold 11 days, since 2026-11-2\d \d\d:\d\d UTC\.$/);
  });

  it('counts the same email queue and the same emails sent since a time', async () => {
    const { api } = await demoAt(offset);
    expect(await api.readEmailQueue(DEMO_PROFILE_ID)).toMatchObject({ known: true, pending: 18, failing: 25, abandoned: 12, sentLast24h: 240 });
    const since = new Date(NOW.getTime() - 6 * 60 * MINUTE).toISOString();
    const sent = await api.readEmailsSent(DEMO_PROFILE_ID, { since });
    const reference = await (await demoAt(0)).api.readEmailsSent(DEMO_PROFILE_ID, { since });
    expect(sent.count).toBe(reference.count);
    expect(sent.count).toBeGreaterThan(0);
  });
});

describe('the demo zone', () => {
  it('is UTC on a new data folder and kept by a reset that does not name one', async () => {
    const { api } = await demoAt(undefined);
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(0);
    await api.resetDemo({ utcOffsetMinutes: 330 });
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(330);
    await api.resetDemo();
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(330);
    await api.resetDemo({});
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(330);
    await api.resetDemo({ utcOffsetMinutes: -300 });
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(-300);
  });

  it('is refused outside UTC-12:00..UTC+14:00 or in part minutes, and the demo is left as it was', async () => {
    const { api } = await demoAt(60);
    for (const bad of [-721, 841, 1.5]) {
      await expect(api.resetDemo({ utcOffsetMinutes: bad })).rejects.toMatchObject({ code: 'invalid_input', field: 'utcOffsetMinutes' });
    }
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(60);
  });

  it('is set through demo.reset, which still takes {}', async () => {
    const dataDir = tempDataDir('st-demo-zone-api-');
    dirs.push(dataDir);
    const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
    const api = createInProcessClient(services);
    expect(await api['demo.reset']({})).toEqual({ reset: true });
    expect(await api['demo.reset']({ utcOffsetMinutes: -300 })).toEqual({ reset: true });
    expect((await services.probes.readParameter(DEMO_PROFILE_ID, THREADS)).clock!.utcOffsetMinutes).toBe(-300);
    await expect(api['demo.reset']({ utcOffsetMinutes: 900 })).rejects.toMatchObject({ code: 'invalid_input', field: 'utcOffsetMinutes' });
    // @ts-expect-error minutes are a number: a type error, and refused at run time
    await expect(api['demo.reset']({ utcOffsetMinutes: 'east' })).rejects.toMatchObject({ code: 'invalid_input' });
    // @ts-expect-error an unknown field: a type error, and refused at run time
    await expect(api['demo.reset']({ offset: 60 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
