import { describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import type { DbConnection, DbEngine } from '../../electron/services/db/types';
import { createProbeApi } from '../../electron/services/probes/service';
import { tempDataDir } from '../support/host';
import { SEARCH_432, THREADS } from '../support/concurrency';

/**
 * The probes against real platform databases, read-only: set TEST_MSSQL_URL and/or TEST_ORACLE_URL
 * (e.g. mssql://user:pass@host:1433/outsystems, oracle://user:pass@host:1521/service). Each
 * engine's SQL text then runs through its real driver. The connection comes from the database
 * adapters' `connectFromUrl(url)` (electron/services/db/connect.ts). Without a URL the block for
 * that engine is skipped with its reason in the test name; the demo suite always runs.
 */
const servers: Array<{ engine: DbEngine; url: string | undefined; variable: string }> = [
  { engine: 'sqlserver', url: process.env.TEST_MSSQL_URL, variable: 'TEST_MSSQL_URL' },
  { engine: 'oracle', url: process.env.TEST_ORACLE_URL, variable: 'TEST_ORACLE_URL' },
];

async function connectFromUrl(url: string): Promise<DbConnection> {
  const modulePath = '../../electron/services/db/connect';
  const adapters = (await import(/* @vite-ignore */ modulePath)) as { connectFromUrl?: (url: string) => Promise<DbConnection> };
  if (typeof adapters.connectFromUrl !== 'function') throw new Error('electron/services/db/connect.ts does not export connectFromUrl(url)');
  return adapters.connectFromUrl(url);
}

for (const server of servers) {
  describe.skipIf(!server.url)(`probes on a real ${server.engine} server (${server.url ? 'from' : 'set'} ${server.variable})`, () => {
    const api = () =>
      createProbeApi(
        { dataDir: tempDataDir('st-probe-real-'), hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() },
        { connect: () => connectFromUrl(server.url!), environmentName: async () => server.variable },
      );

    it('reads the threads parameter and says plainly when there is no row', async () => {
      const result = await api().readParameter('real', THREADS);
      expect(result.engine).toBe(server.engine);
      if (result.rows.length === 0) expect(result.summary).toMatch(/^No row named/);
      else expect(result.rows.every((r) => r.name.toLowerCase() === 'scheduler.numberofthreadsforemails')).toBe(true);
    });

    it('lists the servers, each fact with its origin or the reason it is unknown', async () => {
      const result = await api().readServers('real');
      for (const s of result.servers) {
        expect(s.name).not.toBe('');
        expect(s.sendsEmailOrigin.kind === 'database' ? s.sendsEmail !== null : s.sendsEmail === null).toBe(true);
        if (s.zoneOrigin.kind === 'unknown') expect(s.zoneOrigin.reason.length).toBeGreaterThan(10);
      }
    });

    it('reads the database clock first and says its offset and skew', async () => {
      const { clock } = await api().readParameter('real', THREADS);
      expect(clock!.summary).toMatch(/^UTC[+-]\d\d:\d\d, (in step with|\d+ s (behind|ahead of)) this computer/);
      expect(Math.abs(clock!.utcOffsetMinutes)).toBeLessThanOrEqual(840);
    });

    it('never claims more of the log than the two views hold', async () => {
      const result = await api().readErrors('real', { ...SEARCH_432, days: 14 });
      expect(result.windowStart >= result.coveredStart!).toBe(true);
      expect(result.requestedStart! <= result.windowStart).toBe(true);
      if (result.requestedStart !== result.windowStart) expect(result.coverageNote).toMatch(/^Asked for 14 days; the log views hold/);
    });

    it('searches the log within the window and the cap', async () => {
      const result = await api().readErrors('real', { ...SEARCH_432, days: 1 });
      expect(new Date(result.windowEnd).getTime() - new Date(result.windowStart).getTime()).toBe(86_400_000);
      expect(result.perHour.reduce((n, h) => n + h.count, 0)).toBe(result.count);
      for (const sample of result.samples) expect(sample.instant >= result.windowStart).toBe(true);
    });

    it('counts the email queue or says why it cannot', async () => {
      const result = await api().readEmailQueue('real');
      if (result.known) expect(result.pending).toBeGreaterThanOrEqual(0);
      else expect(result.reason).toBeTruthy();
      const sent = await api().readEmailsSent('real', { since: new Date(Date.now() - 86_400_000).toISOString() });
      if (sent.known) expect(sent.count).toBeGreaterThanOrEqual(0);
      else expect(sent.reason).toBeTruthy();
    });

    it('keeps the OSSYS_SERVER columns and the mail parameter names as evidence', async () => {
      const { evidence } = await api().readServers('real');
      expect(evidence!.serverColumns).toContain('NAME');
      expect(evidence!.mailParameters.length).toBeLessThanOrEqual(200);
    });
  });
}
