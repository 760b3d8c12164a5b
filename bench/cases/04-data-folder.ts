import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createSessionStore } from '../../electron/services/sessions/store';
import { removeDir, tempDataDir } from '../../test/support/host';
import { median, timeRuns, type BenchCase } from '../harness';

const LIST_RUNS = 30;
const COLD_RUNS = 3;
const MIXED_CALLS = 2_000;
const CONCURRENCY = 50;
const PLAYBOOK = 'exchange-432-concurrency';

const start = (dataDir: string) => createServices({ dataDir, hostKind: 'cli', appVersion: 'bench', notices: createNoticeBoard() });

async function call<T = unknown>(services: Services, name: string, input: unknown): Promise<T> {
  const result = await services.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/**
 * A data folder with `count` sessions: one walked a few steps through the API, copied under new
 * ids (with their own times, so the list has an order to sort).
 */
async function folderWithSessions(count: number): Promise<string> {
  const dir = tempDataDir('st-bench-data-');
  const services = await start(dir);
  const view = await call<{ session: { id: string } }>(services, 'sessions.create', {
    playbookId: PLAYBOOK,
    profileId: null,
    environmentName: 'Contoso PRD',
    pastedError: '432 4.3.2 Concurrent connections limit exceeded',
  });
  for (let i = 0; i < 5; i++)
    await call(services, 'sessions.act', { id: view.session.id, action: { type: 'answer', facts: { 'symptom.evidence': `note ${i}: ${'x'.repeat(200)}` } } });
  await services.close();
  const source = path.join(dir, 'sessions', `${view.session.id}.json`);
  const doc = JSON.parse(await fs.readFile(source, 'utf8')) as { version: number; data: { id: string; updatedAt: string } };
  const base = Date.parse('2025-03-01T00:00:00.000Z');
  for (let i = 1; i < count; i++) {
    const id = randomUUID();
    const copy = { ...doc, data: { ...doc.data, id, updatedAt: new Date(base + i * 60_000).toISOString() } };
    await fs.writeFile(path.join(dir, 'sessions', `${id}.json`), JSON.stringify(copy, null, 2), { mode: 0o600 });
  }
  return dir;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The session list with 1,000 sessions beside 10 (it answers from memory, so both should cost
 * about the same), what reading and checking every file costs (once at start now; every list call
 * before), and 2,000 mixed API calls, a quarter of them writes, 50 at a time, through the same
 * dispatcher the hosts use.
 */
const bench: BenchCase = {
  name: 'data folder: session list and mixed API calls',
  async run() {
    const big = await folderWithSessions(1_000);
    const small = await folderWithSessions(10);
    try {
      const startBig = await timeRuns(COLD_RUNS, async () => {
        await (await start(big)).close();
      });
      const cold = await timeRuns(COLD_RUNS, async () => {
        await createSessionStore(big, () => undefined).list();
      });
      const bigServices = await start(big);
      const smallServices = await start(small);
      let listed = 0;
      await call(bigServices, 'sessions.list', {});
      await call(smallServices, 'sessions.list', {});
      const listBig = await timeRuns(LIST_RUNS, async () => {
        listed = (await call<unknown[]>(bigServices, 'sessions.list', {})).length;
      });
      const listSmall = await timeRuns(LIST_RUNS, async () => {
        await call(smallServices, 'sessions.list', {});
      });
      await smallServices.close();

      // Mixed calls on the 1,000-session folder.
      const ids = (await call<Array<{ id: string }>>(bigServices, 'sessions.list', {})).map((s) => s.id);
      const hot = ids.slice(0, 10);
      const operations: Array<(i: number) => [string, unknown]> = [
        () => ['sessions.list', {}],
        () => ['sessions.list', {}],
        () => ['sessions.list', {}],
        () => ['sessions.list', {}],
        (i) => ['sessions.get', { id: ids[i % ids.length] }],
        (i) => ['sessions.get', { id: ids[(i * 7) % ids.length] }],
        (i) => ['sessions.get', { id: hot[i % hot.length] }],
        (i) => ['sessions.get', { id: hot[(i + 3) % hot.length] }],
        (i) => ['sessions.act', { id: hot[i % hot.length], action: { type: 'answer', facts: { 'symptom.evidence': `call ${i}` } } }],
        (i) => ['sessions.act', { id: hot[(i + 1) % hot.length], action: { type: 'answer', facts: { 'symptom.evidence': `call ${i}` } } }],
        (i) => ['sessions.act', { id: hot[(i + 2) % hot.length], action: { type: 'answer', facts: { 'symptom.evidence': `call ${i}` } } }],
        () => ['sessions.create', { playbookId: PLAYBOOK, profileId: null, environmentName: 'Bench' }],
        () => ['profiles.list', {}],
        () => ['profiles.list', {}],
        (i) => [
          'profiles.create',
          {
            profile: {
              name: `Env ${i}`,
              customer: 'Contoso',
              role: 'test',
              engine: 'sqlserver',
              host: `sql${i}`,
              port: 1433,
              database: 'outsystems',
              user: 'os_admin',
              mailbox: 'noreply@contoso.com',
            },
          },
        ],
        () => ['reports.list', {}],
        () => ['reports.list', {}],
        () => ['settings.get', {}],
        () => ['app.info', {}],
        () => ['whatif.scenarios.list', {}],
      ];
      const latencies: number[] = [];
      let failures = 0;
      let next = 0;
      const began = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < MIXED_CALLS) {
            const i = next++;
            const [name, input] = operations[i % operations.length]!(i);
            const t0 = performance.now();
            const result = await bigServices.dispatch(name, input);
            latencies.push(performance.now() - t0);
            if (!result.ok) failures++;
          }
        }),
      );
      const wall = performance.now() - began;
      await bigServices.close();
      if (failures > 0) throw new Error(`${failures} of ${MIXED_CALLS} mixed calls failed`);
      return [
        { name: 'sessions.list, 1,000 sessions (median)', value: median(listBig), unit: 'ms', note: `${LIST_RUNS} runs, ${listed} listed` },
        { name: 'sessions.list, 10 sessions (median)', value: median(listSmall), unit: 'ms', note: `${LIST_RUNS} runs` },
        {
          name: 'read and check 1,000 session files (once, at start)',
          value: median(cold),
          unit: 'ms',
          note: `${COLD_RUNS} runs; every list call did this before`,
        },
        { name: 'start the services on 1,000 sessions (median)', value: median(startBig), unit: 'ms', note: `${COLD_RUNS} runs` },
        {
          name: `${MIXED_CALLS.toLocaleString('en-US')} mixed calls at ${CONCURRENCY} concurrent, p50`,
          value: percentile(latencies, 50),
          unit: 'ms',
          note: '25% writes',
        },
        { name: `${MIXED_CALLS.toLocaleString('en-US')} mixed calls at ${CONCURRENCY} concurrent, p99`, value: percentile(latencies, 99), unit: 'ms' },
        {
          name: `${MIXED_CALLS.toLocaleString('en-US')} mixed calls, throughput`,
          value: MIXED_CALLS / (wall / 1000),
          unit: 'calls/s',
          note: `${Math.round(wall)} ms in all, 0 failed`,
        },
      ];
    } finally {
      removeDir(big);
      removeDir(small);
    }
  },
};
export default bench;
