import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { DEMO_PROFILE_ID, forgetDemoDatabase, openDemoConnection, resetDemoDatabase } from '../../electron/services/demo/connect';
import type { DemoSeed } from '../../electron/services/demo/seed-model';
import { scenarioSeeds, type ScenarioName } from '../../electron/services/demo/seeds';
import { CONCURRENCY_MESSAGES } from '../../electron/services/demo/texts';
import { createProbeApi } from '../../electron/services/probes/service';
import type { ProbeServiceApi } from '../../electron/services/probes/types';
import { removeDir, tempDataDir } from '../support/host';
import { demoSource } from '../support/probe-faults';
import { SEARCH_432, SET_THREADS, THREADS, isConcurrencyError } from '../support/concurrency';

/**
 * The probe suite on the embedded demo engine, one data folder per scenario. The same probes run
 * against real servers in probe-real-servers.test.ts when TEST_MSSQL_URL / TEST_ORACLE_URL are set.
 */
const NOW = new Date('2025-03-14T12:00:00.000Z');

function depsFor(dataDir: string): ServiceDeps {
  return { dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => NOW };
}

const dirs: string[] = [];
async function scenario(name: ScenarioName | ((now: Date) => DemoSeed)): Promise<{ api: ProbeServiceApi; dataDir: string }> {
  const dataDir = tempDataDir('st-probe-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW, seed: typeof name === 'function' ? name : scenarioSeeds[name] });
  return { api: createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW)), dataDir };
}
afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

describe('threads probe', () => {
  it('reads the global row of the incident', async () => {
    const { api } = await scenario('incident');
    const result = await api.readParameter(DEMO_PROFILE_ID, THREADS);
    expect(result.rows).toEqual([{ name: 'Scheduler.NumberOfThreadsForEmails', value: '2', host: null }]);
    expect(result.globalValue).toBe(2);
    expect(result.engine).toBe('demo');
    expect(result.clock?.summary).toBe('UTC+00:00, in step with this computer');
    expect(result.summary).toContain('is 2');
  });

  it('shows a per-host row as an override for its host', async () => {
    const { api } = await scenario('fiveServers');
    const result = await api.readParameter(DEMO_PROFILE_ID, THREADS);
    expect(result.globalValue).toBe(2);
    expect(result.hostValues).toEqual({ FE03: 1 });
    expect(result.summary).toContain('FE03 = 1');
  });

  it('says "no row" plainly when the parameter is missing', async () => {
    const { api } = await scenario('missingParameter');
    const result = await api.readParameter(DEMO_PROFILE_ID, THREADS);
    expect(result.rows).toEqual([]);
    expect(result.globalValue).toBeNull();
    expect(result.summary).toMatch(/^No row named Scheduler\.NumberOfThreadsForEmails exists/);
  });
});

