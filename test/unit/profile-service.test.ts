import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { createProfileService } from '../../electron/services/profiles';
import { PROFILES_FILE } from '../../electron/services/profiles/store';
import { createGcmCipher } from '../../electron/services/secrets';
import { profileFormSchema, type ProfileFormInput } from '../../shared/profiles/schema';
import { removeDir, tempDataDir } from '../support/host';

const PASSWORD = 'Tr0ub4dor&3-never-shown';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function depsFor(options: { cipher?: boolean } = {}): Promise<ServiceDeps> {
  const dataDir = tempDataDir('st-profiles-');
  dirs.push(dataDir);
  return {
    dataDir,
    hostKind: 'browser',
    appVersion: 'test',
    notices: createNoticeBoard(),
    secretCipher: options.cipher === false ? undefined : await createGcmCipher(dataDir, 'test passphrase', { newKeyCost: { N: 2 ** 10, r: 8, p: 1 } }),
    secretCipherUnavailableReason: options.cipher === false ? 'no passphrase was given at start' : undefined,
  };
}

function sqlForm(overrides: Partial<ProfileFormInput> = {}) {
  return profileFormSchema.parse({
    name: 'Contoso PRD',
    customer: 'Contoso',
    role: 'production',
    engine: 'sqlserver',
    host: 'sql01.contoso.local',
    port: 1433,
    database: 'outsystems',
    user: 'os_admin',
    password: PASSWORD,
    mailbox: 'noreply@contoso.com',
    ...overrides,
  });
}

async function allFileText(dir: string): Promise<string> {
  let text = '';
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) text += await fs.readFile(path.join(entry.parentPath, entry.name), 'latin1');
  }
  return text;
}

