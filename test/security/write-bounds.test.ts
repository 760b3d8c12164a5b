import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES, MAX_SCENARIOS } from '../../shared/api/methods/whatif';
import { MAX_IMPORT_PROFILES, MAX_SAVED_PROFILES } from '../../electron/services/profiles/exchange';
import { PROFILES_FILE } from '../../electron/services/profiles/store';
import { servicesOnTempFolders } from '../support/services';

/** Every write has a size and a count, and a refusal says which, in a few words, with nothing saved. */
const start = servicesOnTempFolders('st-bounds-');

const profile = (i: number) => ({
  id: `id-${i}`,
  name: `Profile ${i}`,
  engine: 'sqlserver',
  host: `sql${i}.contoso.local`,
  port: 1433,
  database: 'outsystems',
  user: 'os_admin',
});
const profilesFile = (count: number, from = 0) =>
  JSON.stringify({
    format: 'support-toolkit.profiles',
    version: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    profiles: Array.from({ length: count }, (_, i) => profile(from + i)),
  });

describe('an error names at most a few unknown keys', () => {
  it('a body of 700,000 unknown keys gets a short answer that counts the rest', async () => {
    const { services } = await start();
    const body: Record<string, number> = { playbookId: 0 };
    for (let i = 0; i < 700_000; i++) body[`unknown-key-number-${i}`] = i;
    const envelope = await services.dispatch('settings.set', body);
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid_input');
    expect(envelope.error.message).toMatch(/^Unrecognized keys: "playbookId", "unknown-key-number-0", "unknown-key-number-1" and 699,998 more$/);
    expect(JSON.stringify(envelope).length).toBeLessThan(300);
  });

  it('a key of a megabyte is cut short in the answer', async () => {
    const { services } = await start();
    const envelope = await services.dispatch('settings.set', { ['k'.repeat(1024 * 1024)]: 1 });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.message).toBe(`Unrecognized key: "${'k'.repeat(40)}…"`);
  });
});

describe('profiles import: a count per file and in total, in one pass', () => {
  it(`a file of more than ${MAX_IMPORT_PROFILES.toLocaleString('en-US')} profiles is refused by its count, and nothing is saved`, async () => {
    const { services, dataDir } = await start();
    const envelope = await services.dispatch('profiles.import', { json: profilesFile(MAX_IMPORT_PROFILES + 1) });
    expect(envelope).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'json',
        message: 'The profiles file lists 1,001 profiles; at most 1,000 can be imported from one file. Nothing was changed.',
      },
    });
    expect(() => readFileSync(path.join(dataDir, PROFILES_FILE))).toThrow(/ENOENT/);
  });

  it('the same file imported again replaces each profile by id; past the total cap an import is refused whole', async () => {
    const { services, dataDir } = await start();
    const first = await services.dispatch('profiles.import', { json: profilesFile(MAX_IMPORT_PROFILES) });
    expect(first).toMatchObject({ ok: true });
    const again = await services.dispatch('profiles.import', { json: profilesFile(MAX_IMPORT_PROFILES) });
    expect(again.ok && (again.value as { replaced: string[]; added: string[] })).toMatchObject({ added: [] });
    expect(again.ok && (again.value as { replaced: string[] }).replaced).toHaveLength(MAX_IMPORT_PROFILES);
    const saved = () => (JSON.parse(readFileSync(path.join(dataDir, PROFILES_FILE), 'utf8')) as { data: { profiles: unknown[] } }).data.profiles.length;
    expect(saved()).toBe(MAX_IMPORT_PROFILES);

    // Names are matched too: profiles of another file with new ids and names count as new.
    const second = await services.dispatch('profiles.import', { json: profilesFile(MAX_SAVED_PROFILES - MAX_IMPORT_PROFILES, 10_000) });
    expect(second).toMatchObject({ ok: true });
    expect(saved()).toBe(MAX_SAVED_PROFILES);
    const over = await services.dispatch('profiles.import', { json: profilesFile(1, 20_000) });
    expect(over).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Importing would add 1 profile to the 2,000 saved; at most 2,000 can be saved. Delete some first. Nothing was changed.',
      },
    });
    expect(saved()).toBe(MAX_SAVED_PROFILES);
  });
});

describe('what-if scenarios: a size and a count', () => {
  const input = (servers: number, name = 'PRD') => ({
    environments: [{ name, emailThreads: 2, servers: Array.from({ length: servers }, (_, i) => ({ name: `FE${i}` })) }],
  });

  it(`a scenario over ${MAX_SCENARIO_BYTES / 1024} KB, or with too many servers, is refused naming the limit`, async () => {
    const { services } = await start();
    const big = await services.dispatch('whatif.scenarios.save', {
      name: 'Big',
      input: { environments: [{ name: 'x'.repeat(70_000), emailThreads: 1, servers: [{ name: 'a' }] }] },
    });
    expect(big).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'input', message: 'input: A scenario can be at most 64 KB (this one is 69 KB)' },
    });
    const wide = await services.dispatch('whatif.scenarios.save', { name: 'Wide', input: input(101) });
    expect(wide).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'input.environments.0.servers',
        message: 'input.environments.0.servers: An environment can have at most 100 servers',
      },
    });
  });

  it(`at most ${MAX_SCENARIOS} scenarios are saved; saving over one of them still works`, async () => {
    const { services } = await start();
    let lastId = '';
    for (let i = 0; i < MAX_SCENARIOS; i++) {
      const saved = await services.dispatch('whatif.scenarios.save', { name: `Scenario ${i}`, input: input(1) });
      if (!saved.ok) throw new Error(saved.error.message);
      lastId = (saved.value as { id: string }).id;
    }
    const refused = await services.dispatch('whatif.scenarios.save', { name: 'One more', input: input(1) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `At most ${MAX_SCENARIOS} scenarios can be saved; delete one you no longer need first.` },
    });
    expect(await services.dispatch('whatif.scenarios.save', { id: lastId, name: 'Renamed', input: input(2) })).toMatchObject({ ok: true });
  });
});
