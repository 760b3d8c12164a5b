import { describe, expect, it } from 'vitest';
import { login7Password } from '../support/fake-servers';
import { ctx, editProfiles, form, legacySecret, LOGIN7, profileSecretsBench } from './support/profile-secrets';

/**
 * A password goes only where it was given for. One typed for this session only is bound to the
 * connection like a saved one; a saved one of the old unbound format opens only in the profile it
 * was first seen in; and with Encrypt off the engineer is told the password travels unencrypted.
 * Fake SQL Servers on 127.0.0.1 accept any login, so a password that did leave would be seen.
 */
const PASSWORD = 'Only-For-Server-A-7';
const { server, setup } = profileSecretsBench('st-bound-');

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
    const legacy = legacySecret(key, PASSWORD);
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
