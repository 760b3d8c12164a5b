/**
 * Audit first: every Apply/Undo on a platform database is recorded (pending) before its transaction,
 * and completed or marked failed once the outcome is known. A crash between the commit and the
 * completion is simulated for real: a child process applies on the embedded demo database and
 * exits right after the commit; the next start reconciles the pending entry from the database.
 */
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME, forgetDemoDatabase, resetDemoDatabase } from '../../electron/services/demo/connect';
import type { DbConnection } from '../../electron/services/db/types';
import { createProbeApi } from '../../electron/services/probes/service';
import type { AuditEntry } from '../../shared/probes/types';
import { ApiError } from '../../shared/api/errors';
import { PROJECT_ROOT, removeDir, tempDataDir } from '../support/host';
import { connectionLostError, demoSource, dropBeforeCommit, wrapConnection } from '../support/probe-faults';
import { SET_THREADS, THREADS } from '../support/concurrency';

const NOW = new Date('2025-03-14T12:00:00.000Z');
const dirs: string[] = [];

async function demoDir(): Promise<string> {
  const dataDir = tempDataDir('st-audit-');
  dirs.push(dataDir);
  await resetDemoDatabase(dataDir, { now: () => NOW });
  return dataDir;
}

function depsFor(dataDir: string): ServiceDeps {
  return { dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => NOW };
}

/** audit.json as it is on disk (what a crashed process leaves behind). */
function auditOnDisk(dataDir: string): AuditEntry[] {
  return (JSON.parse(readFileSync(path.join(dataDir, 'audit.json'), 'utf8')) as { data: AuditEntry[] }).data;
}

async function writeAudit(dataDir: string, entries: AuditEntry[]): Promise<void> {
  await fs.writeFile(path.join(dataDir, 'audit.json'), JSON.stringify({ version: 1, data: entries }));
}

afterAll(async () => {
  for (const dir of dirs) {
    await forgetDemoDatabase(dir);
    removeDir(dir);
  }
});

/** Applies 2 -> 1 in a child process that exits (code 137) right after the commit reaches the database. */
function crashAfterCommit(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const at = (file: string) => JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, file)).href);
  const script = `
import { createNoticeBoard } from ${at('electron/services/context.ts')};
import { createProbeApi } from ${at('electron/services/probes/service.ts')};
import { demoSource, wrapConnection } from ${at('test/support/probe-faults.ts')};
const dataDir = process.argv[2];
const now = new Date(${JSON.stringify(NOW.toISOString())});
let committing = false;
// beforeCommit runs as the transaction's work ends; the demo then commits and saves the file.
// The next statement is the read-back after the commit: the process dies there.
const crash = (conn) => wrapConnection(conn, () => (committing ? process.exit(137) : null), { beforeCommit: () => { committing = true; return null; } });
const api = createProbeApi({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), now: () => now }, demoSource(dataDir, now, crash));
await api.applyParameter('demo', { ...${JSON.stringify(SET_THREADS)}, expected: '2', newValue: 1, actor: 'Ana', sessionId: 's-1' });
console.log('the apply completed: the crash did not happen');
`;
  const file = path.join(dataDir, 'crash-after-commit.mts');
  return fs.writeFile(file, script).then(
    () =>
      new Promise((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', file, dataDir], { cwd: PROJECT_ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
        });
      }),
  );
}

