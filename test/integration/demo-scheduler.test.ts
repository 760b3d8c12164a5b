import { afterAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { DEMO_PROFILE_ID, forgetDemoDatabase, openDemoConnection, resetDemoDatabase } from '../../electron/services/demo/connect';
import { scenarioSeeds, type ScenarioName } from '../../electron/services/demo/seeds';
import { createProbeApi } from '../../electron/services/probes/service';
import { removeDir, tempDataDir } from '../support/host';
import { demoSource } from '../support/probe-faults';
import { SEARCH_432, SET_THREADS, isConcurrencyError } from '../support/concurrency';

/**
 * The demo's Scheduler after a restart: queued emails go out just after it, and while the demo's
 * own budget (senders x threads) is over the limit of 3, some fail with new 432s in the log.
 */
const NOW = new Date('2026-12-02T15:00:00.000Z');
const AT = new Date(NOW.getTime() - 10 * 60_000);
const LIMIT = 3;
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

async function demo(scenario: ScenarioName = 'incident', utcOffsetMinutes = 0) {
  const dataDir = tempDataDir('st-demo-scheduler-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW, seed: scenarioSeeds[scenario], utcOffsetMinutes });
  return { dataDir, api: createProbeApi(deps(dataDir), demoSource(dataDir, NOW)) };
}

describe.each([-300, 0, 330])('a Scheduler restart on the demo at UTC%+d min', (offset) => {
  it('over the limit (2 servers x 2 threads = 4): emails go out and new 432s are logged after the restart', async () => {
    const { api } = await demo('incident', offset);
    expect((await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: AT.toISOString() })).count).toBe(0);
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());

    const sent = await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() });
    expect(sent.count!).toBeGreaterThanOrEqual(LIMIT + 1);
    const errors = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: AT.toISOString() });
    expect(errors.count).toBeGreaterThan(0);
    expect(errors.count + sent.count!).toBe(43); // every queued email was tried once
    expect(new Set(errors.perServer.map((s) => s.server))).toEqual(new Set(['FE01', 'FE02']));
    for (const sample of errors.samples) expect(isConcurrencyError(sample.message)).toBe(true);
    // Just after the restart: within a few hundred milliseconds, never later than now.
    expect(errors.firstSeen! > AT.toISOString()).toBe(true);
    expect(new Date(errors.lastSeen!).getTime() - AT.getTime()).toBeLessThan(1000);
  });
});

describe('a Scheduler restart on the demo', () => {
  it('within the limit after the fix (2 x 1 = 2): every queued email is sent, no new 432', async () => {
    const { api } = await demo();
    await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    const before = await api.readEmailQueue(DEMO_PROFILE_ID);
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());
    const sent = await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() });
    expect(sent.count).toBe(before.pending! + before.failing!);
    expect((await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: AT.toISOString() })).count).toBe(0);
    // Abandoned emails stay abandoned: the Scheduler no longer tries them.
    expect(await api.readEmailQueue(DEMO_PROFILE_ID)).toMatchObject({ pending: 0, failing: 0, abandoned: 12 });
  });

  it('sends nothing before the restart and nothing after now', async () => {
    const { api } = await demo();
    const justBefore = new Date(AT.getTime() - 1).toISOString();
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());
    const sinceRestart = (await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() })).count!;
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: justBefore })).count).toBe(sinceRestart);
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: new Date(NOW.getTime() + 1).toISOString() })).count).toBe(0);
  });

  it('a restart at this very moment stamps its emails at now, not after it', async () => {
    const { api } = await demo();
    await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    await api.fixTookEffect(DEMO_PROFILE_ID, NOW.toISOString());
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: NOW.toISOString() })).count).toBe(43);
  });

  it('counts per-host thread overrides and leaves servers that do not send alone (5 farm servers)', async () => {
    const { api } = await demo('fiveServers');
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());
    const errors = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: AT.toISOString() });
    // FE01 2 + FE02 2 + FE03 1 (its own row) = 5 connections: 2 of every 5 are turned away.
    expect(errors.count).toBeGreaterThan(0);
    for (const s of errors.perServer) expect(['FE01', 'FE02', 'FE03']).toContain(s.server);
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() })).count).toBeGreaterThanOrEqual(LIMIT + 1);
  });

  it('is saved to disk', async () => {
    const { api, dataDir } = await demo();
    await api.fixTookEffect(DEMO_PROFILE_ID, AT.toISOString());
    const sent = (await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() })).count;
    await forgetDemoDatabase(dataDir);
    expect((await api.readEmailsSent(DEMO_PROFILE_ID, { since: AT.toISOString() })).count).toBe(sent);
    const conn = await openDemoConnection(dataDir);
    const [row] = await conn.query<{ N: number }>(
      "SELECT COUNT(*) AS N FROM OSLOG_ERROR WHERE MODULE_NAME = 'EmailSender' AND INSTANT > '2026-12-02 14:50:00.000'",
    );
    expect(row!.N).toBeGreaterThan(0);
  });

  it('does nothing for an environment that is not the demo, without even connecting', async () => {
    let connected = 0;
    const api = createProbeApi(deps(tempDataDir('st-demo-scheduler-none-')), {
      connect: async () => {
        connected++;
        throw new ApiError('connection_failed', 'no server here');
      },
      environmentName: async () => 'PRD',
    });
    await expect(api.fixTookEffect('prd-profile', AT.toISOString())).resolves.toBeUndefined();
    expect(connected).toBe(0);
  });

  it('refuses a restart time that is not a time', async () => {
    const { api } = await demo();
    await expect(api.fixTookEffect(DEMO_PROFILE_ID, 'after lunch')).rejects.toMatchObject({ code: 'invalid_input', field: 'at' });
  });
});
