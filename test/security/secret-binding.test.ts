import { describe, expect, it } from 'vitest';
import { login7Password } from '../support/fake-servers';
import { ctx, editProfiles, form, legacySecret, LOGIN7, profileSecretsBench, readProfiles } from './support/profile-secrets';

/**
 * A saved password is sealed to its profile and destination. Copied (in profiles.json) into another
 * profile, or left in a profile whose server was changed on disk, it does not open, and the server
 * it would now go to receives nothing, not even a connection. Fake SQL Servers on 127.0.0.1 accept
 * any login (Encrypt off) so that a password that did leave would be seen arriving.
 */
const PASSWORD = 'Bound-To-Its-Server-1';
const { server, setup } = profileSecretsBench('st-binding-');

describe('a saved password is sealed to its profile and where it goes', () => {
  it('copied into another profile that points at another server, it does not open and that server receives nothing', async () => {
    const [serverA, serverB] = [await server(), await server()];
    const { deps, service } = setup();
    const profiles = service();
    const a = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { password: PASSWORD }) }, ctx());
    const b = await profiles.handlers['profiles.create']({ profile: form(serverB.port, { name: 'Other' }) }, ctx());
    // A's password works where it was saved for (and the fake saw it: Encrypt off, Login7 in clear).
    await (await profiles.connect(a.id, { purpose: 'platform' })).close();
    expect(login7Password(serverA.packets.find((p) => p.type === LOGIN7)!.payload)).toBe(PASSWORD);

    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === b.id)!.secret = list.find((p) => p.id === a.id)!.secret;
    });
    const restarted = service();
    expect(await restarted.get(b.id)).toMatchObject({ hasPassword: true });
    await expect(restarted.connect(b.id, { purpose: 'platform' })).rejects.toMatchObject({
      code: 'locked',
      field: 'password',
      message: expect.stringMatching(/saved for another environment; enter it again/),
    });
    const tested = await restarted.handlers['profiles.test']({ id: b.id }, ctx());
    expect(tested.ok).toBe(false);
    expect(tested.failure?.message).toMatch(/saved for another environment; enter it again/);
    expect(serverB.connections).toBe(0);
    expect(serverB.packets).toEqual([]);
  });

  it('copied into another profile for the very same server and user, it still does not open (the profile id is sealed too)', async () => {
    const serverA = await server();
    const { deps, service } = setup();
    const profiles = service();
    const a = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { password: PASSWORD }) }, ctx());
    const twin = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { name: 'Twin' }) }, ctx());
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === twin.id)!.secret = list.find((p) => p.id === a.id)!.secret;
    });
    await expect(service().connect(twin.id, { purpose: 'platform' })).rejects.toThrow(/saved for another environment/);
    expect(serverA.connections).toBe(0);
  });

  it('left in its profile while the server is changed on disk, it does not go to the new server', async () => {
    const [serverA, serverB] = [await server(), await server()];
    const { deps, service } = setup();
    const a = await service().handlers['profiles.create']({ profile: form(serverA.port, { password: PASSWORD }) }, ctx());
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === a.id)!.port = serverB.port;
    });
    await expect(service().connect(a.id, { purpose: 'platform' })).rejects.toThrow(/saved for another environment/);
    expect(serverB.connections).toBe(0);
    // Turning Encrypt off on disk is a change of where it goes, too.
    await editProfiles(deps.dataDir, (list) => {
      Object.assign(
        list.find((p) => p.id === a.id)!,
        { port: serverA.port, encrypt: true },
      );
    });
    await expect(service().connect(a.id, { purpose: 'platform' })).rejects.toThrow(/saved for another environment/);
    expect(serverA.connections).toBe(0);
  });

  it('the log database login is sealed to the log purpose: the platform value does not open as the log password', async () => {
    const serverA = await server();
    const { deps, service } = setup();
    const a = await service().handlers['profiles.create'](
      { profile: form(serverA.port, { password: PASSWORD, logUser: 'os_admin', logDatabase: 'oslog', logPassword: `${PASSWORD}-log` }) },
      ctx(),
    );
    await editProfiles(deps.dataDir, (list) => {
      const p = list.find((x) => x.id === a.id)!;
      p.logSecret = p.secret;
    });
    await expect(service().connect(a.id, { purpose: 'log' })).rejects.toMatchObject({
      field: 'logPassword',
      message: expect.stringMatching(/saved for another environment/),
    });
    expect(serverA.connections).toBe(0);
  });

  it('an unbound value of the earlier format (v1:gcm:) opens once and is sealed again, bound, after the first successful use', async () => {
    const serverA = await server();
    const { deps, key, service } = setup();
    const a = await service().handlers['profiles.create']({ profile: form(serverA.port, { name: 'Old' }) }, ctx());
    const legacy = legacySecret(key, PASSWORD);
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === a.id)!.secret = legacy;
    });

    const profiles = service();
    expect(await profiles.get(a.id)).toMatchObject({ passwordState: 'saved' });
    await (await profiles.connect(a.id, { purpose: 'platform' })).close();
    expect(login7Password(serverA.packets.find((p) => p.type === LOGIN7)!.payload)).toBe(PASSWORD);
    const resealed = (await readProfiles(deps.dataDir)).find((p) => p.id === a.id)!.secret!;
    expect(resealed.startsWith('v2:gcm:')).toBe(true);
    expect(resealed).not.toContain(PASSWORD);

    // The new value still works here, and no longer moves.
    await (await service().connect(a.id, { purpose: 'platform' })).close();
    expect(serverA.packets.filter((p) => p.type === LOGIN7)).toHaveLength(2);
    const other = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { name: 'Other' }) }, ctx());
    await editProfiles(deps.dataDir, (list) => {
      list.find((p) => p.id === other.id)!.secret = resealed;
    });
    await expect(service().connect(other.id, { purpose: 'platform' })).rejects.toThrow(/saved for another environment/);
    expect(serverA.packets.filter((p) => p.type === LOGIN7)).toHaveLength(2);
  });

  it('Duplicate gives the copy its own sealing, so the copy works with the saved password', async () => {
    const serverA = await server();
    const { service } = setup();
    const profiles = service();
    const a = await profiles.handlers['profiles.create']({ profile: form(serverA.port, { password: PASSWORD }) }, ctx());
    const copy = await profiles.handlers['profiles.duplicate']({ id: a.id }, ctx());
    expect(copy.passwordState).toBe('saved');
    await (await service().connect(copy.id, { purpose: 'platform' })).close();
    expect(login7Password(serverA.packets.find((p) => p.type === LOGIN7)!.payload)).toBe(PASSWORD);
  });
});
