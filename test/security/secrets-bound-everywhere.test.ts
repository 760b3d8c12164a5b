import { createCipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNoticeBoard, type CallContext, type ServiceDeps } from '../../electron/services/context';
import { createProfileService } from '../../electron/services/profiles';
import { PROFILES_FILE } from '../../electron/services/profiles/store';
import { gcmCipherFromKey } from '../../electron/services/secrets';
import { profileFormSchema, type ProfileFormInput } from '../../shared/profiles/schema';
import { fakeTdsServer, login7Password, type FakeTdsServer } from '../support/fake-servers';
import { removeDir, tempDataDir } from '../support/host';

/**
 * A password goes only where it was given for. One typed for this session only is bound to the
 * connection like a saved one; a saved one of the old unbound format opens only in the profile it
 * was first seen in; and with Encrypt off the engineer is told the password travels unencrypted.
 * Fake SQL Servers on 127.0.0.1 accept any login, so a password that did leave would be seen.
 */
const PASSWORD = 'Only-For-Server-A-7';
const LOGIN7 = 0x10;
const dirs: string[] = [];
const servers: FakeTdsServer[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<FakeTdsServer> {
  const s = await fakeTdsServer('not-supported', { acceptLogin: true });
  servers.push(s);
  return s;
}

function setup() {
  const dataDir = tempDataDir('st-bound-');
  dirs.push(dataDir);
  const key = randomBytes(32);
  const deps: ServiceDeps = { dataDir, hostKind: 'browser', appVersion: 'test', notices: createNoticeBoard(), secretCipher: gcmCipherFromKey(key) };
  return { deps, key, service: () => createProfileService(deps) };
}

const form = (port: number, overrides: Partial<ProfileFormInput> = {}) =>
  profileFormSchema.parse({
    name: `SQL on ${port}`,
    engine: 'sqlserver',
    host: '127.0.0.1',
    port,
    database: 'outsystems',
    user: 'os_admin',
    encrypt: false,
    timeouts: { connectSeconds: 3, querySeconds: 3 },
    ...overrides,
  });
const ctx = (): CallContext => ({ callId: 't', signal: new AbortController().signal, progress: () => undefined });

type FileProfile = { id: string; port: number; secret?: string } & Record<string, unknown>;
async function editProfiles(dataDir: string, edit: (profiles: FileProfile[]) => void): Promise<void> {
  const file = path.join(dataDir, PROFILES_FILE);
  const doc = JSON.parse(await fs.readFile(file, 'utf8')) as { data: { profiles: FileProfile[] } };
  edit(doc.data.profiles);
  await fs.writeFile(file, JSON.stringify(doc, null, 2));
}

describe('a password given for this session only', () => {
  it('is dropped, not sent, when the profile now points at another server', async () => {
    const [serverA, serverB] = [await server(), await server()];
    const { deps, service } = setup();
    const profiles = service();
    const a = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { rememberPassword: false }) }, ctx());
    await profiles.handlers['profiles.unlock']({ id: a.id, password: PASSWORD }, ctx());
    await (await profiles.connect(a.id, { purpose: 'platform' })).close();
    expect(login7Password(serverA.packets.find((p) => p.type === LOGIN7)!.payload)).toBe(PASSWORD);

    // The same running app; the profile's port changed underneath it (a hand edit, an older copy restored).
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === a.id)!.port = serverB.port;
    });
    expect(await profiles.get(a.id)).toMatchObject({ passwordState: 'missing', hasPassword: false });
    await expect(profiles.connect(a.id, { purpose: 'platform' })).rejects.toMatchObject({ code: 'locked', field: 'password' });
    expect(serverB.connections).toBe(0);
    // Pointing back does not bring it back: it was dropped.
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === a.id)!.port = serverA.port;
    });
    await expect(profiles.connect(a.id, { purpose: 'platform' })).rejects.toMatchObject({ code: 'locked' });
  });
});

describe('a saved password of the old unbound format (v1)', () => {
  it('opens in the profile it was first seen in, is sealed again there, and is refused when moved to another profile', async () => {
    const [serverA, serverB] = [await server(), await server()];
    const { deps, key, service } = setup();
    const first = service();
    const a = await first.handlers['profiles.create']({ profile: form(serverA.port, { name: 'Old' }) }, ctx());
    const b = await first.handlers['profiles.create']({ profile: form(serverB.port, { name: 'Other' }) }, ctx());
    // What versions before the binding wrote: IV | tag | ciphertext, no additional data.
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(PASSWORD, 'utf8'), cipher.final()]);
    const legacy = `v1:gcm:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === a.id)!.secret = legacy;
    });
    const profiles = service();
    await (await profiles.connect(a.id, { purpose: 'platform' })).close();
    expect(login7Password(serverA.packets.find((p) => p.type === LOGIN7)!.payload)).toBe(PASSWORD);

    // The old value copied into another profile (from a backup of the file) does not open there.
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === b.id)!.secret = legacy;
    });
    for (const app of [profiles, service()]) {
      await expect(app.connect(b.id, { purpose: 'platform' })).rejects.toMatchObject({
        code: 'locked',
        field: 'password',
        message: expect.stringMatching(/saved for another environment; enter it again/),
      });
    }
    expect(serverB.connections).toBe(0);
  });
});

describe('with Encrypt off', () => {
  it('the connection test says plainly that the password travels unencrypted, whatever its outcome', async () => {
    const { service } = setup();
    const profiles = service();
    // Nothing listens on port 1: the test fails fast, and the warning is still said.
    const result = await profiles.handlers['profiles.test']({ profile: form(1, { password: PASSWORD }) }, ctx());
    expect(result.ok).toBe(false);
    expect(result.warning).toMatch(/^Encrypt is off: the password travels unencrypted to the server/);
    const encrypted = await profiles.handlers['profiles.test']({ profile: form(1, { password: PASSWORD, encrypt: true }) }, ctx());
    expect(encrypted.warning).toBeUndefined();
  });
});
