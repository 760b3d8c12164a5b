import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { Session } from '../../../shared/wizard/types';
import { createJsonFile, type JsonFile } from '../json-file';

/**
 * Sessions on disk: one file per session under sessions/<id>.json, so saving one after every change
 * rewrites only that one, and a damaged file costs one session, never the list.
 */

export const SESSIONS_DIR = 'sessions';
const ID = /^[A-Za-z0-9-]{1,64}$/;

/** The shape is checked loosely: the reducer produced it; what matters is that it is a session. */
const sessionSchema = z
  .object({
    schema: z.literal(1),
    id: z.string().regex(ID),
    playbookId: z.string().min(1),
    environment: z.object({ name: z.string() }).passthrough(),
    createdAt: z.string(),
    updatedAt: z.string(),
    status: z.enum(['in-progress', 'resolved', 'not-resolved', 'within-limit-other-cause']),
    current: z.number().int().min(0),
    steps: z.record(z.string(), z.object({ status: z.enum(['pending', 'done', 'skipped']) }).passthrough()),
    facts: z.array(z.object({ key: z.string(), source: z.enum(['probe', 'engineer', 'derived']) }).passthrough()),
    events: z.array(z.object({ at: z.string(), summary: z.string() }).passthrough()).min(1),
  })
  .passthrough() as unknown as z.ZodType<Session | null>;

export function createSessionStore(dataDir: string, onNotice: (message: string) => void) {
  const dir = path.join(dataDir, SESSIONS_DIR);
  const files = new Map<string, JsonFile<Session | null>>();

  function fileOf(id: string): JsonFile<Session | null> {
    if (!ID.test(id)) throw new ApiError('not_found', 'No session has that id', { field: 'id' });
    let file = files.get(id);
    if (!file) {
      file = createJsonFile<Session | null>({
        file: path.join(dir, `${id}.json`),
        version: 1,
        schema: sessionSchema.nullable(),
        defaults: () => null,
        onNotice,
      });
      files.set(id, file);
    }
    return file;
  }

  async function get(id: string): Promise<Session> {
    const session = await fileOf(id).read();
    if (!session) throw new ApiError('not_found', 'This session no longer exists (deleted, or its file was damaged and moved aside)', { field: 'id' });
    return session;
  }

  return {
    get,
    async save(session: Session): Promise<void> {
      await fs.mkdir(dir, { recursive: true });
      await fileOf(session.id).write(session);
    },
    /** Serialised read-change-write of one session, so two quick clicks never lose a change. */
    async update(id: string, change: (session: Session) => Session | Promise<Session>): Promise<Session> {
      let result: Session | null = null;
      await fileOf(id).update(async (current) => {
        if (!current) throw new ApiError('not_found', 'This session no longer exists', { field: 'id' });
        result = await change(current);
        return result;
      });
      return result!;
    },
    async list(): Promise<Session[]> {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const sessions: Session[] = [];
      for (const name of names) {
        const id = name.endsWith('.json') ? name.slice(0, -5) : '';
        if (!ID.test(id)) continue;
        const session = await fileOf(id).read().catch(() => null);
        if (session) sessions.push(session);
      }
      return sessions.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async remove(id: string): Promise<void> {
      await get(id);
      await fs.rm(fileOf(id).file, { force: true });
      files.delete(id);
    },
  };
}
