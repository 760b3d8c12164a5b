import type { SecretCipher } from '../services/context';

/** The part of Electron's safeStorage the cipher uses; injected so the refusal rules are unit-tested. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SAFE_PREFIX = 'v1:safe:';

/**
 * safeStorage-backed cipher. On Linux without a keyring safeStorage falls back to a hard-coded
 * key ("basic_text"): that is not encryption, so saving passwords is refused there.
 */
export function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): { cipher?: SecretCipher; reason?: string } {
  if (!safeStorage.isEncryptionAvailable()) {
    return { reason: 'This system offers no OS-backed encryption, so passwords cannot be saved. They will be asked for each session.' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return { reason: 'No system keyring (GNOME Keyring or KWallet) was found, so passwords cannot be saved securely. They will be asked for each session.' };
  }
  return {
    cipher: {
      scheme: 'safe',
      encrypt: (plain) => SAFE_PREFIX + safeStorage.encryptString(plain).toString('base64'),
      decrypt: (stored) => {
        if (!stored.startsWith(SAFE_PREFIX)) throw new Error('This secret was not saved by the desktop app');
        return safeStorage.decryptString(Buffer.from(stored.slice(SAFE_PREFIX.length), 'base64'));
      },
    },
  };
}
