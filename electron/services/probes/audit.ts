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
});

/** Every write to a platform database, append-only, in the data folder (audit.json). */
export function createAuditLog(dataDir: string, onNotice?: (message: string) => void) {
  const file = createJsonFile<Array<z.infer<typeof entrySchema>>>({
    file: path.join(dataDir, 'audit.json'),
    version: 1,
    schema: z.array(entrySchema),
    defaults: () => [],
    onNotice,
  });
  return {
    async append(entry: AuditEntry): Promise<void> {
      const { undoneBy: _ignored, ...stored } = entry;
      await file.update((entries) => [...entries, stored]);
    },
    /** Newest first, each apply marked with the undo that reverted it. */
    async list(): Promise<AuditEntry[]> {
      const entries = await file.read();
      const undoneBy = new Map(entries.filter((e) => e.undoOf).map((e) => [e.undoOf!, e.id]));
      return entries.map((e) => ({ ...e, ...(undoneBy.has(e.id) ? { undoneBy: undoneBy.get(e.id) } : {}) })).reverse();
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
