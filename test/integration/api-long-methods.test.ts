/**
 * `long` in the contract, end to end through the dispatcher: a long method reports progress to its
 * caller and `app.cancel` with its call id stops it; the in-process client is the CLI's and the
 * tests' way in, with the same validation and errors as IPC and HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { newCallId } from '../../shared/api/client';
import { hangingServer, type FakeServer } from '../support/fake-servers';
import { removeDir, tempDataDir } from '../support/host';

describe('long methods through the typed client', () => {
  let dataDir: string;
  let services: Services;
  let hang: FakeServer;
  beforeAll(async () => {
    dataDir = tempDataDir('st-long-');
    hang = await hangingServer();
    services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
  });
  afterAll(async () => {
    await services.close();
    await hang.close();
    removeDir(dataDir);
  });

  it('a connection test reports its progress and stops when cancelled with its call id', async () => {
    const api = createInProcessClient(services);
    const callId = newCallId();
    const progress: string[] = [];
    const profile = {
      name: 'Hang',
      engine: 'sqlserver' as const,
      host: '127.0.0.1',
      port: hang.port,
      database: 'outsystems',
      user: 'os',
      password: 'not-a-real-password',
      timeouts: { connectSeconds: 60, querySeconds: 30 },
    };
    const running = api['profiles.test']({ profile }, { callId, onProgress: (p) => progress.push(p.message) });
    await expect.poll(() => progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^Connecting to 127\.0\.0\.1:\d+ \/ outsystems$/);
    expect(await api['app.cancel']({ callId })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, failure: { category: 'cancelled' } });
  });

  it('a wrong input is refused with the field named, as on every host', async () => {
    const api = createInProcessClient(services);
    await expect(api['sessions.get']({ id: '' })).rejects.toMatchObject({ code: 'invalid_input', field: 'id', message: 'id: Choose a session' });
  });
});
