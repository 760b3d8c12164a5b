import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { SCENARIOS_FILE } from '../../electron/services/whatif';
import { removeDir, tempDataDir } from '../support/host';

const input = { environments: [{ name: 'PRD', mailbox: 'noreply@contoso.com', emailThreads: 2, servers: [{ name: 'FE1' }, { name: 'FE2' }] }] };

describe('what-if scenarios API', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => removeDir(dir));
  const start = async () => createInProcessClient(await createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.0.0', notices: createNoticeBoard() }));

  it('saves, lists, reopens after a restart, renames and deletes', async () => {
    const first = await start();
    const { id } = await first['whatif.scenarios.save']({ name: 'Contoso PRD', input });

    const second = await start();
    expect(await second['whatif.scenarios.list']({})).toMatchObject([{ id, name: 'Contoso PRD', environments: 1, servers: 2 }]);
    const reopened = await second['whatif.scenarios.get']({ id });
    expect(reopened).toMatchObject({ name: 'Contoso PRD', input: { provider: 'exchange-online', environments: [{ emailThreads: 2 }] } });

    await second['whatif.scenarios.save']({ id, name: 'Contoso PRD after fix', input: { ...input, limit: 4 } });
    expect(await second['whatif.scenarios.list']({})).toMatchObject([{ id, name: 'Contoso PRD after fix' }]);

    expect(await second['whatif.scenarios.delete']({ id })).toEqual({ deleted: true });
    expect(await second['whatif.scenarios.list']({})).toEqual([]);
    await expect(second['whatif.scenarios.get']({ id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses invalid input and a second scenario with the same name, naming the field', async () => {
    const services = await start();
    const bad = services['whatif.scenarios.save']({ name: 'X', input: { environments: [{ ...input.environments[0], emailThreads: -2 }] } });
    await expect(bad).rejects.toMatchObject({ code: 'invalid_input', field: 'input.environments.0.emailThreads' });
    await expect(services['whatif.scenarios.save']({ name: ' ', input })).rejects.toMatchObject({ field: 'name' });
    await services['whatif.scenarios.save']({ name: 'Same', input });
    await expect(services['whatif.scenarios.save']({ name: 'same', input })).rejects.toMatchObject({ code: 'conflict', field: 'name' });
    expect(await services['whatif.scenarios.list']({})).toMatchObject([{ name: 'Same' }]);
  });

  it('keeps the daily volume and quota fields, and still reads a file saved before they existed', async () => {
    const first = await start();
    const withVolume = {
      recipientLimit: 8000,
      quotaErrorSeen: true,
      environments: [
        { ...input.environments[0], emailsPerDay: 2000, recipientsPerEmail: 3 },
        { name: 'QA', mailbox: 'noreply@contoso.com', emailThreads: 1, servers: [{ name: 'FE1' }], recipientsPerDay: 5200 },
      ],
    };
    const { id } = await first['whatif.scenarios.save']({ name: 'Volume', input: withVolume });
    const reopened = await (await start())['whatif.scenarios.get']({ id });
    expect(reopened).toMatchObject({
      input: { recipientLimit: 8000, quotaErrorSeen: true, environments: [{ emailsPerDay: 2000, recipientsPerEmail: 3 }, { recipientsPerDay: 5200 }] },
    });
    const bad = first['whatif.scenarios.save']({
      name: 'Bad',
      input: { environments: [{ ...input.environments[0], emailsPerDay: 5, recipientsPerEmail: 0 }] },
    });
    await expect(bad).rejects.toMatchObject({
      field: 'input.environments.0.recipientsPerEmail',
      message: expect.stringContaining('PRD: recipients per email must be a whole number of at least 1'),
    });

    // A file written before the recipients quota existed (schema version 1, no volume fields) loads as it was.
    const old = {
      id: 'old-1',
      name: 'Before the quota',
      input: { provider: 'exchange-online', environments: [{ name: 'PRD', emailThreads: 2, servers: [{ name: 'FE1', sendsEmail: true, zone: 'Global' }] }] },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const fresh = tempDataDir();
    try {
      writeFileSync(path.join(fresh, SCENARIOS_FILE), JSON.stringify({ version: 1, data: { scenarios: [old] } }));
      const services = await createServices({ dataDir: fresh, hostKind: 'cli', appVersion: '1.0.0', notices: createNoticeBoard() });
      expect(await createInProcessClient(services)['whatif.scenarios.get']({ id: 'old-1' })).toMatchObject({ name: 'Before the quota', input: old.input });
      expect(services.deps.notices.list()).toEqual([]);
    } finally {
      removeDir(fresh);
    }
  });

  it('a corrupt scenarios file is moved aside and the user is told', async () => {
    writeFileSync(path.join(dir, SCENARIOS_FILE), '{"version":1,"data":{"scenarios":[{"name":""}]}}');
    const notices = createNoticeBoard();
    const api = createInProcessClient(await createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.0.0', notices }));
    expect(await api['whatif.scenarios.list']({})).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith(`${SCENARIOS_FILE}.corrupt-`))).toBe(true);
    expect(notices.list().join(' ')).toContain(SCENARIOS_FILE);
  });
});
