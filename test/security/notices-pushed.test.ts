import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { runReportCli } from '../../electron/cli/report-run';
import { removeDir, tempDataDir } from '../support/host';
import { callApi, spawnServe, type ServeProcess } from './support/serve-process';

/** Reads the host's event stream (what the page's EventSource reads) and collects its events. */
async function openEvents(api: { url: string; token: string }) {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/api/events?token=${api.token}`, { signal: controller.signal });
  const events: Array<{ kind: string; message?: string }> = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
          for (const wake of waiters.splice(0)) wake();
        }
      }
    } catch {
      /* closed */
    }
  })();
  return {
    events,
    async waitFor(predicate: (e: { kind: string; message?: string }) => boolean, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!events.some(predicate)) {
        if (Date.now() > deadline) throw new Error(`No such event; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return events.find(predicate)!;
    },
    close: () => controller.abort(),
  };
}

describe('problems with the data files are said when they happen', () => {
  let dir: string;
  let host: ServeProcess | undefined;
  beforeEach(() => {
    dir = tempDataDir('st-notices-');
  });
  afterEach(async () => {
    await host?.stop();
    host = undefined;
    removeDir(dir);
  });

  it('a damaged profiles.json found at start is in the first app.info and on the host’s stderr', async () => {
    writeFileSync(path.join(dir, 'profiles.json'), '{"version": 2, "data": {"profiles": [ {"name": 1');
    host = spawnServe(dir);
    const api = await host.ready;
    const info = await callApi<{ notices: string[] }>(api, 'app.info', {});
    const notice = info.body.value.notices.find((n) => n.startsWith('profiles.json could not be read because it is not valid JSON'));
    expect(notice).toMatch(/It was moved to .*profiles\.json\.corrupt-.* and a fresh file was started; nothing was deleted\.$/);
    expect(host.stderr()).toContain(`Notice: ${notice}`);
  }, 60_000);

  it('a store damaged while a page is open: the notice is pushed over the event stream and printed', async () => {
    host = spawnServe(dir);
    const api = await host.ready;
    const created = await callApi(api, 'profiles.create', {
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
    expect(created.status).toBe(200);
    const stream = await openEvents(api);
    // Someone (or a disk) damages the file while the app runs; the next use finds it.
    writeFileSync(path.join(dir, 'profiles.json'), '{"version": 2, "data": ');
    const list = await callApi<Array<{ id: string }>>(api, 'profiles.list', {});
    expect(list.body.value.map((p) => p.id)).toEqual(['demo']);
    const event = await stream.waitFor((e) => e.kind === 'notice');
    expect(event.message).toMatch(/^profiles\.json could not be read because it is not valid JSON.*moved to/);
    expect(host.stderr()).toContain(`Notice: ${event.message}`);
    expect((await callApi<{ notices: string[] }>(api, 'app.info', {})).body.value.notices).toContain(event.message);
    stream.close();
  }, 60_000);
});

describe('the report command says what it found at start on stderr', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('st-notices-cli-');
  });
  afterEach(() => removeDir(dir));

  it('a damaged profiles.json is named on stderr, before the outcome of the export', async () => {
    writeFileSync(path.join(dir, 'profiles.json'), '{"version": 2');
    const err: string[] = [];
    const code = await runReportCli(
      ['--session', 'missing', '--format', 'md', '--out', path.join(dir, 'r.md'), '--data-dir', dir],
      {},
      {
        out: () => undefined,
        err: (line) => err.push(line),
      },
    );
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^Notice: profiles\.json could not be read because it is not valid JSON.*moved to/);
    expect(err[1]).toMatch(/^Could not export the report: /);
  });
});

describe('every store is read and checked at start', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('st-startcheck-');
  });
  afterEach(() => removeDir(dir));

  it('damaged files of every store are moved aside when the app starts, before any page asks for them', async () => {
    const damaged = ['profiles.json', 'settings.json', 'reports.json', 'whatif-scenarios.json', 'audit.json'];
    for (const name of damaged) writeFileSync(path.join(dir, name), '{ damaged');
    const sessions = path.join(dir, 'sessions');
    await import('node:fs/promises').then((fs) => fs.mkdir(sessions));
    writeFileSync(path.join(sessions, 'b3c1d2e4-0000-4000-8000-000000000001.json'), '{"version":1,"data":{"schema":1');
    writeFileSync(path.join(dir, 'secret-key.json'), '{"version":1}');
    const notices = createNoticeBoard();
    const services = await createServices({ dataDir: dir, hostKind: 'browser', appVersion: 't', notices });
    try {
      const top = readdirSync(dir);
      for (const name of damaged)
        expect(
          top.some((f) => f.startsWith(`${name}.corrupt-`)),
          name,
        ).toBe(true);
      expect(readdirSync(sessions).some((f) => f.includes('.corrupt-'))).toBe(true);
      const said = notices.list().join('\n');
      for (const name of [...damaged, 'b3c1d2e4-0000-4000-8000-000000000001.json']) expect(said).toContain(`${name} could not be read`);
      // The key file is never moved (it is the only way to the passwords saved with it), only named.
      expect(top).toContain('secret-key.json');
      expect(said).toMatch(/secret-key\.json in the data folder is damaged/);
    } finally {
      await services.close();
    }
  });
});
