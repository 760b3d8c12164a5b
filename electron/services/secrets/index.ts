export { createGcmCipher, gcmCipherFromKey, schemeError, GCM_PREFIX, KEY_FILE } from './gcm';
export { createSecretVault, type SecretVault } from './vault';
