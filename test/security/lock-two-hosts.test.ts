import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, tempDataDir } from '../support/host';
import { callApi, spawnServe, type ServeProcess } from './support/serve-process';

/**
 * One writer per data folder, tested with real browser hosts (`npm run serve` as child processes):
 * two hosts on one folder used to each keep their own copy of profiles.json and overwrite each
 * other's changes.
 */
describe('one app per data folder (browser hosts as processes)', () => {
  let dir: string;
  const started: ServeProcess[] = [];
  const serve = () => {
    const host = spawnServe(dir);
    started.push(host);
    return host;
  };

  beforeEach(() => {
    dir = tempDataDir('st-lock-');
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.stop()));
    removeDir(dir);
  });

  it('a second host on the folder refuses to start, names the first, and exits non-zero; the first keeps working and releases the lock when stopped', async () => {
    const first = serve();
    const api = await first.ready;
    const second = serve();
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Support Toolkit is already running on this data folder: browser host, PID ${first.pid}.`);
    expect(second.stdout()).not.toContain('token=');

    expect((await callApi(api, 'app.info', {})).body).toMatchObject({ ok: true, value: { dataDir: dir } });
    const lock = JSON.parse(readFileSync(path.join(dir, '.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: first.pid, host: 'browser', hostname: os.hostname() });

    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(dir, '.lock'))).toBe(false);
  }, 60_000);

  it('takes over a lock left by a process that is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: dead, host: 'electron', started: '2025-01-01T00:00:00.000Z', hostname: os.hostname() }));
    const host = serve();
    await host.ready;
    expect(JSON.parse(readFileSync(path.join(dir, '.lock'), 'utf8'))).toMatchObject({ pid: host.pid, host: 'browser' });
  }, 60_000);

  it('keeps a lock held on another machine (a shared folder) and says where', async () => {
    writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: 4242, host: 'electron', started: '2025-01-01T00:00:00.000Z', hostname: 'another-laptop' }));
    const host = serve();
    expect(await host.exited).toBe(1);
    expect(host.stderr()).toContain('Support Toolkit is already running on this data folder: desktop app, PID 4242 on another-laptop.');
  }, 60_000);

  it('40 environments created at once through the host are all there after a restart, while a second host was refused', async () => {
    const first = serve();
    const api = await first.ready;
    const intruder = serve();
    const form = (i: number) => ({
      name: `Env ${i}`,
      customer: 'Contoso',
      role: 'production',
      engine: 'sqlserver',
      host: `sql${i}.contoso.local`,
      port: 1433,
      database: 'outsystems',
      user: 'os_admin',
      mailbox: 'noreply@contoso.com',
    });
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => callApi(api, 'profiles.create', { profile: form(i) })));
    expect(created.map((c) => c.status)).toEqual(Array(40).fill(200));
    expect(await intruder.exited).toBe(1);
    expect(await first.stop()).toBe(0);

    const again = serve();
    const api2 = await again.ready;
    const list = await callApi<Array<{ name: string; builtIn?: boolean }>>(api2, 'profiles.list', {});
    const names = list.body.value.filter((p) => !p.builtIn).map((p) => p.name);
    expect(names.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `Env ${i}`).sort());
  }, 90_000);
});
