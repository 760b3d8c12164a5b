import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { createJsonFile } from '../json-file';

export const LEGACY_OWNERS_FILE = 'legacy-secrets.json';

/** Two profiles held the same unbound value when it was first seen: neither may open it. */
const SHARED = '(several)';

/** A short digest of a stored value: identifies it without keeping any of the ciphertext. */
function fingerprint(stored: string): string {
  return createHash('sha256').update(stored, 'utf8').digest('hex').slice(0, 32);
}

/**
 * Saved passwords of the old unbound format (`v1:`) carry nothing that says which profile they
 * belong to, so where each was first seen is recorded here (a digest, never the value): one moved
 * to another profile later, by hand or from a backup, is refused instead of sent to that profile's
 * server. A value is sealed again, bound, on its first successful use (profiles/index.ts).
 */
export function createLegacyOwners(dataDir: string, onNotice: (message: string) => void) {
  const file = createJsonFile<{ owners: Record<string, string> }>({
    file: path.join(dataDir, LEGACY_OWNERS_FILE),
    version: 1,
    schema: z.object({ owners: z.record(z.string(), z.string()) }),
    defaults: () => ({ owners: {} }),
    onNotice,
    compact: true,
  });
  let owners: Record<string, string> = {};

  return {
    /**
     * Records the owner (`<profile id>:<purpose>`) of every unbound value not seen before; a value
     * seen in two places at once belongs to neither. Returns the owners as now recorded.
     */
    async claim(values: Array<{ stored: string; owner: string }>): Promise<void> {
      const fresh = new Map<string, string>();
      const known = (await file.read()).owners;
      for (const { stored, owner } of values) {
        const key = fingerprint(stored);
        if (known[key]) continue;
        fresh.set(key, fresh.has(key) && fresh.get(key) !== owner ? SHARED : owner);
      }
      owners = fresh.size ? (await file.update((doc) => ({ owners: { ...doc.owners, ...Object.fromEntries(fresh) } }))).owners : known;
    },
    /** Whether this unbound value may be opened for this owner (recorded by the last `claim`). */
    belongsTo(stored: string, owner: string): boolean {
      return owners[fingerprint(stored)] === owner;
    },
  };
}
