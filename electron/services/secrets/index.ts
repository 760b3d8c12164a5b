export { createGcmCipher, gcmCipherFromKey, keyFileProblem, DEFAULT_KDF_COST, GCM_PREFIX, KEY_FILE, MIN_PASSPHRASE_LENGTH, type ScryptCost } from './gcm';
export { createSecretVault, type SecretVault } from './vault';
