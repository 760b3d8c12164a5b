export { createGcmCipher, keyFileProblem, MIN_PASSPHRASE_LENGTH } from './gcm';
export { createSecretVault, type SecretVault } from './vault';