describe('profile service', () => {
  it('round-trips a profile through the file, with the demo built in and the password only encrypted', async () => {
    const deps = await depsFor();
    const created = await createProfileService(deps).handlers['profiles.create']({ profile: sqlForm() }, ctx());
    expect(created).toMatchObject({ name: 'Contoso PRD', hasPassword: true, passwordState: 'saved', builtIn: false });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);

    const restarted = createProfileService(deps);
    const list = await restarted.list();
    expect(list.map((p) => p.name).sort()).toEqual(['Contoso PRD', 'Demo farm (embedded)']);
    const demo = await restarted.get('demo');
    expect(demo).toMatchObject({ builtIn: true, engine: 'demo', role: 'production', mailbox: 'noreply@contoso.com', smtpProvider: 'exchange-online' });
    expect(await restarted.get(created.id)).toMatchObject({ host: 'sql01.contoso.local', timeouts: { connectSeconds: 15, querySeconds: 30 } });
    expect(await allFileText(deps.dataDir)).not.toContain(PASSWORD);
  });

  it('never returns a saved password through any API result, and never writes it in plain text', async () => {
    const deps = await depsFor();
    const services = await createServices(deps);
    const api = createInProcessClient(services);
    const { id } = await api['profiles.create']({ profile: sqlForm({ logUser: 'os_log', logDatabase: 'oslog' }) });
    await api['profiles.update']({ id, profile: { ...sqlForm({ name: 'Renamed' }), password: undefined } });
    await api['profiles.unlock']({ id, password: PASSWORD, logPassword: `${PASSWORD}-log` });
    // Every one answers (an API error would reject), and none carries the password.
    const outputs = await Promise.all([
      api['profiles.list']({}),
      services.profiles.get(id),
      api['profiles.duplicate']({ id }),
      api['profiles.export']({}),
      services.profiles.touch(id),
    ]);
    for (const output of outputs) {
      expect(output).toBeTruthy();
      expect(JSON.stringify(output)).not.toContain(PASSWORD);
    }
    expect(JSON.stringify(outputs[1])).toContain('"hasPassword":true');
    expect(await allFileText(deps.dataDir)).not.toContain(PASSWORD);
    await services.close();
  });

  it('keeps the password in memory only when "Remember password" is off, and asks for it after a restart', async () => {
    const deps = await depsFor();
    const first = createProfileService(deps);
    const created = await first.handlers['profiles.create']({ profile: sqlForm({ rememberPassword: false }) }, ctx());
    expect(created.passwordState).toBe('session');
    expect(await allFileText(deps.dataDir)).not.toContain(PASSWORD);
    const second = createProfileService(deps);
    expect((await second.get(created.id)).passwordState).toBe('missing');
    await expect(second.connect(created.id, { purpose: 'platform' })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringMatching(/Enter the password of os_admin/),
    });

    // Given for the session, then "remember" turned on: saved encrypted, readable after a restart.
    await second.handlers['profiles.unlock']({ id: created.id, password: PASSWORD }, ctx());
    const { password: _omit, ...withoutPassword } = sqlForm({ rememberPassword: true });
    expect((await second.handlers['profiles.update']({ id: created.id, profile: withoutPassword }, ctx())).passwordState).toBe('saved');
    expect((await createProfileService(deps).get(created.id)).passwordState).toBe('saved');
    expect(await allFileText(deps.dataDir)).not.toContain(PASSWORD);
  });

  it('refuses to remember a password when the host cannot encrypt, naming the reason', async () => {
    const deps = await depsFor({ cipher: false });
    const service = createProfileService(deps);
    await expect(service.handlers['profiles.create']({ profile: sqlForm() }, ctx())).rejects.toThrow(/cannot be remembered: no passphrase was given at start/);
    const kept = await service.handlers['profiles.create']({ profile: sqlForm({ rememberPassword: false }) }, ctx());
    expect(kept.hasPassword).toBe(true);
  });

  it('sorts by last use, duplicates, deletes, and refuses to edit or delete the demo', async () => {
    let clock = Date.parse('2025-03-01T10:00:00Z');
    const deps = { ...(await depsFor()), now: () => new Date((clock += 1000)) };
    const service = createProfileService(deps);
    const a = await service.handlers['profiles.create']({ profile: sqlForm({ name: 'A' }) }, ctx());
    const b = await service.handlers['profiles.create']({ profile: sqlForm({ name: 'B' }) }, ctx());
    await service.touch(a.id);
    await service.touch(b.id);
    expect((await service.list()).map((p) => p.name).slice(0, 2)).toEqual(['B', 'A']);
    const copy = await service.handlers['profiles.duplicate']({ id: a.id }, ctx());
    expect(copy).toMatchObject({ name: 'A (copy)', hasPassword: true, lastUsedAt: null });
    await service.handlers['profiles.delete']({ id: b.id }, ctx());
    expect((await service.list()).map((p) => p.name)).not.toContain('B');
    await expect(service.get(b.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.handlers['profiles.delete']({ id: 'demo' }, ctx())).rejects.toThrow(/built-in demo environment cannot be deleted/);
    await expect(service.handlers['profiles.update']({ id: 'demo', profile: sqlForm() }, ctx())).rejects.toThrow(/cannot be edited/);
  });

  it('loses neither of two writes made at once', async () => {
    const deps = await depsFor();
    const service = createProfileService(deps);
    await Promise.all(Array.from({ length: 8 }, (_, i) => service.handlers['profiles.create']({ profile: sqlForm({ name: `P${i}` }) }, ctx())));
    expect((await createProfileService(deps).list()).filter((p) => !p.builtIn)).toHaveLength(8);
  });

  it('moves a corrupt profiles file aside with a notice and keeps working', async () => {
    const deps = await depsFor();
    await fs.writeFile(path.join(deps.dataDir, PROFILES_FILE), '{"version": 2, "data": {"profiles": [ {"name": 1', 'utf8');
    const service = createProfileService(deps);
    expect((await service.list()).map((p) => p.id)).toEqual(['demo']);
    expect(deps.notices.list().join('\n')).toMatch(/profiles\.json could not be read because it is not valid JSON.*moved to/);
    const files = await fs.readdir(deps.dataDir);
    expect(files.some((f) => f.startsWith(`${PROFILES_FILE}.corrupt-`))).toBe(true);
    await service.handlers['profiles.create']({ profile: sqlForm() }, ctx());
    expect(await service.list()).toHaveLength(2);
  });

  it('migrates a version 1 file (flat timeouts) without losing a field', async () => {
    const deps = await depsFor();
    const { password: _p, logPassword: _l, timeouts: _t, ...fields } = sqlForm();
    const v1 = {
      version: 1,
      data: {
        profiles: [
          {
            ...fields,
            id: 'old-1',
            createdAt: '2024-01-01T00:00:00.000Z',
            updatedAt: '2024-01-01T00:00:00.000Z',
            lastUsedAt: null,
            connectTimeoutSeconds: 20,
            queryTimeoutSeconds: 45,
          },
        ],
      },
    };
    await fs.writeFile(path.join(deps.dataDir, PROFILES_FILE), JSON.stringify(v1), 'utf8');
    const profile = await createProfileService(deps).get('old-1');
    expect(profile).toMatchObject({ name: 'Contoso PRD', timeouts: { connectSeconds: 20, querySeconds: 45 }, passwordState: 'missing' });
  });

  it('imports a shared file: preview first, same name replaced, others added, a malformed file refused', async () => {
    const deps = await depsFor();
    const service = createProfileService(deps);
    const saved = await service.handlers['profiles.create']({ profile: sqlForm() }, ctx());
    const exported = await service.handlers['profiles.export']({}, ctx());
    expect(exported.json).not.toContain(PASSWORD);
    expect(exported.json).not.toContain('v1:gcm:');
    const file = JSON.parse(exported.json);
    file.profiles.push({ ...file.profiles[0], id: undefined, name: 'Fabrikam QA', role: 'test' });
    file.profiles[0].notes = 'from the team';
    const json = JSON.stringify(file);
    expect(await service.handlers['profiles.importPreview']({ json }, ctx())).toEqual({
      added: ['Fabrikam QA'],
      replaced: ['Contoso PRD'],
      // Same server and user: the saved password stays.
      replacements: [{ name: 'Contoso PRD', changed: ['Notes'], dropsPassword: false }],
    });
    // Another host: the preview says what changes and that the saved password will be dropped.
    const moved = { ...file, profiles: [{ ...file.profiles[0], host: 'sql-new.contoso.local', port: 1444 }] };
    expect((await service.handlers['profiles.importPreview']({ json: JSON.stringify(moved) }, ctx())).replacements).toEqual([
      { name: 'Contoso PRD', changed: ['Notes', 'Host', 'Port'], dropsPassword: true },
    ]);
    expect((await service.list()).length).toBe(2);
    await service.handlers['profiles.import']({ json }, ctx());
    const after = await service.list();
    expect(after.map((p) => p.name).sort()).toEqual(['Contoso PRD', 'Demo farm (embedded)', 'Fabrikam QA']);
    expect(await service.get(saved.id)).toMatchObject({ notes: 'from the team', hasPassword: true });
    expect(after.find((p) => p.name === 'Fabrikam QA')?.hasPassword).toBe(false);

    await expect(service.handlers['profiles.importPreview']({ json: '{ not json' }, ctx())).rejects.toThrow(/not valid JSON/);
    await expect(service.handlers['profiles.import']({ json: JSON.stringify({ format: 'other', version: 1, profiles: [] }) }, ctx())).rejects.toThrow(
      /not a Support Toolkit profiles file/,
    );
    const badPort = { ...file, profiles: [{ ...file.profiles[0], port: 70000 }] };
    // Which profile and which field, in words; no internal path.
    const refused = service.handlers['profiles.import']({ json: JSON.stringify(badPort) }, ctx());
    await expect(refused).rejects.toThrow(
      'The profiles file cannot be imported: Profile 1 (Contoso PRD): port must be between 1 and 65535. Nothing was changed.',
    );
    const twoBad = { ...file, profiles: [file.profiles[0], { ...file.profiles[1], user: undefined, mailbox: 'nobody' }] };
    const message = await service.handlers['profiles.importPreview']({ json: JSON.stringify(twoBad) }, ctx()).catch((e: Error) => e.message);
    expect(message).toContain('Profile 2 (Fabrikam QA): user is missing');
    expect(message).toContain('Profile 2 (Fabrikam QA): sending mailbox must be an email address');
    expect(message).not.toMatch(/profiles\.\d/);
  });
});