describe('audit first', () => {
  it('a crash between the commit and the audit leaves a pending entry, which the next start completes from the database', async () => {
    const dataDir = await demoDir();
    const crashed = await crashAfterCommit(dataDir);
    expect(crashed.stdout).not.toContain('the apply completed');
    expect(crashed.code, crashed.stderr).toBe(137);

    // What the crash left: the change is in the database, and recorded, as pending.
    const [left] = auditOnDisk(dataDir);
    expect(auditOnDisk(dataDir)).toHaveLength(1);
    expect(left).toMatchObject({ state: 'pending', kind: 'apply', before: '2', after: '1', actor: 'Ana', sessionId: 's-1', profileId: DEMO_PROFILE_ID });

    // The next start: the services reconcile pending entries from the database.
    await forgetDemoDatabase(dataDir);
    const services = await createServices(depsFor(dataDir));
    try {
      await services.probes.reconcileAudit();
      const audit = await services.probes.listAudit();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ id: left!.id, state: 'done', before: '2', after: '1' });
      expect(audit[0]!.note).toMatch(/Reconciled from the database: the database holds the new value 1/);
      expect(auditOnDisk(dataDir)[0]).toMatchObject({ state: 'done', after: '1' });
      expect((await services.probes.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(1);

      // And it can be undone like any other change.
      const undo = await services.probes.undoApply(left!.id, { actor: 'Ana' });
      expect(undo).toMatchObject({ before: '1', after: '2' });
      expect((await services.probes.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
      expect((await services.probes.listAudit()).map((e) => [e.kind, e.state])).toEqual([
        ['undo', 'done'],
        ['apply', 'done'],
      ]);
    } finally {
      await services.close();
    }
  }, 90_000);

  it('a failed transaction leaves a failed entry with the reason, and the value unchanged', async () => {
    const dataDir = await demoDir();
    const lostAtUpdate = (c: DbConnection) => wrapConnection(c, (_sql, kind) => (kind === 'execute' ? connectionLostError() : null));
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW, lostAtUpdate));
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(auditOnDisk(dataDir)).toMatchObject([
      { state: 'failed', before: '2', after: '1', note: expect.stringContaining('connection to the database was lost') },
    ]);
    await forgetDemoDatabase(dataDir);
    const healthy = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW));
    expect((await healthy.readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
    // A failed change reverted nothing, so there is nothing to undo.
    await expect(healthy.undoApply(auditOnDisk(dataDir)[0]!.id, { actor: 'Ana' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not made'),
    });
  });

  it('a commit that fails before reaching the database: checked, marked failed, value unchanged', async () => {
    const dataDir = await demoDir();
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW, dropBeforeCommit));
    await expect(api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
    expect(auditOnDisk(dataDir)).toMatchObject([{ state: 'failed', note: expect.stringContaining('still holds the previous value 2') }]);
    await forgetDemoDatabase(dataDir);
    expect((await createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW)).readParameter(DEMO_PROFILE_ID, THREADS)).globalValue).toBe(2);
  });

  it('a commit that reports an error after it reached the database: checked, and recorded as done', async () => {
    const dataDir = await demoDir();
    const errorAfterCommit = (c: DbConnection): DbConnection => ({
      ...c,
      transaction: async (work, options) => {
        await c.transaction(work, options);
        throw connectionLostError();
      },
    });
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW, errorAfterCommit));
    const result = await api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    expect(result).toMatchObject({ before: '2', after: '1' });
    expect(auditOnDisk(dataDir)).toMatchObject([{ id: result.auditId, state: 'done', after: '1', note: expect.stringContaining('holds the new value 1') }]);
  });

  it('the entry is on disk, pending, while the transaction runs, and a read of the audit meanwhile leaves it alone', async () => {
    const dataDir = await demoDir();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inTransaction = new Promise<void>((resolve) => (entered = resolve));
    const slow = (c: DbConnection): DbConnection => ({
      ...c,
      transaction: (work, options) =>
        c.transaction(async (tx) => {
          entered();
          await held;
          return work(tx);
        }, options),
    });
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW, slow));
    const applying = api.applyParameter(DEMO_PROFILE_ID, { ...SET_THREADS, expected: '2', newValue: 1, actor: 'Ana' });
    await inTransaction;
    expect(auditOnDisk(dataDir)).toMatchObject([{ state: 'pending', after: '1' }]);
    // Reconciling it now would wait for the row the transaction holds: it is skipped, not settled.
    expect(await api.listAudit()).toMatchObject([{ state: 'pending' }]);
    release();
    await applying;
    expect(await api.listAudit()).toMatchObject([{ state: 'done', after: '1' }]);
  });
});

describe('reconciling pending entries', () => {
  function pendingEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
    return {
      id: 'pending-1',
      kind: 'apply',
      at: '2025-03-14T11:00:00.000Z',
      actor: 'Ana',
      profileId: DEMO_PROFILE_ID,
      environment: DEMO_PROFILE_NAME,
      engine: 'demo',
      parameter: 'Scheduler.NumberOfThreadsForEmails',
      statement: 'UPDATE OSSYS_PARAMETER SET VAL = :newValue WHERE LOWER(NAME) = :name AND HOST IS NULL AND VAL = :expected',
      parameters: { newValue: '1', name: 'scheduler.numberofthreadsforemails', expected: '2' },
      before: '2',
      after: '1',
      state: 'pending',
      ...overrides,
    };
  }

  it('the database holds the previous value: the change was not made, the entry is marked failed', async () => {
    const dataDir = await demoDir();
    await writeAudit(dataDir, [pendingEntry()]);
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW));
    expect(await api.reconcileAudit()).toEqual({ done: 0, failed: 1, pending: 0 });
    expect(await api.listAudit()).toMatchObject([{ id: 'pending-1', state: 'failed', note: expect.stringContaining('still holds the previous value 2') }]);
  });

  it('the database cannot be read: the entry stays pending, says why, the user is told, and Undo is refused', async () => {
    const dataDir = await demoDir();
    await writeAudit(dataDir, [pendingEntry()]);
    const deps = depsFor(dataDir);
    const unreachable = {
      connect: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:1433'), { code: 'ESOCKET' })),
      environmentName: async () => DEMO_PROFILE_NAME,
    };
    const api = createProbeApi(deps, unreachable);
    expect(await api.reconcileAudit()).toEqual({ done: 0, failed: 0, pending: 1 });
    expect(await api.listAudit()).toMatchObject([{ state: 'pending', note: expect.stringContaining('could not be read') }]);
    expect(deps.notices.list().join('\n')).toMatch(/no known outcome/);
    await expect(api.undoApply('pending-1', { actor: 'Ana' })).rejects.toBeInstanceOf(ApiError);
    await expect(api.undoApply('pending-1', { actor: 'Ana' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('not known') });

    // Once the database answers again, the entry is settled.
    const reachable = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW));
    expect(await reachable.listAudit()).toMatchObject([{ state: 'failed' }]);
  });

  it('entries written before audit-first (no state) are read as done and can be undone', async () => {
    const dataDir = await demoDir();
    const { state: _none, ...old } = pendingEntry({ id: 'old-1', before: '3', after: '2' });
    await writeAudit(dataDir, [old]);
    const api = createProbeApi(depsFor(dataDir), demoSource(dataDir, NOW));
    expect(await api.reconcileAudit()).toEqual({ done: 0, failed: 0, pending: 0 });
    expect(await api.undoApply('old-1', { actor: 'Ana' })).toMatchObject({ before: '2', after: '3' });
  });
});
