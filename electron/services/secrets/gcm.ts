import { createCipheriv, createDecipheriv, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { SecretCipher } from '../context';
import { writeFileAtomic } from '../json-file';

/**
 * AES-256-GCM for the browser host and the CLI. The key is derived with scrypt from a passphrase
 * the user gives at start and a random salt kept in the data folder. A verifier (a known text
 * encrypted with that key) lets a wrong passphrase fail at start, with a sentence, instead of
 * every saved password failing later.
 */
export const GCM_PREFIX = 'v1:gcm:';
export const KEY_FILE = 'secret-key.json';
const VERIFIER_TEXT = 'support-toolkit secret verifier';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyFileSchema = z.object({
  version: z.literal(1),
  kdf: z.literal('scrypt'),
  salt: z.string().min(16),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  verifier: z.string().startsWith(GCM_PREFIX),
});
type KeyFile = z.infer<typeof keyFileSchema>;

const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 1 };

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 });
}

function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return GCM_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function open(key: Buffer, stored: string): string {
  if (!stored.startsWith(GCM_PREFIX)) throw schemeError(stored);
  const raw = Buffer.from(stored.slice(GCM_PREFIX.length), 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw tampered();
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw tampered();
  }
}

function tampered(): ApiError {
  return new ApiError('corrupt_data', 'A saved password could not be decrypted: it was changed on disk or encrypted with another key. Enter it again.');
}

/** The other host's secrets cannot be read here; say so instead of failing obscurely. */
export function schemeError(stored: string): ApiError {
  if (stored.startsWith('v1:safe:')) return new ApiError('locked', 'This password was saved by the desktop app and cannot be read here; enter it again.');
  if (stored.startsWith(GCM_PREFIX)) {
    return new ApiError('locked', 'This password was saved with a passphrase (browser host) that was not given at this start; enter it again, or restart with the passphrase.');
  }
  return new ApiError('corrupt_data', 'A saved password has an unknown format; enter it again.');
}

/** Builds the cipher from raw material (tests, and `createGcmCipher` after the key file is read). */
export function gcmCipherFromKey(key: Buffer): SecretCipher {
  return { scheme: 'gcm', encrypt: (plain) => seal(key, plain), decrypt: (stored) => open(key, stored) };
}

/**
 * Opens (or on first use creates) the key file in `dataDir` and returns the cipher. A passphrase
 * that does not match the saved verifier throws ApiError('locked') with a sentence.
 */
export async function createGcmCipher(dataDir: string, passphrase: string): Promise<SecretCipher> {
  if (!passphrase) throw new ApiError('invalid_input', 'The passphrase is empty.');
  const file = path.join(dataDir, KEY_FILE);
  let saved: KeyFile | undefined;
  try {
    const parsed = keyFileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    if (!parsed.success) throw new ApiError('corrupt_data', `${KEY_FILE} in the data folder is damaged; saved passwords cannot be read. Move it away to start over (saved passwords will then be asked again).`);
    saved = parsed.data;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ApiError('corrupt_data', `${KEY_FILE} in the data folder could not be read (${(error as Error).message}).`);
    }
  }
  if (saved) {
    const key = deriveKey(passphrase, Buffer.from(saved.salt, 'base64'), saved);
    let verified: boolean;
    try {
      const text = Buffer.from(open(key, saved.verifier));
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
  const salt = randomBytes(16);
  const key = deriveKey(passphrase, salt, DEFAULT_COST);
  const record: KeyFile = { version: 1, kdf: 'scrypt', salt: salt.toString('base64'), ...DEFAULT_COST, verifier: seal(key, VERIFIER_TEXT) };
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return gcmCipherFromKey(key);
}
