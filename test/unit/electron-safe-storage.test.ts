import { describe, expect, it } from 'vitest';
import { createSafeStorageCipher, type SafeStorageLike } from '../../electron/main/safe-storage-cipher';

/** A stand-in for Electron's safeStorage: reversible, but visibly not the plain text. */
function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: backend ? () => backend : undefined,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from([...encrypted].map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('safeStorage password cipher', () => {
  it('refuses to save passwords when the system offers no encryption', () => {
    const result = createSafeStorageCipher(fakeSafeStorage(false), 'win32');
    expect(result.cipher).toBeUndefined();
    expect(result.reason).toMatch(/no OS-backed encryption/);
  });

  it('refuses on Linux when the backend is basic_text (a hard-coded key, not encryption)', () => {
    const result = createSafeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux');
    expect(result.cipher).toBeUndefined();
    expect(result.reason).toMatch(/keyring/);
  });

  it('uses a real Linux keyring', () => {
    expect(createSafeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').cipher).toBeDefined();
  });

  const HERE = JSON.stringify({ profile: 'p1', purpose: 'platform', host: 'sql01' });
  const THERE = JSON.stringify({ profile: 'p2', purpose: 'platform', host: 'sql02' });

  it('stores values with the v2:safe: prefix, never the plain text, and reads them back under the same binding', () => {
    const { cipher } = createSafeStorageCipher(fakeSafeStorage(true), 'darwin');
    const stored = cipher!.encrypt('S3cret-pässword', HERE);
    expect(stored.startsWith('v2:safe:')).toBe(true);
    expect(stored).not.toContain('S3cret');
    expect(cipher!.decrypt(stored, HERE)).toBe('S3cret-pässword');
  });

  it('does not open a value under another binding (moved to another profile or server)', () => {
    const { cipher } = createSafeStorageCipher(fakeSafeStorage(true), 'darwin');
    const stored = cipher!.encrypt('S3cret-pässword', HERE);
    expect(() => cipher!.decrypt(stored, THERE)).toThrow(/saved for another environment; enter it again/);
  });

  it('still reads an unbound value of the earlier format (v1:safe:), to be sealed again', () => {
    const safe = fakeSafeStorage(true);
    const { cipher } = createSafeStorageCipher(safe, 'darwin');
    const legacy = `v1:safe:${safe.encryptString('old-pw').toString('base64')}`;
    expect(cipher!.decrypt(legacy, HERE)).toBe('old-pw');
  });

  it('will not decrypt a value saved by another scheme', () => {
    const { cipher } = createSafeStorageCipher(fakeSafeStorage(true), 'win32');
    expect(() => cipher!.decrypt('v1:gcm:abc', HERE)).toThrow(/not saved by the desktop app/);
  });
});
