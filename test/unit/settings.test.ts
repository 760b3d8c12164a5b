import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { removeDir, tempDataDir } from '../support/host';

describe('API dispatch and settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => removeDir(dir));
  const start = () => createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.2.3', notices: createNoticeBoard() });

  it('persists settings across a restart', async () => {
    const first = await start();
    expect(await first.dispatch('settings.set', { theme: 'dark', pageSize: 'Letter' })).toMatchObject({ ok: true });
    const second = await start();
    expect(await second.dispatch('settings.get', {})).toEqual({ ok: true, value: { theme: 'dark', pageSize: 'Letter', engineerName: '' } });
  });

  it('names the field of invalid input and keeps what was saved', async () => {
    const services = await start();
    await services.dispatch('settings.set', { theme: 'light' });
    const result = await services.dispatch('settings.set', { pageSize: 'A3' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pageSize' } });
    expect(await services.dispatch('settings.get', {})).toMatchObject({ value: { theme: 'light', pageSize: 'A4' } });
  });

  it('rejects unknown methods and unknown fields', async () => {
    const services = await start();
    expect(await services.dispatch('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await services.dispatch('settings.set', { colour: 'red' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('reports the host, version and data folder', async () => {
    const services = await start();
    expect(await services.dispatch('app.info', {})).toMatchObject({ ok: true, value: { version: '1.2.3', dataDir: dir, hostKind: 'cli' } });
  });
});
