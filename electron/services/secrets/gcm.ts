import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { SecretCipher } from '../context';
import { writeFileAtomic } from '../json-file';
import { bindingHash, boundElsewhere, formatVersion } from './binding';

/**
 * AES-256-GCM for the browser host and the CLI. The key is derived with scrypt from a passphrase
 * the user gives at start and a random salt kept in the data folder, with the scrypt parameters it
 * was made with. A verifier (a known text encrypted with that key) lets a wrong passphrase fail at
 * start, with a sentence, instead of every saved password failing later.
 *
 * Stored values: `v2:gcm:` + base64(binding hash [16] | IV [12] | tag [16] | ciphertext), sealed
 * with the binding's hash as additional authenticated data (binding.ts). `v1:gcm:` (IV | tag |
 * ciphertext, no binding) is still read.
 */
export const GCM_PREFIX = 'v2:gcm:';
export const LEGACY_GCM_PREFIX = 'v1:gcm:';
export const KEY_FILE = 'secret-key.json';
export const MIN_PASSPHRASE_LENGTH = 8;
const VERIFIER_TEXT = 'support-toolkit secret verifier';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HASH_BYTES = 16;
const MIN_SALT_BYTES = 16;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** For new key files: about 128 MiB and a few hundred milliseconds, once per start. */
export const DEFAULT_KDF_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** What a key file may ask for; beyond it the file is refused rather than obeyed. */
export const KDF_LIMITS = { maxN: 2 ** 20, maxR: 32, maxP: 16, maxMemoryBytes: 2 ** 30 } as const;

/** Why a cost read from a key file is refused, or undefined when it is within bounds. */
export function costProblem(cost: Partial<Record<keyof ScryptCost, unknown>>): string | undefined {
  const { N, r, p } = cost;
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
  if (!int(N) || N < 2 || N > KDF_LIMITS.maxN || (N & (N - 1)) !== 0) return `N must be a power of two from 2 to 2^20 (it is ${String(N)})`;
  if (!int(r) || r < 1 || r > KDF_LIMITS.maxR) return `r must be a whole number from 1 to ${KDF_LIMITS.maxR} (it is ${String(r)})`;
  if (!int(p) || p < 1 || p > KDF_LIMITS.maxP) return `p must be a whole number from 1 to ${KDF_LIMITS.maxP} (it is ${String(p)})`;
  if (128 * N * r > KDF_LIMITS.maxMemoryBytes) return `N and r together would need more than 1 GiB of memory (N=${N}, r=${r})`;
  return undefined;
}

interface KeyFile {
  version: 1;
  kdf: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
  verifier: string;
}

function deriveKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // Node refuses scrypt above 32 MiB unless maxmem says more; N=2^17, r=8 needs 128 MiB.
  const maxmem = 128 * cost.N * cost.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function encrypt(key: Buffer, plain: string, aad?: Buffer): { iv: Buffer; tag: Buffer; body: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
}

function decrypt(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad?: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw tampered();
  }
}

/** Bound to `binding` (v2). */
function seal(key: Buffer, plain: string, binding: string): string {
  const hash = bindingHash(binding);
  const { iv, tag, body } = encrypt(key, plain, hash);
  return GCM_PREFIX + Buffer.concat([hash.subarray(0, HASH_BYTES), iv, tag, body]).toString('base64');
}

/** Unbound (v1): only the key file's verifier is still written this way. */
function sealLegacy(key: Buffer, plain: string): string {
  const { iv, tag, body } = encrypt(key, plain);
  return LEGACY_GCM_PREFIX + Buffer.concat([iv, tag, body]).toString('base64');
}

function open(key: Buffer, stored: string, binding: string | undefined): string {
  const version = formatVersion(stored, 'gcm');
  if (!version) throw schemeError(stored);
  const raw = Buffer.from(stored.slice(LEGACY_GCM_PREFIX.length), 'base64');
  if (version === 1) {
    if (raw.length < IV_BYTES + TAG_BYTES) throw tampered();
    return decrypt(key, raw.subarray(0, IV_BYTES), raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), raw.subarray(IV_BYTES + TAG_BYTES));
  }
  if (raw.length < HASH_BYTES + IV_BYTES + TAG_BYTES) throw tampered();
  const hash = bindingHash(binding ?? '');
  // Sealed for another profile or destination: say so before trying (and failing) to decrypt.
  if (!timingSafeEqual(raw.subarray(0, HASH_BYTES), hash.subarray(0, HASH_BYTES))) throw boundElsewhere();
  const at = HASH_BYTES;
  return decrypt(key, raw.subarray(at, at + IV_BYTES), raw.subarray(at + IV_BYTES, at + IV_BYTES + TAG_BYTES), raw.subarray(at + IV_BYTES + TAG_BYTES), hash);
}

function tampered(): ApiError {
  return new ApiError('corrupt_data', 'A saved password could not be decrypted: it was changed on disk or encrypted with another key. Enter it again.');
}

