import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { removeDir, tempDataDir } from '../support/host';

const posix = process.platform !== 'win32';

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): Array<{ path: string; dir: boolean; mode: string }> {
  const out: Array<{ path: string; dir: boolean; mode: string }> = [{ path: '.', dir: true, mode: (statSync(dir).mode & 0o777).toString(8) }];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out.push({ path: path.relative(dir, full), dir: entry.isDirectory(), mode: (statSync(full).mode & 0o777).toString(8) });
  }
  return out;
}

/** The typed client over `services`: a wrong method or input is a type error; an API error throws an ApiError. */
const api = (services: Pick<Services, 'dispatch'>) => createInProcessClient(services);

describe.runIf(posix)('files in the data folder (Linux and macOS permissions)', () => {
  let dir: string;
  let services: Services | undefined;
  const start = async () => {
    services = await createServices({ dataDir: dir, hostKind: 'cli', appVersion: 't', notices: createNoticeBoard() });
    return services;
  };
  beforeEach(() => {
    dir = path.join(tempDataDir('st-files-'), 'data');
  });
  afterEach(async () => {
    await services?.close();
    services = undefined;
    removeDir(path.dirname(dir));
  });

  it('the folder and its sub-folders are 0700 and every file the app writes is 0600: profiles, sessions, settings, reports, the demo database', async () => {
    const old = process.umask(0o022);
    try {
      const app = await start();
      await api(app)['settings.set']({ engineerName: 'Ana Souza' });
      await api(app)['profiles.create']({
        profile: {
          name: 'Contoso PRD',
          customer: 'Contoso',
          role: 'production',
          engine: 'sqlserver',
          host: 'sql01',
          port: 1433,
          database: 'outsystems',
          user: 'os_admin',
          mailbox: 'noreply@contoso.com',
        },
      });
      const session = await api(app)['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso PRD' });
      await api(app)['reports.export']({ sessionId: session.session.id, format: 'md' });
      await api(app)['whatif.scenarios.save']({
        name: 'Contoso PRD',
        input: { environments: [{ name: 'PRD', mailbox: 'noreply@contoso.com', emailThreads: 2, servers: [{ name: 'FE1' }] }] },
      });
      await api(app)['demo.reset']({});
    } finally {
      process.umask(old);
    }
    const all = modes(dir);
    const names = all.map((m) => m.path);
    for (const expected of [
      'profiles.json',
      'settings.json',
      'reports.json',
      'whatif-scenarios.json',
      'sessions',
      'reports',
      'demo',
      path.join('demo', 'platform.sqlite'),
    ])
      expect(names).toContain(expected);
    expect(names.filter((n) => n.startsWith('reports/') && n.endsWith('.md'))).toHaveLength(1);
    expect(all.filter((m) => m.dir).map((m) => `${m.path} ${m.mode}`)).toEqual(all.filter((m) => m.dir).map((m) => `${m.path} 700`));
    expect(all.filter((m) => !m.dir).map((m) => `${m.path} ${m.mode}`)).toEqual(all.filter((m) => !m.dir).map((m) => `${m.path} 600`));
    expect(names.some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('at start, files and folders of an older version are tightened and temporary files left by a crash are removed', async () => {
    mkdirSync(path.join(dir, 'sessions'), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, data: {} }), { mode: 0o644 });
    const leftovers = [
      path.join(dir, '.profiles.json.999999.1733130000000.k3j2h1.tmp'),
      path.join(dir, 'sessions', '.b3c1d2e4-0000-4000-8000-000000000001.json.999999.1733130000000.a1b2c3.tmp'),
    ];
    for (const file of leftovers) writeFileSync(file, '{"half": ');
    // Chromium's own files beside ours in the desktop app's folder are not ours to change.
    writeFileSync(path.join(dir, 'Local State'), '{}', { mode: 0o644 });
    await start();
    for (const file of leftovers) expect(existsSync(file), file).toBe(false);
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(path.join(dir, 'sessions')).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(path.join(dir, 'settings.json')).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(path.join(dir, 'Local State')).mode & 0o777).toString(8)).toBe('644');
  });
});
