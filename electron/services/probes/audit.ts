import path from 'node:path';
import { z } from 'zod';
import type { AuditEntry } from '../../../shared/probes/types';
import { createJsonFile } from '../json-file';

const entrySchema = z.object({
  id: z.string(),
  kind: z.enum(['apply', 'undo']),
  at: z.string(),
  actor: z.string(),
  profileId: z.string(),
  environment: z.string(),
  engine: z.enum(['sqlserver', 'oracle', 'demo']),
  parameter: z.string(),
  statement: z.string(),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  before: z.string().nullable(),
  after: z.string(),
  sessionId: z.string().optional(),
  undoOf: z.string().optional(),
  // Entries written before audit-first have no state: they were written after the commit, so done.
  state: z.enum(['pending', 'done', 'failed']).optional(),
  note: z.string().optional(),
});
type StoredEntry = z.infer<typeof entrySchema>;

export type AuditState = NonNullable<AuditEntry['state']>;

/** The state of an entry; entries without one (older files) are done. */
export function auditState(entry: Pick<AuditEntry, 'state'>): AuditState {
  return entry.state ?? 'done';
}

/**
 * Every write to a platform database, in the data folder (audit.json). Audit first: an entry is
 * written `pending` before the transaction starts and completed (`done`, with the value read back)
 * or `failed` (with the reason) once the outcome is known, so a crash in between leaves a pending
 * entry to reconcile, never a change without a record.
 */
export function createAuditLog(dataDir: string, onNotice?: (message: string) => void) {
  const file = createJsonFile<StoredEntry[]>({
    file: path.join(dataDir, 'audit.json'),
    version: 1,
    schema: z.array(entrySchema),
    defaults: () => [],
    onNotice,
  });

  async function change(id: string, patch: (entry: StoredEntry) => StoredEntry): Promise<void> {
    let found = false;
    await file.update((entries) =>
      entries.map((entry) => {
        if (entry.id !== id) return entry;
        found = true;
        return patch(entry);
      }),
    );
    if (!found) throw new Error(`The audit entry ${id} is missing from audit.json`);
  }

  return {
    /** Records a change about to be made: state pending, `after` the value it will write. */
    async begin(entry: Omit<AuditEntry, 'state' | 'undoneBy' | 'note'>): Promise<void> {
      const stored: StoredEntry = { ...entry, state: 'pending' };
      await file.update((entries) => [...entries, stored]);
    },
    /** The change committed: `after` is the value read back. */
    complete(id: string, outcome: { after: string; at: string; note?: string }): Promise<void> {
      return change(id, (entry) => {
        const { note: _old, ...rest } = entry;
        return { ...rest, after: outcome.after, at: outcome.at, state: 'done', ...(outcome.note ? { note: outcome.note } : {}) };
      });
    },
    /** Nothing was changed (refused, rolled back, or the database holds the previous value). */
    fail(id: string, reason: string): Promise<void> {
      return change(id, (entry) => ({ ...entry, state: 'failed', note: reason }));
    },
    /** Still not known; says why (e.g. the database could not be read to find out). */
    stillPending(id: string, note: string): Promise<void> {
      return change(id, (entry) => (entry.state === 'pending' ? { ...entry, note } : entry));
    },
    /** Oldest first: the entries whose outcome is not known. */
    async pending(): Promise<AuditEntry[]> {
      return (await file.read()).filter((entry) => entry.state === 'pending');
    },
    /**
     * Newest first, each apply marked with the undo that reverted it (a done undo; a failed one
     * reverted nothing).
     */
    async list(): Promise<AuditEntry[]> {
      const entries = await file.read();
      const undoneBy = new Map(entries.filter((e) => e.undoOf && auditState(e) === 'done').map((e) => [e.undoOf!, e.id]));
      return entries.map((e) => ({ ...e, ...(undoneBy.has(e.id) ? { undoneBy: undoneBy.get(e.id) } : {}) })).reverse();
    },
  };
}
