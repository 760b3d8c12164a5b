import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { SESSION_STATUSES, type Session } from '../../../shared/wizard/session';
import { createJsonFile, DIR_MODE, type JsonFile } from '../json-file';

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
    status: z.enum(SESSION_STATUSES),
    current: z.number().int().min(0),
    steps: z.record(z.string(), z.object({ status: z.enum(['pending', 'done', 'skipped']) }).passthrough()),
    facts: z.array(z.object({ key: z.string(), source: z.enum(['probe', 'imported', 'checked', 'engineer', 'derived']) }).passthrough()),
    events: z.array(z.object({ at: z.string(), summary: z.string() }).passthrough()).min(1),
  })
  .passthrough() as unknown as z.ZodType<Session | null>;

/** A session file can be at most this large: a session is refused a change that would make it larger. */
export const MAX_SESSION_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The sessions in memory, read and validated once (`load`, at start) and kept up to date by every
 * save, change and delete made through this store, so `list` reads no file. Only one app writes a
 * data folder (data-dir-lock.ts). Opening one session still checks its file (one `stat`, a re-read
 * only when it changed on disk), so a file damaged while the app runs is noticed when it is used.
 */
export function createSessionStore(dataDir: string, onNotice: (message: string) => void) {
  const dir = path.join(dataDir, SESSIONS_DIR);
  const files = new Map<string, JsonFile<Session | null>>();
  const cache = new Map<string, Session>();
  /** `list`'s answer, newest first, until the next change. */
  let sorted: Session[] | null = null;
  let loading: Promise<void> | null = null;

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
        maxBytes: { bytes: MAX_SESSION_FILE_BYTES, label: 'A session' },
      });
      files.set(id, file);
    }
    return file;
  }

  function remember(id: string, session: Session | null): void {
    if (session) cache.set(id, session);
    else {
      cache.delete(id);
      files.delete(id);
    }
    sorted = null;
  }

  /** Reads and validates every session file once; a damaged one is moved aside now, with a notice. */
  function load(): Promise<void> {
    loading ??= (async () => {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      const ids = names.map((name) => (name.endsWith('.json') ? name.slice(0, -5) : '')).filter((id) => ID.test(id));
      // A few files at a time: faster than one by one, without opening a thousand at once.
      let next = 0;
      const reader = async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const session = await fileOf(id)
            .read()
            .catch(() => null);
          if (session) cache.set(id, session);
          else files.delete(id);
        }
      };
      await Promise.all(Array.from({ length: 16 }, reader));
      sorted = null;
    })();
    return loading;
  }

  async function get(id: string): Promise<Session> {
    await load();
    const session = await fileOf(id).read();
    remember(id, session);
    if (!session) throw new ApiError('not_found', 'This session no longer exists (deleted, or its file was damaged and moved aside)', { field: 'id' });
    return session;
  }

  return {
    load,
    get,
    async save(session: Session): Promise<void> {
      await load();
      await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
      await fileOf(session.id).write(session);
      remember(session.id, session);
    },
    /** Serialised read-change-write of one session, so two quick clicks never lose a change. */
    async update(id: string, change: (session: Session) => Session | Promise<Session>): Promise<Session> {
      await load();
      let result: Session | null = null;
      try {
        await fileOf(id).update(async (current) => {
          if (!current) throw new ApiError('not_found', 'This session no longer exists', { field: 'id' });
          result = await change(current);
          return result;
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'not_found') remember(id, null);
        throw error;
      }
      remember(id, result!);
      return result!;
    },
    /** Every session, newest change first, from memory. */
    async list(): Promise<Session[]> {
      await load();
      sorted ??= [...cache.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      return [...sorted];
    },
    async remove(id: string): Promise<void> {
      await get(id);
      await fs.rm(fileOf(id).file, { force: true });
      remember(id, null);
    },
  };
}
