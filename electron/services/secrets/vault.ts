import { ApiError } from '../../../shared/api/errors';
import type { PasswordState } from '../../../shared/profiles/schema';
import type { SecretCipher } from '../context';
import { schemeError } from './gcm';

/**
 * Where passwords live: encrypted in the profile (when the host can encrypt and the user asked to
 * remember it) or in this process's memory for the session. Nothing here ever logs a password.
 */
export interface SecretVault {
  readonly canRemember: boolean;
  readonly unavailableReason?: string;
  /** Encrypts for storage; refuses with the host's reason when it cannot. */
  seal(plain: string): string;
  /** Decrypts a stored value; throws ApiError with a sentence (other host, tampered). */
  open(stored: string): string;
  /** State of a stored value as the renderer may see it, without decrypting. */
  stateOf(stored: string | undefined): PasswordState;
  /** Session-only passwords, keyed by profile id and purpose. */
  session: Map<string, string>;
}

export function createSecretVault(cipher: SecretCipher | undefined, reason?: string): SecretVault {
  const prefix = cipher ? `v1:${cipher.scheme}:` : undefined;
  return {
    canRemember: Boolean(cipher),
    unavailableReason: cipher ? undefined : (reason ?? 'this host was started without a way to encrypt them'),
    seal(plain) {
      if (!cipher) throw new ApiError('unavailable', `The password cannot be remembered: ${reason ?? 'this host cannot encrypt passwords'}. Turn off "Remember password" to use it for this session only.`, { field: 'rememberPassword' });
      return cipher.encrypt(plain);
    },
    open(stored) {
      if (!cipher || !prefix || !stored.startsWith(prefix)) throw schemeError(stored);
      return cipher.decrypt(stored);
    },
    stateOf(stored) {
      if (!stored) return 'missing';
      if (prefix && stored.startsWith(prefix)) return 'saved';
      return 'other-host';
    },
    session: new Map(),
  };
}