describe('servers probe', () => {
  it('finds the Send Emails column and the zones by introspection', async () => {
    const { api } = await scenario('incident');
    const { servers } = await api.readServers(DEMO_PROFILE_ID);
    expect(servers.map((s) => [s.name, s.ip, s.active, s.sendsEmail, s.zone])).toEqual([
      ['FE01', '10.0.1.11', true, true, 'Global'],
      ['FE02', '10.0.1.12', true, true, 'Global'],
    ]);
    expect(servers[0]!.sendsEmailOrigin).toEqual({ kind: 'database', detail: 'OSSYS_SERVER.SEND_EMAILS' });
    // Legacy zone rows are kept so the engineer can confirm them, never taken as the truth.
    expect(servers[0]!.zoneOrigin).toMatchObject({ kind: 'hint', detail: expect.stringContaining('Service Center > Administration > Deployment Zones') });
  });

  it('keeps the OSSYS_SERVER columns and the names (not values) of mail parameters as evidence', async () => {
    const { api } = await scenario('fiveServers');
    const { evidence } = await api.readServers(DEMO_PROFILE_ID);
    expect(evidence!.serverColumns).toEqual(['ID', 'IP_ADDRESS', 'IS_ACTIVE', 'NAME']);
    expect(evidence!.mailParameters).toContainEqual({ name: 'Scheduler.SendEmails', host: 'FE04' });
    expect(evidence!.mailParameters).toContainEqual({ name: 'Scheduler.EmailBackoffMaxDays', host: null });
    expect(evidence!.mailParameters.some((p) => /threadsfortimers/i.test(p.name))).toBe(false);
    expect(JSON.stringify(evidence)).not.toMatch(/"(True|False)"/);
  });

  it('bounds the evidence to 200 parameter names, matched whatever the letter case', async () => {
    const many = (now: Date): DemoSeed => {
      const seed = scenarioSeeds.incident(now);
      return {
        ...seed,
        parameters: [
          ...seed.parameters,
          { name: 'Custom.SMTPHost', val: 'smtp.office365.com' },
          ...Array.from({ length: 300 }, (_, i) => ({ name: `App.Mail${i}`, val: 'x' })),
        ],
      };
    };
    const { api } = await scenario(many);
    const { evidence } = await api.readServers(DEMO_PROFILE_ID);
    expect(evidence!.mailParameters).toHaveLength(200);
    expect(evidence!.mailParameters.map((p) => p.name)).toContain('App.Mail0');
  });

  it('reads Send Emails from per-host parameter rows and a second zone', async () => {
    const { api } = await scenario('fiveServers');
    const result = await api.readServers(DEMO_PROFILE_ID);
    const byName = Object.fromEntries(result.servers.map((s) => [s.name, s]));
    expect(result.servers).toHaveLength(5);
    expect(['FE01', 'FE02', 'FE03', 'FE04', 'FE05'].map((n) => byName[n]!.sendsEmail)).toEqual([true, true, true, false, false]);
    expect(byName.FE04!.sendsEmailOrigin).toEqual({ kind: 'database', detail: 'OSSYS_PARAMETER row Scheduler.SendEmails for host FE04' });
    expect(byName.FE03!.zone).toBe('DMZ');
    expect(byName.FE03!.zoneOrigin.kind).toBe('hint');
    expect(byName.FE05!.active).toBe(false);
    expect(result.summary).toContain('2 deployment zones according to the legacy zone tables (a hint to confirm)');
  });

  it('says "unknown" with the reason when the database does not tell', async () => {
    const { api } = await scenario('unknownLayout');
    const { servers } = await api.readServers(DEMO_PROFILE_ID);
    expect(servers).toHaveLength(2);
    for (const server of servers) {
      expect(server.sendsEmail).toBeNull();
      expect(server.sendsEmailOrigin).toMatchObject({
        kind: 'unknown',
        reason: expect.stringContaining('neither an OSSYS_SERVER column nor a per-host parameter row'),
      });
      expect(server.zoneOrigin).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('no OSSYS_ZONE') });
      expect(server.zoneOrigin).toMatchObject({ reason: expect.stringContaining('Service Center > Administration > Deployment Zones') });
    }
  });
});

