import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { DEMO_PROFILE_ID, forgetDemoDatabase, resetDemoDatabase } from '../../electron/services/demo/connect';
import type { DbConnection } from '../../electron/services/db/types';
import { createProbeApi } from '../../electron/services/probes/service';
import { removeDir, tempDataDir } from '../support/host';
import {
  demoSource,
  denyTable,
  dropBeforeCommit,
  loseConnectionAt,
  oracleWithoutPlatformTables,
  recording,
  timeOut,
  wrapConnection,
} from '../support/probe-faults';
import { SEARCH_432, SET_THREADS, THREADS } from '../support/concurrency';

/** Faults real platform databases produce, reproduced with driver-shaped errors over the demo engine. */
const NOW = new Date('2025-03-14T12:00:00.000Z');
const dirs: string[] = [];

async function setup(wrap?: (conn: DbConnection) => DbConnection) {
  const dataDir = tempDataDir('st-probe-fault-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW });
  const deps = { dataDir, hostKind: 'cli' as const, appVersion: 'test', notices: createNoticeBoard(), now: () => NOW };
  return { dataDir, faulty: createProbeApi(deps, demoSource(dataDir, NOW, wrap)), healthy: createProbeApi(deps, demoSource(dataDir, NOW)) };
}
afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

describe('connection lost during a probe', () => {
  it('stops the servers probe with a sentence that says what was being read', async () => {
    const { faulty } = await setup((c) => loseConnectionAt(c, 2));
    await expect(faulty.readServers(DEMO_PROFILE_ID)).rejects.toMatchObject({
      code: 'connection_failed',
      message: expect.stringMatching(/^The connection to the database was lost while .+Nothing was changed; try again\.$/),
      details: expect.stringContaining('ECONNRESET'),
    });
  });

  it('does not report "unknown" for a fact it lost the connection for', async () => {
    // Statements: 1 the clock, 2 the catalog, 3 OSSYS_SERVER, 4 the zones, 5 the mail parameter names.
    for (const n of [4, 5]) {
      const { faulty } = await setup((c) => loseConnectionAt(c, n));
      await expect(faulty.readServers(DEMO_PROFILE_ID)).rejects.toMatchObject({ code: 'connection_failed' });
    }
    // 1 the clock, 2 OSLOG_ERROR, 3 OSLOG_ERROR_PREVIOUS.
    const { faulty: errors } = await setup((c) => loseConnectionAt(c, 3));
    await expect(errors.readErrors(DEMO_PROFILE_ID, SEARCH_432)).rejects.toMatchObject({ code: 'connection_failed' });
  });

  it('a clock that cannot be read stops the probe: no window is built on a guessed offset', async () => {
    const { faulty } = await setup((c) => loseConnectionAt(c, 1));
    await expect(faulty.readErrors(DEMO_PROFILE_ID, SEARCH_432)).rejects.toMatchObject({
      code: 'connection_failed',
      message: 'The connection to the database was lost while reading the database clock. Nothing was changed; try again.',
    });
  });
});

describe('connection refused during a probe', () => {
  it('says the server refused, not that a statement failed', async () => {
    const refused = () => Object.assign(new Error('Failed to connect to db.example:1433 - connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ESOCKET' });
    const { faulty } = await setup((c) => wrapConnection(c, (sql) => (/OSLOG_ERROR\b/.test(sql) ? refused() : null)));
    await expect(faulty.readErrors(DEMO_PROFILE_ID, SEARCH_432)).rejects.toMatchObject({
      code: 'connection_failed',
      message: expect.stringMatching(/^The database server refused the connection while searching OSLOG_ERROR: nothing listens on that host and port/),
    });
  });
});

describe('query timeout', () => {
  it('ends the 432 search with a timeout error, not a wrong count', async () => {
    const { faulty } = await setup((c) => timeOut(c, /OSLOG_ERROR_PREVIOUS/));
    await expect(faulty.readErrors(DEMO_PROFILE_ID, SEARCH_432)).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('within the query timeout'),
    });
  });

  it('ends the threads probe with a timeout error', async () => {
    const { faulty } = await setup((c) => timeOut(c, /OSSYS_PARAMETER/));
    await expect(faulty.readParameter(DEMO_PROFILE_ID, THREADS)).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('permission denied on one table', () => {
  it('zones: the servers still come back, the zone says why it is unknown', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_ZONE_SERVER'));
    const { servers } = await faulty.readServers(DEMO_PROFILE_ID);
    expect(servers.map((s) => s.name)).toEqual(['FE01', 'FE02']);
    expect(servers.every((s) => s.sendsEmail === true)).toBe(true);
    for (const s of servers) {
      expect(s.zone).toBeNull();
      expect(s.zoneOrigin).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('permission denied') });
    }
  });

  it('OSSYS_SERVER: the probe returns no servers and the reason, and the threads probe still works', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_SERVER'));
    const result = await faulty.readServers(DEMO_PROFILE_ID);
    expect(result.servers).toEqual([]);
    expect(result.problem).toContain('may not read OSSYS_SERVER');
    expect((await faulty.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
  });

  it('OSSYS_PARAMETER: the servers come back without the mail parameter names, and the summary says why', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_PARAMETER'));
    const result = await faulty.readServers(DEMO_PROFILE_ID);
    expect(result.servers.map((s) => s.name)).toEqual(['FE01', 'FE02']);
    expect(result.evidence).toMatchObject({ serverColumns: expect.arrayContaining(['SEND_EMAILS']), mailParameters: [] });
    expect(result.summary).toContain('Mail parameter names were not read: this login may not read OSSYS_PARAMETER (permission denied).');
  });

  it('OSSYS_PARAMETER: the email queue uses the default back-off and names why', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_PARAMETER'));
    const result = await faulty.readEmailQueue(DEMO_PROFILE_ID);
    expect(result).toMatchObject({ known: true, backoffMaxDays: 2, abandoned: 12 });
    expect(result.summary).toContain('could not be read (this login may not read OSSYS_PARAMETER (permission denied)), so the default 2 days was used');
  });

  it('OSSYS_PARAMETER for the threads probe: the failure names the table and what to do', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_PARAMETER'));
    await expect(faulty.readParameter(DEMO_PROFILE_ID, THREADS)).rejects.toMatchObject({
      code: 'forbidden',
      message:
        'This login may not read OSSYS_PARAMETER (permission denied), so the probe stopped while reading Scheduler.NumberOfThreadsForEmails. Nothing was changed; enter the facts by hand or ask for SELECT on it.',
    });
  });

  it('email status table: the queue is unknown with the reason', async () => {
    const { faulty } = await setup((c) => denyTable(c, 'OSSYS_EMAIL_STATUS'));
    const result = await faulty.readEmailQueue(DEMO_PROFILE_ID);
    expect(result.known).toBe(false);
    expect(result.reason).toContain('may not read OSSYS_EMAIL_STATUS');
  });

  it("previous week's log: this week's occurrences are counted and the summary says what was not searched", async () => {
    const { faulty, healthy } = await setup((c) => denyTable(c, 'OSLOG_ERROR_PREVIOUS'));
    const partial = await faulty.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 10 });
    const full = await healthy.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, days: 10 });
    expect(partial.count).toBeGreaterThan(0);
    expect(partial.problems).toEqual(['this login may not read OSLOG_ERROR_PREVIOUS (permission denied)']);
    expect(partial.summary).toContain('Not searched');
    expect(full.problems).toBeUndefined();
  });
});

