import type { SecretCipher } from '../services/context';

/**
 * How the browser host and the CLI get their secret cipher: AES-256-GCM keyed by a passphrase the
 * user gives at start (see README, "Passwords").
 */
export async function resolveSecretCipher(_env: NodeJS.ProcessEnv): Promise<{ cipher?: SecretCipher; reason?: string }> {
  return { reason: 'Saving passwords is not available in this host yet.' };
}
