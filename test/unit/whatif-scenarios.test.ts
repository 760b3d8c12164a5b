import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { SCENARIOS_FILE } from '../../electron/services/whatif';
import { removeDir, tempDataDir } from '../support/host';

const input = { environments: [{ name: 'PRD', mailbox: 'noreply@contoso.com', emailThreads: 2, servers: [{ name: 'FE1' }, { name: 'FE2' }] }] };

describe('what-if scenarios API', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir();
  });
  afterEach(() => removeDir(dir));
  const start = () => createServices({ dataDir: dir, hostKind: 'cli', appVersion: '1.0.0', notices: createNoticeBoard() });

  it('saves, lists, reopens after a restart, renames and deletes', async () => {
    const first = await start();
    const saved = await first.dispatch('whatif.scenarios.save', { name: 'Contoso PRD', input });
    expect(saved.ok).toBe(true);
    const id = (saved as { value: { id: string } }).value.id;

    const second = await start();
    expect(await second.dispatch('whatif.scenarios.list', {})).toMatchObject({ ok: true, value: [{ id, name: 'Contoso PRD', environments: 1, servers: 2 }] });
    const reopened = await second.dispatch('whatif.scenarios.get', { id });
    expect(reopened).toMatchObject({ ok: true, value: { name: 'Contoso PRD', input: { provider: 'exchange-online', environments: [{ emailThreads: 2 }] } } });

    await second.dispatch('whatif.scenarios.save', { id, name: 'Contoso PRD after fix', input: { ...input, limit: 4 } });
    expect(await second.dispatch('whatif.scenarios.list', {})).toMatchObject({ value: [{ id, name: 'Contoso PRD after fix' }] });

    expect(await second.dispatch('whatif.scenarios.delete', { id })).toEqual({ ok: true, value: { deleted: true } });
    expect(await second.dispatch('whatif.scenarios.list', {})).toEqual({ ok: true, value: [] });
    expect(await second.dispatch('whatif.scenarios.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses invalid input and a second scenario with the same name, naming the field', async () => {
    const services = await start();
    const bad = await services.dispatch('whatif.scenarios.save', { name: 'X', input: { environments: [{ ...input.environments[0], emailThreads: -2 }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'input.environments.0.emailThreads' } });
    expect(await services.dispatch('whatif.scenarios.save', { name: ' ', input })).toMatchObject({ ok: false, error: { field: 'name' } });
    await services.dispatch('whatif.scenarios.save', { name: 'Same', input });
    expect(await services.dispatch('whatif.scenarios.save', { name: 'same', input })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(await services.dispatch('whatif.scenarios.list', {})).toMatchObject({ value: [{ name: 'Same' }] });
  });

  it('keeps the daily volume and quota fields, and still reads a file saved before they existed', async () => {
    const first = await start();
    const withVolume = {
      recipientLimit: 8000,
      quotaErrorSeen: true,
      environments: [{ ...input.environments[0], emailsPerDay: 2000, recipientsPerEmail: 3 }, { name: 'QA', mailbox: 'noreply@contoso.com', emailThreads: 1, servers: [{ name: 'FE1' }], recipientsPerDay: 5200 }],
    };
    const saved = await first.dispatch('whatif.scenarios.save', { name: 'Volume', input: withVolume });
    const id = (saved as { value: { id: string } }).value.id;
    const reopened = await (await start()).dispatch('whatif.scenarios.get', { id });
    expect(reopened).toMatchObject({
      ok: true,
      value: { input: { recipientLimit: 8000, quotaErrorSeen: true, environments: [{ emailsPerDay: 2000, recipientsPerEmail: 3 }, { recipientsPerDay: 5200 }] } },
    });
    const bad = await first.dispatch('whatif.scenarios.save', { name: 'Bad', input: { environments: [{ ...input.environments[0], emailsPerDay: 5, recipientsPerEmail: 0 }] } });
    expect(bad).toMatchObject({
      ok: false,
      error: { field: 'input.environments.0.recipientsPerEmail', message: expect.stringContaining('PRD: recipients per email must be a whole number of at least 1') },
    });

    // A file written before the recipients quota existed (schema version 1, no volume fields) loads as it was.
    const old = { id: 'old-1', name: 'Before the quota', input: { provider: 'exchange-online', environments: [{ name: 'PRD', emailThreads: 2, servers: [{ name: 'FE1', sendsEmail: true, zone: 'Global' }] }] }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const fresh = tempDataDir();
    try {
      writeFileSync(path.join(fresh, SCENARIOS_FILE), JSON.stringify({ version: 1, data: { scenarios: [old] } }));
      const services = await createServices({ dataDir: fresh, hostKind: 'cli', appVersion: '1.0.0', notices: createNoticeBoard() });
      expect(await services.dispatch('whatif.scenarios.get', { id: 'old-1' })).toMatchObject({ ok: true, value: { name: 'Before the quota', input: old.input } });
      expect(services.deps.notices.list()).toEqual([]);
    } finally {
      removeDir(fresh);
    }
  });

  it('a corrupt scenarios file is moved aside and the user is told', async () => {
    writeFileSync(path.join(dir, SCENARIOS_FILE), '{"version":1,"data":{"scenarios":[{"name":""}]}}');
    const services = await start();
    expect(await services.dispatch('whatif.scenarios.list', {})).toEqual({ ok: true, value: [] });
    expect(readdirSync(dir).some((f) => f.startsWith(`${SCENARIOS_FILE}.corrupt-`))).toBe(true);
    expect(services.deps.notices.list().join(' ')).toContain(SCENARIOS_FILE);
  });
});
