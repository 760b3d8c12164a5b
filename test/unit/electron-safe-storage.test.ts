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

  it('stores values with the v1:safe: prefix, never the plain text, and reads them back', () => {
    const { cipher } = createSafeStorageCipher(fakeSafeStorage(true), 'darwin');
    const stored = cipher!.encrypt('S3cret-pässword');
    expect(stored.startsWith('v1:safe:')).toBe(true);
    expect(stored).not.toContain('S3cret');
    expect(cipher!.decrypt(stored)).toBe('S3cret-pässword');
  });

  it('will not decrypt a value saved by another scheme', () => {
    const { cipher } = createSafeStorageCipher(fakeSafeStorage(true), 'win32');
    expect(() => cipher!.decrypt('v1:gcm:abc')).toThrow(/not saved by the desktop app/);
  });
});