describe('Oracle without a platform schema', () => {
  const NO_SCHEMA =
    'The user OSRUNTIME owns no OSSYS tables and no platform schema is set: set Platform schema to the owner, usually OSADMIN, in the environment';
  const api = (conn: DbConnection) =>
    createProbeApi(
      { dataDir: tempDataDir('st-probe-oracle-'), hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => NOW },
      { connect: async () => conn, environmentName: async () => 'PRD' },
    );

  it('the servers probe says so, and how to fix it, instead of "table not found"', async () => {
    const result = await api(oracleWithoutPlatformTables('OSRUNTIME', 'OSRUNTIME')).readServers('prd');
    expect(result.servers).toEqual([]);
    expect(result.problem).toBe(NO_SCHEMA);
    expect(result.summary).toBe(`The front-end servers could not be read: ${NO_SCHEMA}. Enter them by hand.`);
  });

  it('the threads probe fails with the same sentence', async () => {
    await expect(api(oracleWithoutPlatformTables('OSRUNTIME', 'OSRUNTIME')).readParameter('prd', THREADS)).rejects.toMatchObject({
      code: 'forbidden',
      message: `${NO_SCHEMA}.`,
    });
  });

  it('the email queue’s catalog lookup says it too', async () => {
    const result = await api(oracleWithoutPlatformTables('OSRUNTIME', 'OSRUNTIME')).readEmailQueue('prd');
    expect(result).toMatchObject({ known: false, reason: NO_SCHEMA });
  });

  it('with a platform schema set, a missing table is reported as missing', async () => {
    const result = await api(oracleWithoutPlatformTables('OSRUNTIME', 'OSADMIN')).readServers('prd');
    expect(result.problem).toBe('OSSYS_SERVER does not exist or is not visible to this login');
    await expect(api(oracleWithoutPlatformTables('OSRUNTIME', 'OSADMIN')).readParameter('prd', THREADS)).rejects.toMatchObject({
      code: 'forbidden',
      message:
        'A table this probe needs does not exist or is not visible to this login, so the probe stopped while reading Scheduler.NumberOfThreadsForEmails. Nothing was changed; enter the facts by hand or ask for SELECT on it.',
      details: expect.stringContaining('ORA-00942'),
    });
  });
});

