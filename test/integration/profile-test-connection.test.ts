import { afterEach, describe, expect, it } from 'vitest';
import { openDemoConnection } from '../../electron/services/demo/connect';
import { testConnection, type TestRun } from '../../electron/services/profiles/test-connection';
import { denyTable } from '../support/probe-faults';
import { removeDir, tempDataDir } from '../support/host';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function run(overrides: Partial<TestRun>): TestRun {
  const dataDir = tempDataDir('st-testconn-');
  dirs.push(dataDir);
  return {
    engine: 'demo',
    target: 'demo',
    scope: 'the demo database',
    open: () => openDemoConnection(dataDir),
    signal: new AbortController().signal,
    progress: () => undefined,
    secrets: [],
    ...overrides,
  };
}

describe('test connection steps', () => {
  it('reports reached, signed in, version and OSSYS visible on a healthy database', async () => {
    const result = await testConnection(run({}));
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.id, s.ok])).toEqual([
      ['reached', true],
      ['authenticated', true],
      ['version', true],
      ['ossys', true],
    ]);
    expect(result.version).toMatch(/Embedded demo/);
  });

  it('says "permission denied on the table" when the user may not read OSSYS_PARAMETER', async () => {
    const base = run({});
    const result = await testConnection({ ...base, open: async (s) => denyTable(await base.open(s), 'OSSYS_PARAMETER') });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({
      category: 'permission_denied',
      message: expect.stringMatching(/may not read OSSYS_PARAMETER in the demo database \(permission denied\)/),
    });
    expect(result.failure?.details).toMatch(/229/);
  });

  it('checks a separate log database too, and names it when its table cannot be read', async () => {
    const base = run({});
    const healthy = await testConnection({ ...base, log: { scope: 'database oslog', open: base.open } });
    expect(healthy.ok).toBe(true);
    expect(healthy.steps.at(-1)).toMatchObject({ id: 'log', ok: true });

    const denied = await testConnection({ ...base, log: { scope: 'database oslog', open: async (s) => denyTable(await base.open(s), 'OSLOG_ERROR') } });
    expect(denied.ok).toBe(false);
    expect(denied.steps.find((s) => s.id === 'ossys')?.ok).toBe(true);
    expect(denied.failure?.message).toMatch(/platform database works, but this user may not read OSLOG_ERROR in database oslog/);
  });
});