/** The other host's secrets cannot be read here; say so instead of failing obscurely. */
export function schemeError(stored: string): ApiError {
  if (formatVersion(stored, 'safe')) return new ApiError('locked', 'This password was saved by the desktop app and cannot be read here; enter it again.');
  if (formatVersion(stored, 'gcm')) {
    return new ApiError(
      'locked',
      'This password was saved with a passphrase (browser host) that was not given at this start; enter it again, or restart with the passphrase.',
    );
  }
  return new ApiError('corrupt_data', 'A saved password has an unknown format; enter it again.');
}

/** Builds the cipher from raw material (tests, and `createGcmCipher` after the key file is read). */
export function gcmCipherFromKey(key: Buffer): SecretCipher {
  return { scheme: 'gcm', encrypt: (plain, binding) => seal(key, plain, binding), decrypt: (stored, binding) => open(key, stored, binding) };
}

function damaged(why: string): ApiError {
  return new ApiError(
    'corrupt_data',
    `${KEY_FILE} in the data folder is damaged (${why}); saved passwords cannot be read. Move it away to start over (saved passwords will then be asked again).`,
  );
}

/** Reads the key file bounded: every field checked, absurd scrypt parameters refused. */
function parseKeyFile(text: string): KeyFile {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw damaged('it is not valid JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw damaged('it is not a key record');
  if (data.version !== 1) throw damaged(`unknown version ${String(data.version)}`);
  if (data.kdf !== 'scrypt') throw damaged(`unknown key derivation ${String(data.kdf)}`);
  if (typeof data.salt !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(data.salt) || Buffer.from(data.salt, 'base64').length < MIN_SALT_BYTES) {
    throw damaged(`the salt is missing or shorter than ${MIN_SALT_BYTES} bytes`);
  }
  const problem = costProblem(data);
  if (problem) {
    throw new ApiError(
      'corrupt_data',
      `${KEY_FILE} in the data folder asks for scrypt parameters outside the accepted range: ${problem}. It was not used. Move it away to start over (saved passwords will then be asked again).`,
    );
  }
  if (typeof data.verifier !== 'string' || !data.verifier.startsWith(LEGACY_GCM_PREFIX)) throw damaged('the check value is missing');
  return data as unknown as KeyFile;
}

export interface GcmCipherOptions {
  /**
   * scrypt cost of a key file created now. Tests only, to stay fast; production uses
   * DEFAULT_KDF_COST. An existing key file always uses the parameters stored in it.
   */
  newKeyCost?: ScryptCost;
}

/**
 * Opens (or on first use creates) the key file in `dataDir` and returns the cipher. A passphrase
 * that does not match the saved verifier throws ApiError('locked') with a sentence. A new key file
 * needs a passphrase of at least 8 characters.
 */
export async function createGcmCipher(dataDir: string, passphrase: string, options: GcmCipherOptions = {}): Promise<SecretCipher> {
  if (!passphrase) throw new ApiError('invalid_input', 'The passphrase is empty.');
  const file = path.join(dataDir, KEY_FILE);
  let saved: KeyFile | undefined;
  try {
    saved = parseKeyFile(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ApiError('corrupt_data', `${KEY_FILE} in the data folder could not be read (${(error as Error).message}).`);
    }
  }
  if (saved) {
    const key = await deriveKey(passphrase, Buffer.from(saved.salt, 'base64'), saved);
    let verified: boolean;
    try {
      const text = Buffer.from(open(key, saved.verifier, undefined));
      const expected = Buffer.from(VERIFIER_TEXT);
      verified = text.length === expected.length && timingSafeEqual(text, expected);
    } catch {
      verified = false;
    }
    if (!verified) {
      throw new ApiError('locked', 'Wrong passphrase: it is not the one the saved passwords of this data folder were encrypted with.');
    }
    return gcmCipherFromKey(key);
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new ApiError('invalid_input', `The passphrase is too short: it must have at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  const cost = options.newKeyCost ?? DEFAULT_KDF_COST;
  const problem = costProblem(cost);
  if (problem) throw new ApiError('invalid_input', `scrypt parameters out of range: ${problem}.`);
  const salt = randomBytes(16);
  const key = await deriveKey(passphrase, salt, cost);
  const record: KeyFile = {
    version: 1,
    kdf: 'scrypt',
    salt: salt.toString('base64'),
    N: cost.N,
    r: cost.r,
    p: cost.p,
    verifier: sealLegacy(key, VERIFIER_TEXT),
  };
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return gcmCipherFromKey(key);
}

/**
 * Without the passphrase: whether the key file in `dataDir` is usable, as a sentence for the
 * notices, or undefined when it is fine or absent. Nothing is derived, nothing is changed.
 */
export async function keyFileProblem(dataDir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, KEY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `${KEY_FILE} in the data folder could not be read (${(error as Error).message}).`;
  }
  try {
    parseKeyFile(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