describe('apply faults', () => {
  it('interrupted before commit: the value is unchanged on disk and the attempt is audited as failed', async () => {
    const { faulty, healthy, dataDir } = await setup(dropBeforeCommit);
    await expect(faulty.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect((await healthy.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    await forgetDemoDatabase(dataDir);
    expect((await healthy.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    expect(await healthy.listAudit()).toMatchObject([{ state: 'failed', after: '1', before: '2' }]);
  });

  it('connection lost at the UPDATE: rolled back, unchanged', async () => {
    const { faulty, healthy } = await setup((c) =>
      wrapConnection(c, (_sql, kind) => (kind === 'execute' ? Object.assign(new Error('Connection lost - write EPIPE'), { code: 'ESOCKET' }) : null)),
    );
    await expect(faulty.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect((await healthy.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
  });

  it('runs exactly the statement the preview showed, with the same parameters', async () => {
    let rec: ReturnType<typeof recording> | undefined;
    const { faulty } = await setup((c) => (rec = recording(c)).conn);
    const preview = await faulty.previewApplyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1 });
    await faulty.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    const writes = rec!.log.filter((e) => e.kind === 'execute');
    expect(writes).toEqual([{ kind: 'execute', sql: preview.statement, params: preview.parameters }]);
  });

  it('probes never write: every probe statement is a read', async () => {
    let rec: ReturnType<typeof recording> | undefined;
    const { faulty } = await setup((c) => (rec = recording(c)).conn);
    await faulty.readParameter(DEMO_PROFILE_ID, THREADS);
    await faulty.readServers(DEMO_PROFILE_ID);
    await faulty.readErrors(DEMO_PROFILE_ID, SEARCH_432);
    await faulty.readEmailQueue(DEMO_PROFILE_ID);
    await faulty.readEmailsSent(DEMO_PROFILE_ID, { since: '2025-03-14T11:00:00Z' });
    expect(rec!.log.length).toBeGreaterThan(0);
    expect(rec!.log.every((e) => e.kind === 'query' && /^\s*SELECT\b/i.test(e.sql))).toBe(true);
  });
});

describe('cancellation', () => {
  it('a cancelled call stops before reading', async () => {
    const { healthy } = await setup();
    const controller = new AbortController();
    controller.abort();
    await expect(healthy.readErrors(DEMO_PROFILE_ID, { ...SEARCH_432, signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
