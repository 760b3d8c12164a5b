/**
 * One write path: only a session's Apply and Undo (sessions.apply, sessions.undo, behind the
 * session's guards) write to a platform database. The raw probe writes are not API methods on any
 * host, and the API offers exactly the methods a page or the CLI calls: a method nobody uses is
 * surface for nothing, so adding one without a caller fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { methodNames } from '../../shared/api/contract';
import { PROJECT_ROOT, removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';
import { THREADS } from '../support/concurrency';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Method names the pages and the CLI call through the typed client (`api['x']`), read from the source. */
function usedMethods(): Set<string> {
  const used = new Set<string>();
  const patterns: Array<[string, RegExp]> = [
    ['renderer/src', /\bapi\s*\[\s*['"`]([\w.]+)['"`]\s*\]/g],
    ['electron/cli', /\bapi\s*\[\s*['"`]([\w.]+)['"`]\s*\]/g],
  ];
  for (const [dir, pattern] of patterns) {
    for (const file of sourceFiles(path.join(PROJECT_ROOT, dir))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) used.add(match[1]!);
    }
  }
  return used;
}

const REMOVED = [
  'probes.apply',
  'probes.undo',
  'probes.audit',
  'probes.previewApply',
  'probes.threads',
  'probes.servers',
  'probes.errors',
  'probes.emailQueue',
  'profiles.get',
  'profiles.touch',
];

describe('the API has one write path', () => {
  let dataDir: string;
  let app: RunningHost;

  beforeAll(async () => {
    dataDir = tempDataDir('st-write-path-');
    app = await startTestHost(dataDir);
  });
  afterAll(async () => {
    await app?.stop();
    await forgetDemoDatabase(dataDir);
    removeDir(dataDir);
  });

  async function post(method: string, body: unknown) {
    const response = await fetch(`${app.host.url}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } } };
  }

  it('POST /api/probes.apply and /api/probes.undo on the browser host answer "unknown method" and change nothing', async () => {
    const apply = await post('probes.apply', { profileId: 'demo', expected: '2', newValue: 1, actor: 'Mallory' });
    expect(apply).toEqual({ status: 404, body: { ok: false, error: { code: 'not_found', message: 'Unknown API method "probes.apply"' } } });
    const undo = await post('probes.undo', { auditId: 'any', actor: 'Mallory' });
    expect(undo).toEqual({ status: 404, body: { ok: false, error: { code: 'not_found', message: 'Unknown API method "probes.undo"' } } });

    expect((await app.services.probes.readParameter('demo', THREADS)).globalValue).toBe(2);
    expect(await app.services.probes.listAudit()).toEqual([]);
  });

  it('no removed method answers on the browser host or is offered to the desktop window', async () => {
    for (const method of REMOVED) {
      expect(methodNames, method).not.toContain(method);
      expect((await post(method, {})).body.error, method).toMatchObject({ code: 'not_found' });
    }
    // The session's Apply is still there (refused here only because the session does not exist).
    expect((await post('sessions.apply', { id: 'no-such-session' })).body.error?.message).not.toMatch(/Unknown API method/);
    expect(methodNames).toEqual(expect.arrayContaining(['sessions.apply', 'sessions.undo']));
  });

  it('the contract offers exactly the methods a page or the CLI calls', () => {
    const used = usedMethods();
    expect(used.size).toBeGreaterThan(20);
    expect([...methodNames].sort()).toEqual([...used].sort());
  });
});
