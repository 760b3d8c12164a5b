import { ApiError } from '../../../shared/api/errors';
import type { PasswordState } from '../../../shared/profiles/schema';
import type { SecretCipher } from '../context';
import { formatVersion } from './binding';
import { schemeError } from './gcm';
import { SessionSecrets } from './session';

/**
 * Where passwords live: encrypted in the profile (when the host can encrypt and the user asked to
 * remember it) or in this process's memory for the session. Nothing here ever logs a password.
 * Every stored value is sealed to a binding (which profile, purpose and destination it is for).
 */
export interface SecretVault {
  readonly canRemember: boolean;
  readonly unavailableReason?: string;
  /** Encrypts for storage, bound to `binding`; refuses with the host's reason when it cannot. */
  seal(plain: string, binding: string): string;
  /**
   * Decrypts a stored value sealed to `binding`; throws ApiError with a sentence (other host,
   * saved for another environment, tampered). Unbound `v1:` values still open.
   */
  open(stored: string, binding: string): string;
  /** True for a value of this host in the old unbound format: seal it again after a successful use. */
  needsReseal(stored: string | undefined): boolean;
  /** State of a stored value as the renderer may see it, without decrypting. */
  stateOf(stored: string | undefined): PasswordState;
  /** Session-only passwords, keyed by profile id and purpose, each bound like a saved one. */
  session: SessionSecrets;
}

export function createSecretVault(cipher: SecretCipher | undefined, reason?: string): SecretVault {
  const ours = (stored: string) => (cipher ? formatVersion(stored, cipher.scheme) : undefined);
  return {
    canRemember: Boolean(cipher),
    unavailableReason: cipher ? undefined : (reason ?? 'this host was started without a way to encrypt them'),
    seal(plain, binding) {
      if (!cipher)
        throw new ApiError(
          'unavailable',
          `The password cannot be remembered: ${reason ?? 'this host cannot encrypt passwords'}. Turn off "Remember password" to use it for this session only.`,
          { field: 'rememberPassword' },
        );
      return cipher.encrypt(plain, binding);
    },
    open(stored, binding) {
      if (!cipher || !ours(stored)) throw schemeError(stored);
      return cipher.decrypt(stored, binding);
    },
    needsReseal(stored) {
      return Boolean(stored && ours(stored) === 1);
    },
    stateOf(stored) {
      if (!stored) return 'missing';
      if (ours(stored)) return 'saved';
      return 'other-host';
    },
    session: new SessionSecrets(),
  };
}
