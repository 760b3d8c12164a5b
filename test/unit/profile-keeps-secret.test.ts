import { afterEach, describe, expect, it } from 'vitest';
import { createNoticeBoard, type CallContext, type ServiceDeps } from '../../electron/services/context';
import { createProfileService } from '../../electron/services/profiles';
import { keepsSecret } from '../../electron/services/profiles/exchange';
import { createGcmCipher } from '../../electron/services/secrets';
import { profileFormSchema, type ProfileFormInput } from '../../shared/profiles/schema';
import { removeDir, tempDataDir } from '../support/host';

/** A saved password is forgotten on any change of where it goes, how, or as whom. */
const base = profileFormSchema.parse({
  name: 'Contoso PRD',
  engine: 'sqlserver',
  host: 'sql01.contoso.local',
  port: 1433,
  instanceName: '',
  database: 'outsystems',
  auth: 'ntlm',
  domain: 'CONTOSO',
  user: 'os_admin',
  logUser: 'os_log',
  logDatabase: 'oslog',
});

const destinationChanges: Array<[string, Partial<ProfileFormInput>]> = [
  ['engine', { engine: 'oracle', serviceName: 'PDB' }],
  ['host', { host: 'sql02.contoso.local' }],
  ['port', { port: 14330 }],
  ['instance', { instanceName: 'SQLEXPRESS' }],
  ['connect string', { connectString: 'attacker:1521/PDB' }],
  ['domain', { domain: 'FABRIKAM' }],
  ['auth kind', { auth: 'sql' }],
  ['Encrypt', { encrypt: false }],
  ['Trust server certificate', { trustServerCertificate: true }],
];

describe('keepsSecret', () => {
  for (const [what, change] of destinationChanges) {
    it(`forgets both saved passwords when the ${what} changes`, () => {
      const after = { ...base, ...change };
      expect(keepsSecret(base, after, 'platform')).toBe(false);
      expect(keepsSecret(base, after, 'log')).toBe(false);
    });
  }

  it("the platform user changing forgets the platform password, not the log database's own login", () => {
    const after = { ...base, user: 'sa' };
    expect(keepsSecret(base, after, 'platform')).toBe(false);
    expect(keepsSecret(base, after, 'log')).toBe(true);
  });

  it('keeps them when only the name, notes, database, timeouts or mailbox change', () => {
    const after = { ...base, name: 'Renamed', notes: 'n', database: 'other', timeouts: { connectSeconds: 5, querySeconds: 5 }, mailbox: 'a@b.co' };
    expect(keepsSecret(base, after, 'platform')).toBe(true);
    expect(keepsSecret(base, after, 'log')).toBe(true);
  });

  it("the log database's own user changing forgets only the log password", () => {
    const after = { ...base, logUser: 'someone_else' };
    expect(keepsSecret(base, after, 'log')).toBe(false);
    expect(keepsSecret(base, after, 'platform')).toBe(true);
  });
});

describe('editing a profile', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeDir));
  const ctx = (): CallContext => ({ callId: 't', signal: new AbortController().signal, progress: () => undefined });

  async function service() {
    const dataDir = tempDataDir('st-keep-');
    dirs.push(dataDir);
    const deps: ServiceDeps = {
      dataDir,
      hostKind: 'browser',
      appVersion: 'test',
      notices: createNoticeBoard(),
      secretCipher: await createGcmCipher(dataDir, 'test passphrase', { newKeyCost: { N: 2 ** 10, r: 8, p: 1 } }),
    };
    return createProfileService(deps);
  }

  it('Encrypt turned off: the saved password is forgotten, not sent without TLS', async () => {
    const profiles = await service();
    const created = await profiles.handlers['profiles.create']({ profile: { ...base, password: 'pw-platform', logPassword: 'pw-log' } }, ctx());
    expect(created).toMatchObject({ passwordState: 'saved', hasLogPassword: true });
    const edited = await profiles.handlers['profiles.update']({ id: created.id, profile: { ...base, encrypt: false } }, ctx());
    expect(edited).toMatchObject({ passwordState: 'missing', hasPassword: false, hasLogPassword: false });
    await expect(profiles.connect(created.id, { purpose: 'platform' })).rejects.toMatchObject({ code: 'locked' });
  });

  it('a password typed for this session only is forgotten too when the host changes', async () => {
    const profiles = await service();
    const created = await profiles.handlers['profiles.create']({ profile: { ...base, rememberPassword: false, password: 'pw-session' } }, ctx());
    expect(created.passwordState).toBe('session');
    const edited = await profiles.handlers['profiles.update']({ id: created.id, profile: { ...base, rememberPassword: false, host: 'elsewhere' } }, ctx());
    expect(edited.passwordState).toBe('missing');
  });

  it('a new log user forgets the log password and keeps the platform one', async () => {
    const profiles = await service();
    const created = await profiles.handlers['profiles.create']({ profile: { ...base, password: 'pw-platform', logPassword: 'pw-log' } }, ctx());
    const edited = await profiles.handlers['profiles.update']({ id: created.id, profile: { ...base, logUser: 'os_log2' } }, ctx());
    expect(edited).toMatchObject({ passwordState: 'saved', hasLogPassword: false });
  });

  it('Test connection on an edited form does not use the saved password for a changed destination', async () => {
    const profiles = await service();
    const created = await profiles.handlers['profiles.create']({ profile: { ...base, password: 'pw-platform' } }, ctx());
    const result = await profiles.handlers['profiles.test']({ id: created.id, profile: { ...base, trustServerCertificate: true } }, ctx());
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ category: 'password_needed', message: expect.stringMatching(/enter the password/) });
  });
});
