import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { createSecretVault } from '../../electron/services/secrets';
import { createGcmCipher, GCM_PREFIX, KEY_FILE, keyFileProblem, type ScryptCost } from '../../electron/services/secrets/gcm';
import type { SecretCipher } from '../../electron/services/context';
import { removeDir, tempDataDir } from '../support/host';

/**
 * Key files made by these tests are cheap; production keeps DEFAULT_KDF_COST (the one test that pays
 * it is test/integration/secret-key-cost.test.ts).
 */
const FAST: { newKeyCost: ScryptCost } = { newKeyCost: { N: 2 ** 10, r: 8, p: 1 } };
const HERE = JSON.stringify({ profile: 'p1', purpose: 'platform', host: 'sql01' });
const THERE = JSON.stringify({ profile: 'p2', purpose: 'platform', host: 'sql02' });

const dirs: string[] = [];
const dir = () => {
  const d = tempDataDir('st-secret-');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A stand-in for the desktop host's safeStorage cipher (its real one needs Electron). */
const fakeSafe: SecretCipher = {
  scheme: 'safe',
  encrypt: (plain) => `v2:safe:${Buffer.from(plain).reverse().toString('base64')}`,
  decrypt: (stored) => Buffer.from(stored.slice(8), 'base64').reverse().toString(),
};

async function keyFile(d: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(d, KEY_FILE), 'utf8')) as Record<string, unknown>;
}

