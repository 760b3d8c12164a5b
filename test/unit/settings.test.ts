import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { removeDir, tempDataDir } from '../support/host';

describe('API dispatch and settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => removeDir(dir));
  const start = async () => createInProcessClient(await createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.2.3', notices: createNoticeBoard() }));

  it('persists settings across a restart', async () => {
    const first = await start();
    expect(await first['settings.set']({ theme: 'dark', pageSize: 'Letter' })).toMatchObject({ theme: 'dark' });
    const second = await start();
    expect(await second['settings.get']({})).toEqual({ theme: 'dark', pageSize: 'Letter', engineerName: '' });
  });

  it('names the field of invalid input and keeps what was saved', async () => {
    const services = await start();
    await services['settings.set']({ theme: 'light' });
    // @ts-expect-error A3 is not a page size the app prints on: a type error, and refused at run time.
    const result = services['settings.set']({ pageSize: 'A3' });
    await expect(result).rejects.toMatchObject({ code: 'invalid_input', field: 'pageSize' });
    expect(await services['settings.get']({})).toMatchObject({ theme: 'light', pageSize: 'A4' });
  });

  it('rejects unknown methods and unknown fields', async () => {
    // The envelope itself: what any host answers for a method that does not exist.
    const services = await createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.2.3', notices: createNoticeBoard() });
    expect(await services.dispatch('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // @ts-expect-error an unknown field is a type error for the client, and refused at run time.
    await expect(createInProcessClient(services)['settings.set']({ colour: 'red' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('reports the host, version and data folder', async () => {
    const services = await start();
    expect(await services['app.info']({})).toMatchObject({ version: '1.2.3', dataDir: dir, hostKind: 'cli' });
  });
});