describe('profile validation, the same at the form and the API', () => {
  it('names a wrong port, an empty host and an unknown engine', async () => {
    const deps = await depsFor();
    const services = await createServices(deps);
    const base = { name: 'X', engine: 'sqlserver', host: 'h', port: 1433, database: 'd', user: 'u' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...base, port: 0 }, /port: Port must be between 1 and 65535/],
      [{ ...base, port: 'abc' }, /port: Port must be a number/],
      [{ ...base, host: '  ' }, /host: Host is required/],
      [{ ...base, engine: 'mysql' }, /engine: Engine must be SQL Server or Oracle/],
      [{ ...base, engine: 'oracle', serviceName: '' }, /serviceName: Service name is required/],
      [{ ...base, engine: 'oracle', serviceName: 'S', schema: 'x; DROP TABLE y' }, /schema: Platform schema must be a plain Oracle name/],
      [{ ...base, mailbox: 'not-an-address' }, /mailbox: Sending mailbox must be an email address/],
      [{ ...base, timeouts: { connectSeconds: 0, querySeconds: 30 } }, /Connect timeout must be at least 0.5 seconds/],
    ];
    for (const [profile, message] of cases) {
      // Untyped on purpose (what another client could send): the dispatcher's envelope is checked.
      const result = await services.dispatch('profiles.create', { profile });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
      const form = profileFormSchema.safeParse(profile);
      expect(form.success).toBe(false);
    }
    expect(profileFormSchema.safeParse({ ...base, engine: 'oracle', host: '', connectString: 'db:1521/ORCL' }).success).toBe(true);
    await services.close();
  });
});

function ctx() {
  return { callId: 't', signal: new AbortController().signal, progress: () => undefined };
}