describe('432 errors probe', () => {
  it('counts the incident in both log views and leaves other errors out', async () => {
    const { api } = await scenario('incident');
    const result = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    expect(result.count).toBe(84);
    expect(result.capped).toBe(false);
    expect(result.candidatesRead).toBeGreaterThan(result.count); // "421 4.3.2" passes the prefilter, not the matcher
    expect(result.perServer.reduce((n, s) => n + s.count, 0)).toBe(84);
    expect(result.perHour.reduce((n, h) => n + h.count, 0)).toBe(84);
    expect(result.perServer.map((s) => s.server).sort()).toEqual(['FE01', 'FE02']);
    expect(result.firstSeen! <= result.lastSeen!).toBe(true);
    expect(result.windowEnd).toBe(NOW.toISOString());
    expect(result.windowStart).toBe('2025-03-07T12:00:00.000Z');
    expect(result.requestedStart).toBe('2025-03-07T12:00:00.000Z');
    // NOW is a Friday noon: the previous cycle began on the Friday two weeks before, at 23:45.
    expect(result.coveredStart).toBe('2025-02-28T23:45:00.000Z');
    expect(result.coverageNote).toBeUndefined();
    expect(result.clock).toEqual({
      utcOffsetMinutes: 0,
      skewSeconds: 0,
      databaseLocalTime: '2025-03-14T12:00:00.000',
      summary: 'UTC+00:00, in step with this computer',
      zoneNote: "only the offset is known: set the environment's time zone (an IANA name, or fixed offset)",
    });
    expect(result.samples.length).toBeGreaterThan(0);
    expect(result.samples.length).toBeLessThanOrEqual(5);
    for (const sample of result.samples) expect(isConcurrencyError(sample.message)).toBe(true);
    expect(result.summary).toContain('84 occurrences');
  });

  it('finds the 432s among other errors logged in the same minutes', async () => {
    const { api } = await scenario('fiveServers');
    const result = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    expect(result.count).toBe(40);
    expect(new Set(result.perServer.map((s) => s.server))).toEqual(new Set(['FE01', 'FE02', 'FE03']));
  });

  it('keeps to the time window it is given', async () => {
    const { api } = await scenario('incident');
    const lastDay = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 1 });
    const all = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    expect(lastDay.count).toBeLessThan(all.count);
    expect(lastDay.perHour.every((h) => h.hour >= '2025-03-13T12')).toBe(true);
    const old = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, since: '2025-02-20T00:00:00Z', until: '2025-03-01T00:00:00Z' });
    expect(old.count).toBe(0);
    expect(old.summary).toMatch(/^No 432 concurrency errors/);
  });

  it('stops at the row cap and says the count is a lower bound', async () => {
    const flood = (now: Date): DemoSeed => ({
      ...scenarioSeeds.incident(now),
      errors: Array.from({ length: 6000 }, (_, i) => ({
        instant: new Date(now.getTime() - 60_000 - i * 60_000),
        server: 'FE01',
        message: CONCURRENCY_MESSAGES[0]!.replace('{id}', String(i)),
        module: 'EmailSender',
      })),
    });
    const { api } = await scenario(flood);
    const result = await api.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    expect(result.capped).toBe(true);
    expect(result.count).toBe(5000);
    expect(result.summary).toContain('lower bound');
  });

  it('never claims more than the two log views hold, and says so', async () => {
    const { api } = await scenario('incident');
    const result = await api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 14 });
    expect(result.requestedStart).toBe('2025-02-28T12:00:00.000Z');
    expect(result.windowStart).toBe('2025-02-28T23:45:00.000Z');
    expect(result.coverageNote).toBe('Asked for 14 days; the log views hold 13 days, since 2025-02-28 23:45 UTC.');
    expect(result.summary).toMatch(/ of the 432 concurrency error since 2025-02-28 23:45 UTC, on 2 servers\./);
    expect(result.summary).toContain(result.coverageNote);
  });

  it('refuses a window longer than the log keeps', async () => {
    const { api } = await scenario('incident');
    await expect(api.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 30 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('email queue probe', () => {
  it('counts pending, still retried, abandoned and sent emails, bounded by a window of creation times', async () => {
    const { api } = await scenario('incident');
    const result = await api.readEmailQueue(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, pending: 18, failing: 25, abandoned: 12, sentLast24h: 240, windowDays: 14, backoffMaxDays: 2, capped: false });
    expect(result.summary).toContain('25 failing and still retried, 12 abandoned after 2 days of retries');
    expect(result.summary).toContain('emails created in the last 14 days');
    expect(result.summary).toContain('Scheduler.EmailBackoffMaxDays = 2 in OSSYS_PARAMETER');
    // The summary is the "Email queue" fact's value, set in sentences that end it with their own full stop.
    expect(result.summary).toBe(
      '18 emails waiting, 25 failing and still retried, 12 abandoned after 2 days of retries (lost mail), 240 sent in the last 24 hours (emails created in the last 14 days in OSSYS_EMAIL_STATUS, joined by OSSYS_EMAIL_STATUS.EMAIL_ID = OSSYS_EMAIL.ID; back-off: Scheduler.EmailBackoffMaxDays = 2 in OSSYS_PARAMETER)',
    );
  });

  it('uses the default back-off of 2 days when the parameter has no row, and says so', async () => {
    const noBackoff = (now: Date): DemoSeed => {
      const seed = scenarioSeeds.incident(now);
      return { ...seed, parameters: seed.parameters.filter((p) => p.name !== 'Scheduler.EmailBackoffMaxDays') };
    };
    const { api } = await scenario(noBackoff);
    const result = await api.readEmailQueue(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, failing: 25, abandoned: 12, backoffMaxDays: 2 });
    expect(result.summary).toContain('Scheduler.EmailBackoffMaxDays has no row, so the default 2 days was used');
  });

  it('a longer back-off keeps failed emails retrying instead of abandoned', async () => {
    const longBackoff = (now: Date): DemoSeed => {
      const seed = scenarioSeeds.incident(now);
      return { ...seed, parameters: seed.parameters.map((p) => (p.name === 'Scheduler.EmailBackoffMaxDays' ? { ...p, val: '10' } : p)) };
    };
    const { api } = await scenario(longBackoff);
    const result = await api.readEmailQueue(DEMO_PROFILE_ID);
    expect(result.failing! + result.abandoned!).toBe(37);
    expect(result.abandoned!).toBeLessThan(12);
    expect(result.backoffMaxDays).toBe(10);
  });

  it('counts emails sent since a time, and says why when it cannot', async () => {
    const { api } = await scenario('incident');
    const lastHour = await api.readEmailsSent(DEMO_PROFILE_ID, { since: '2025-03-14T11:00:00.000Z' });
    const lastDay = await api.readEmailsSent(DEMO_PROFILE_ID, { since: '2025-03-13T12:00:00.000Z' });
    expect(lastHour).toMatchObject({ known: true, since: '2025-03-14T11:00:00.000Z', capped: false, engine: 'demo' });
    expect(lastHour.count!).toBeLessThan(lastDay.count!);
    expect(lastDay.count).toBe(240);
    expect(lastDay.summary).toBe('240 emails sent since 2025-03-13 12:00 UTC (OSSYS_EMAIL_STATUS).');
    expect(lastDay.clock).toMatchObject({ utcOffsetMinutes: 0, skewSeconds: 0 });
    const none = await (await scenario('unknownLayout')).api.readEmailsSent(DEMO_PROFILE_ID, { since: '2025-03-13T12:00:00.000Z' });
    expect(none).toMatchObject({ known: false, reason: expect.stringContaining('no OSSYS_EMAIL') });
    await expect(api.readEmailsSent(DEMO_PROFILE_ID, { since: 'yesterday' })).rejects.toMatchObject({ code: 'invalid_input', field: 'since' });
  });

  it('says "unknown" with the reason when there is no status table', async () => {
    const { api } = await scenario('unknownLayout');
    const result = await api.readEmailQueue(DEMO_PROFILE_ID);
    expect(result.known).toBe(false);
    expect(result.reason).toContain('no OSSYS_EMAIL');
    expect(result.pending).toBeUndefined();
  });
});

describe('apply and undo', () => {
  let api: ProbeServiceApi;
  let dataDir: string;
  beforeEach(async () => {
    ({ api, dataDir } = await scenario('incident'));
  });

  it('changes the value in one transaction, reads it back, records an audit entry, and undo restores it', async () => {
    const preview = await api.previewApplyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1 });
    const result = await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana Support', sessionId: 's-1' });
    expect(result).toMatchObject({ before: '2', after: '1', statement: preview.statement, parameters: preview.parameters });
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(1);

    // Saved to disk, not only in memory.
    await forgetDemoDatabase(dataDir);
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(1);

    const [entry] = await api.listAudit();
    expect(entry).toMatchObject({
      id: result.auditId,
      kind: 'apply',
      actor: 'Ana Support',
      environment: 'Demo farm (embedded)',
      engine: 'demo',
      before: '2',
      after: '1',
      statement: preview.statement,
      sessionId: 's-1',
    });

    const undo = await api.undoApply(result.auditId, { actor: 'Ana Support' });
    expect(undo).toMatchObject({ before: '1', after: '2' });
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    const audit = await api.listAudit();
    expect(audit.map((e) => e.kind)).toEqual(['undo', 'apply']);
    expect(audit[1]!.undoneBy).toBe(undo.auditId);
    await expect(api.undoApply(result.auditId, { actor: 'Ana Support' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This change was already undone',
    });
  });

  it('refuses when the value changed underneath and names the new value', async () => {
    const other = await openDemoConnection(dataDir);
    await other.execute("UPDATE OSSYS_PARAMETER SET VAL = '3' WHERE NAME = 'Scheduler.NumberOfThreadsForEmails'");
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is now 3, not 2'),
    });
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(3);
    // Audit first: the attempt is recorded, as failed, with the reason.
    expect(await api.listAudit()).toMatchObject([{ state: 'failed', note: expect.stringContaining('is now 3, not 2') }]);
  });

  it('refuses undo when the value was changed again after the apply', async () => {
    const applied = await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    await (await openDemoConnection(dataDir)).execute("UPDATE OSSYS_PARAMETER SET VAL = '4' WHERE NAME = 'Scheduler.NumberOfThreadsForEmails'");
    await expect(api.undoApply(applied.auditId, { actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is now 4, not 1'),
    });
  });

  it('will not invent a row that does not exist', async () => {
    const missing = await scenario('missingParameter');
    await expect(missing.api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: null, newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Factory Configuration'),
    });
  });

  it('reset demo restores the seed after an apply', async () => {
    await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    await api.resetDemo();
    expect((await api.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
  });
});

describe('the demo database file', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = tempDataDir('st-demo-file-');
    dirs.push(dataDir);
  });

  it('is created and seeded on first use', async () => {
    const conn = await openDemoConnection(dataDir);
    const rows = await conn.query<{ N: number }>('SELECT COUNT(*) AS N FROM OSSYS_SERVER');
    expect(rows[0]!.N).toBe(2);
    expect(await conn.serverVersion()).toMatch(/^Embedded demo \(SQLite \d/);
  });

  it('refuses writes inside a read-only transaction, at the engine', async () => {
    const conn = await openDemoConnection(dataDir);
    await expect(conn.transaction((tx) => tx.execute("UPDATE OSSYS_PARAMETER SET VAL = '9'"), { readOnly: true })).rejects.toThrow(/readonly/);
    const [row] = await conn.query<{ VAL: string }>("SELECT VAL FROM OSSYS_PARAMETER WHERE NAME = 'Scheduler.NumberOfThreadsForEmails'");
    expect(row!.VAL).toBe('2');
  });
});
