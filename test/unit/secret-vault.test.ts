import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors';
import { createGcmCipher, createSecretVault, GCM_PREFIX, KEY_FILE } from '../../electron/services/secrets';
import type { SecretCipher } from '../../electron/services/context';
import { removeDir, tempDataDir } from '../support/host';

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
  encrypt: (plain) => `v1:safe:${Buffer.from(plain).reverse().toString('base64')}`,
  decrypt: (stored) => Buffer.from(stored.slice(8), 'base64').reverse().toString(),
};

describe('AES-256-GCM secret cipher', () => {
  it('round-trips a password, with the v1:gcm: prefix and a fresh IV each time', async () => {
    const cipher = await createGcmCipher(dir(), 'correct horse battery staple');
    const a = cipher.encrypt('S3cret-päss');
    const b = cipher.encrypt('S3cret-päss');
    expect(a.startsWith(GCM_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('S3cret');
    expect(cipher.decrypt(a)).toBe('S3cret-päss');
  });

  it('opens again with the same passphrase after a restart, and refuses a wrong one with a sentence', async () => {
    const d = dir();
    const first = await createGcmCipher(d, 'right passphrase');
    const stored = first.encrypt('pw-123456');
    const again = await createGcmCipher(d, 'right passphrase');
    expect(again.decrypt(stored)).toBe('pw-123456');
    const wrong = createGcmCipher(d, 'wrong passphrase');
    await expect(wrong).rejects.toBeInstanceOf(ApiError);
    await expect(wrong).rejects.toThrow(/Wrong passphrase/);
  });

  it('keeps only a salt and a verifier in the key file, never the passphrase', async () => {
    const d = dir();
    await createGcmCipher(d, 'my-own-passphrase');
    const text = await fs.readFile(path.join(d, KEY_FILE), 'utf8');
    expect(text).not.toContain('my-own-passphrase');
    expect(JSON.parse(text)).toMatchObject({ version: 1, kdf: 'scrypt' });
  });

  it('fails clearly on tampered ciphertext', async () => {
    const cipher = await createGcmCipher(dir(), 'passphrase');
    const stored = cipher.encrypt('pw-abcdef');
    const raw = Buffer.from(stored.slice(GCM_PREFIX.length), 'base64');
    raw[raw.length - 1] ^= 0x01;
    const tampered = GCM_PREFIX + raw.toString('base64');
    expect(() => cipher.decrypt(tampered)).toThrow(/could not be decrypted: it was changed on disk/);
    expect(() => cipher.decrypt(`${GCM_PREFIX}AAAA`)).toThrow(/could not be decrypted/);
  });
});

describe('secret vault: both schemes side by side', () => {
  it('says a desktop-saved password must be entered again instead of crashing in the browser host', async () => {
    const vault = createSecretVault(await createGcmCipher(dir(), 'p'));
    const fromDesktop = fakeSafe.encrypt('pw-desktop');
    expect(vault.stateOf(fromDesktop)).toBe('other-host');
    expect(() => vault.open(fromDesktop)).toThrow(/saved by the desktop app.*enter it again/);
  });

  it('says a browser-host password needs its passphrase in the desktop app', () => {
    const vault = createSecretVault(fakeSafe);
    expect(vault.stateOf('v1:gcm:AAAA')).toBe('other-host');
    expect(() => vault.open('v1:gcm:AAAA')).toThrow(/passphrase/);
    expect(vault.open(vault.seal('pw-x1'))).toBe('pw-x1');
  });

  it('refuses to remember a password without a cipher, giving the host reason', () => {
    const vault = createSecretVault(undefined, 'no passphrase was given at start');
    expect(vault.canRemember).toBe(false);
    expect(() => vault.seal('pw')).toThrow(/cannot be remembered: no passphrase was given at start/);
  });
});

describe('browser host secret setup', () => {
  it('takes the passphrase from SUPPORT_TOOLKIT_PASSPHRASE, and without one (no terminal) gives a reason in words', async () => {
    const { resolveSecretCipher } = await import('../../electron/server/secret-setup');
    const d = dir();
    const notTty = { isTTY: false } as NodeJS.ReadStream;
    const withPassphrase = await resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: 'from env' }, { dataDir: d, stdin: notTty });
    expect(withPassphrase.cipher?.scheme).toBe('gcm');
    const without = await resolveSecretCipher({}, { dataDir: d, stdin: notTty });
    expect(without.cipher).toBeUndefined();
    expect(without.reason).toMatch(/no passphrase was given at start/);
    const wrong = await resolveSecretCipher({ SUPPORT_TOOLKIT_PASSPHRASE: 'another one' }, { dataDir: d, stdin: notTty });
    expect(wrong.cipher).toBeUndefined();
    expect(wrong.reason).toMatch(/Wrong passphrase/);
  });
});
