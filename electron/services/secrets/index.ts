export {
  costProblem,
  createGcmCipher,
  gcmCipherFromKey,
  keyFileProblem,
  schemeError,
  DEFAULT_KDF_COST,
  GCM_PREFIX,
  KEY_FILE,
  LEGACY_GCM_PREFIX,
  MIN_PASSPHRASE_LENGTH,
  type ScryptCost,
} from './gcm';
export { BOUND_ELSEWHERE_MESSAGE } from './binding';
export { createSecretVault, type SecretVault } from './vault';