describe('AES-256-GCM secret cipher', () => {
  it('round-trips a password, with the v2:gcm: prefix and a fresh IV each time', async () => {
    const cipher = await createGcmCipher(dir(), 'correct horse battery staple', FAST);
    const a = cipher.encrypt('S3cret-päss', HERE);
    const b = cipher.encrypt('S3cret-päss', HERE);
    expect(a.startsWith(GCM_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('S3cret');
    expect(cipher.decrypt(a, HERE)).toBe('S3cret-päss');
  });

  it('opens a value only under the binding it was sealed to', async () => {
    const cipher = await createGcmCipher(dir(), 'correct horse battery staple', FAST);
    const stored = cipher.encrypt('pw-123456', HERE);
    expect(() => cipher.decrypt(stored, THERE)).toThrow(/saved for another environment; enter it again/);
    // Rewriting the stored binding hash to match does not help: the binding is authenticated data.
    const raw = Buffer.from(stored.slice(GCM_PREFIX.length), 'base64');
    const forged = cipher.encrypt('x', THERE);
    Buffer.from(forged.slice(GCM_PREFIX.length), 'base64').copy(raw, 0, 0, 16);
    expect(() => cipher.decrypt(GCM_PREFIX + raw.toString('base64'), THERE)).toThrow(/could not be decrypted: it was changed on disk/);
  });

  it('opens again with the same passphrase after a restart, and refuses a wrong one with a sentence', async () => {
    const d = dir();
    const first = await createGcmCipher(d, 'right passphrase', FAST);
    const stored = first.encrypt('pw-123456', HERE);
    const again = await createGcmCipher(d, 'right passphrase');
    expect(again.decrypt(stored, HERE)).toBe('pw-123456');
    const wrong = createGcmCipher(d, 'wrong passphrase');
    await expect(wrong).rejects.toBeInstanceOf(ApiError);
    await expect(wrong).rejects.toThrow(/Wrong passphrase/);
  });

  it('keeps only a salt, the scrypt parameters and a verifier in the key file, never the passphrase', async () => {
    const d = dir();
    await createGcmCipher(d, 'my-own-passphrase', FAST);
    const text = await fs.readFile(path.join(d, KEY_FILE), 'utf8');
    expect(text).not.toContain('my-own-passphrase');
    expect(JSON.parse(text)).toMatchObject({ version: 1, kdf: 'scrypt', N: 2 ** 10, r: 8, p: 1 });
  });

  it('reads an existing key file with the parameters stored in it (the earlier N=2^15 keeps working)', async () => {
    const d = dir();
    const old = await createGcmCipher(d, 'an older passphrase', { newKeyCost: { N: 2 ** 15, r: 8, p: 1 } });
    const stored = old.encrypt('pw-old', HERE);
    expect(await keyFile(d)).toMatchObject({ N: 2 ** 15 });
    expect((await createGcmCipher(d, 'an older passphrase')).decrypt(stored, HERE)).toBe('pw-old');
  });

  it('refuses absurd or missing key derivation parameters with a clear message, before deriving anything', async () => {
    const d = dir();
    await createGcmCipher(d, 'some passphrase', FAST);
    const good = await keyFile(d);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ N: 1000 }, /outside the accepted range: N must be a power of two/],
      [{ N: 2 ** 21 }, /outside the accepted range: N must be a power of two from 2 to 2\^20/],
      [{ N: 2 ** 40 }, /N must be a power of two/],
      [{ N: '16384' }, /N must be a power of two/],
      [{ r: 33 }, /r must be a whole number from 1 to 32/],
      [{ r: 0 }, /r must be a whole number/],
      [{ p: 17 }, /p must be a whole number from 1 to 16/],
      [{ N: 2 ** 20, r: 32 }, /more than 1 GiB of memory/],
      [{ salt: undefined }, /damaged \(the salt is missing/],
      [{ salt: 'c2hvcnQ=' }, /damaged \(the salt is missing or shorter than 16 bytes/],
      [{ verifier: undefined }, /damaged \(the check value is missing/],
      [{ kdf: 'pbkdf2' }, /damaged \(unknown key derivation/],
    ];
    for (const [change, message] of cases) {
      await fs.writeFile(path.join(d, KEY_FILE), JSON.stringify({ ...good, ...change }));
      const started = performance.now();
      await expect(createGcmCipher(d, 'some passphrase')).rejects.toThrow(message);
      expect(performance.now() - started).toBeLessThan(500);
      expect(await keyFileProblem(d)).toMatch(message);
    }
    await fs.writeFile(path.join(d, KEY_FILE), '{ not json');
    await expect(createGcmCipher(d, 'some passphrase')).rejects.toThrow(/secret-key\.json in the data folder is damaged \(it is not valid JSON\)/);
  });

  it('asks for a passphrase of at least 8 characters for a new key file', async () => {
    const d = dir();
    await expect(createGcmCipher(d, 'seven77', FAST)).rejects.toThrow(/at least 8 characters/);
    await expect(fs.stat(path.join(d, KEY_FILE))).rejects.toThrow(/ENOENT/);
    await expect(createGcmCipher(d, 'eight888', FAST)).resolves.toBeDefined();
  });

  it('fails clearly on tampered ciphertext', async () => {
    const cipher = await createGcmCipher(dir(), 'passphrase', FAST);
    const stored = cipher.encrypt('pw-abcdef', HERE);
    const raw = Buffer.from(stored.slice(GCM_PREFIX.length), 'base64');
    raw[raw.length - 1] ^= 0x01;
    const tampered = GCM_PREFIX + raw.toString('base64');
    expect(() => cipher.decrypt(tampered, HERE)).toThrow(/could not be decrypted: it was changed on disk/);
    expect(() => cipher.decrypt(`${GCM_PREFIX}AAAA`, HERE)).toThrow(/could not be decrypted/);
  });
});

describe('secret vault: both schemes side by side', () => {
  it('says a desktop-saved password must be entered again instead of crashing in the browser host', async () => {
    const vault = createSecretVault(await createGcmCipher(dir(), 'passphrase', FAST));
    for (const fromDesktop of [fakeSafe.encrypt('pw-desktop', HERE), 'v1:safe:AAAA']) {
      expect(vault.stateOf(fromDesktop)).toBe('other-host');
      expect(() => vault.open(fromDesktop, HERE)).toThrow(/saved by the desktop app.*enter it again/);
    }
  });

  it('says a browser-host password needs its passphrase in the desktop app', () => {
    const vault = createSecretVault(fakeSafe);
    for (const fromBrowser of ['v1:gcm:AAAA', 'v2:gcm:AAAA']) {
      expect(vault.stateOf(fromBrowser)).toBe('other-host');
      expect(() => vault.open(fromBrowser, HERE)).toThrow(/passphrase/);
    }
    expect(vault.open(vault.seal('pw-x1', HERE), HERE)).toBe('pw-x1');
  });

  it('tells the earlier unbound format (to seal again) from the bound one', async () => {
    const vault = createSecretVault(await createGcmCipher(dir(), 'passphrase', FAST));
    expect(vault.needsReseal(vault.seal('pw', HERE))).toBe(false);
    expect(vault.needsReseal('v1:gcm:AAAA')).toBe(true);
    expect(vault.needsReseal('v1:safe:AAAA')).toBe(false);
    expect(vault.needsReseal(undefined)).toBe(false);
  });

  it('refuses to remember a password without a cipher, giving the host reason', () => {
    const vault = createSecretVault(undefined, 'no passphrase was given at start');
    expect(vault.canRemember).toBe(false);
    expect(() => vault.seal('pw', HERE)).toThrow(/cannot be remembered: no passphrase was given at start/);
  });
});

describe('browser host secret setup', () => {
  const notTty = { isTTY: false } as NodeJS.ReadStream;

  it('takes the passphrase from SUPPORT_TOOLKIT_PASSPHRASE, and without one (no terminal) gives a reason in words', async () => {
    const { resolveSecretCipher } = await import('../../electron/server/secret-setup');
    const d = dir();
    await createGcmCipher(d, 'from the environment', FAST);
    const withPassphrase = await resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: 'from the environment' }, { dataDir: d, stdin: notTty });
    expect(withPassphrase.cipher?.scheme).toBe('gcm');
    const without = await resolveSecretCipher({}, { dataDir: d, stdin: notTty });
    expect(without.cipher).toBeUndefined();
    expect(without.reason).toMatch(/no passphrase was given at start/);
  });

  it('an empty SUPPORT_TOOLKIT_PASSPHRASE runs without one on purpose, without asking', async () => {
    const { resolveSecretCipher } = await import('../../electron/server/secret-setup');
    const tty = { isTTY: true } as NodeJS.ReadStream; // asking would hang: it must not ask
    const result = await resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: '' }, { dataDir: dir(), stdin: tty });
    expect(result.cipher).toBeUndefined();
    expect(result.reason).toMatch(/without a passphrase on purpose/);
  });

  it('a wrong or too short passphrase is an error that stops the start, not a reason to run on', async () => {
    const { resolveSecretCipher, PassphraseError } = await import('../../electron/server/secret-setup');
    const d = dir();
    await createGcmCipher(d, 'the right passphrase', FAST);
    const wrong = resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: 'another one' }, { dataDir: d, stdin: notTty });
    await expect(wrong).rejects.toBeInstanceOf(PassphraseError);
    await expect(wrong).rejects.toThrow(/Wrong passphrase.*set SUPPORT_TOOLKIT_PASSPHRASE to an empty value/);
    await expect(resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: 'short' }, { dataDir: dir(), stdin: notTty })).rejects.toThrow(/at least 8 characters/);
  });
});
