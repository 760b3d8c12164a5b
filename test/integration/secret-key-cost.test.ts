/**
 * The one test that pays the production key-derivation cost: every other test that creates a key
 * file passes `newKeyCost` (cheap parameters), so this is where a regression in the default shows.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGcmCipher, DEFAULT_KDF_COST, KEY_FILE } from '../../electron/services/secrets/gcm';
import { removeDir, tempDataDir } from '../support/host';

const dirs: string[] = [];
const dir = () => {
  const d = tempDataDir('st-secret-');
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

async function keyFile(d: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(path.join(d, KEY_FILE), 'utf8')) as Record<string, unknown>;
}

describe('AES-256-GCM secret cipher at production cost', () => {
  it('makes new key files with scrypt N=2^17, r=8, p=1 (the production default)', async () => {
    expect(DEFAULT_KDF_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const d = dir();
    const started = performance.now();
    await createGcmCipher(d, 'production cost passphrase');
    const ms = performance.now() - started;
    expect(await keyFile(d)).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    // Once per start; measured here so a regression in cost (or in maxmem) shows.
    console.log(`scrypt N=2^17 r=8 p=1: ${Math.round(ms)} ms`);
  });
});
