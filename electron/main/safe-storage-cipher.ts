import { ApiError } from '../../shared/api/errors';
import type { SecretCipher } from '../services/context';
import { formatVersion, openEnvelope, sealEnvelope } from '../services/secrets/binding';

/** The part of Electron's safeStorage the cipher uses; injected so the refusal rules are unit-tested. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Bound values: safeStorage encrypts a JSON envelope {binding hash, secret} (services/secrets/binding.ts). */
export const SAFE_PREFIX = 'v2:safe:';
/** Unbound values from before the binding: still read, then sealed again as v2. */
export const LEGACY_SAFE_PREFIX = 'v1:safe:';

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
  const decrypt = (base64: string) => {
    try {
      return safeStorage.decryptString(Buffer.from(base64, 'base64'));
    } catch {
      throw new ApiError(
        'corrupt_data',
        'A saved password could not be decrypted by the system keychain: it was changed on disk or saved by another user. Enter it again.',
      );
    }
  };
  return {
    cipher: {
      scheme: 'safe',
      encrypt: (plain, binding) => SAFE_PREFIX + safeStorage.encryptString(sealEnvelope(plain, binding)).toString('base64'),
      decrypt: (stored, binding) => {
        const version = formatVersion(stored, 'safe');
        if (!version) throw new ApiError('locked', 'This password was not saved by the desktop app and cannot be read here; enter it again.');
        if (version === 1) return decrypt(stored.slice(LEGACY_SAFE_PREFIX.length));
        return openEnvelope(decrypt(stored.slice(SAFE_PREFIX.length)), binding);
      },
    },
  };
}
