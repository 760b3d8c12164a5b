import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../shared/api/errors';

/**
 * A versioned JSON document on disk.
 *
 * - Writes are atomic: temp file in the same folder, fsync, rename, fsync of the folder, so a crash
 *   leaves either the old or the new file, never half of one.
 * - `update` serialises read-modify-write cycles per file, so two writes at once lose neither.
 * - A file that cannot be parsed or fails validation is moved aside (renamed, never deleted), the
 *   default is used, and a notice says where the old file went.
 * - What was read or written last is kept in memory: a read costs one `stat` and re-reads the file
 *   only when it changed on disk (only one app writes a data folder, see data-dir-lock.ts, so the
 *   file changes only when someone edits or damages it by hand, and that is then noticed).
 * - Files are created 0600 and folders 0700: the data folder holds customers' environments.
 */
export interface JsonFileOptions<T> {
  file: string;
  /** Current schema version written into the file as `version`. */
  version: number;
  /** Validates `data` after migration. */
  schema: z.ZodType<T>;
  defaults: () => T;
  /** migrations[n] turns the `data` of version n into version n+1. */
  migrations?: Record<number, (data: unknown) => unknown>;
  /** Called when a file was moved aside, with a sentence for the user. */
  onNotice?: (message: string) => void;
  /** Refuse to write more than this many bytes: `invalid_input` naming `label`, nothing written. */
  maxBytes?: { bytes: number; label: string };
  /** Written on one line: for documents of many small nested objects, where indentation would outweigh the data. */
  compact?: boolean;
}

export interface JsonFile<T> {
  /** The document; treat it as read-only (it is the cached copy). */
  read(): Promise<T>;
  write(value: T): Promise<void>;
  /** Serialised read-modify-write; the function's result is written and returned. */
  update(fn: (current: T) => T | Promise<T>): Promise<T>;
  readonly file: string;
}

/** Folders the app creates in the data folder: only its user may list them. */
export const DIR_MODE = 0o700;
/** Files the app writes in the data folder: only its user may read them. */
export const FILE_MODE = 0o600;

/** Names of the temporary files `writeFileAtomic` writes before the rename: `.<name>.<pid>.<time>.<random>.tmp`. */
export const TEMP_FILE = /^\..+\.(\d+)\.\d+\.[a-z0-9]+\.tmp$/;

export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  const handle = await fs.open(tmp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  // fsync the folder so the rename itself survives a power cut (not supported on Windows).
  if (process.platform !== 'win32') {
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } catch {
      /* some file systems refuse; the rename is still atomic */
    } finally {
      await dirHandle.close();
    }
  }
}

/** Moves a broken file aside and returns its new path. */
export async function moveAside(file: string, reason: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  await fs.rename(file, target);
  await fs.writeFile(`${target}.reason.txt`, `${reason}\n`, { encoding: 'utf8', mode: FILE_MODE }).catch(() => undefined);
  return target;
}

export function createJsonFile<T>(options: JsonFileOptions<T>): JsonFile<T> {
  const { file, version, schema, defaults, migrations = {}, onNotice, maxBytes, compact = false } = options;
  let queue: Promise<unknown> = Promise.resolve();
  /** The last document read or written, and the stamp of the file it came from. */
  let cache: { value: T; stamp: string } | undefined;

  function serialise<R>(task: () => Promise<R>): Promise<R> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function stampOf(): Promise<string> {
    try {
      return stampFrom(await fs.stat(file, { bigint: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return MISSING;
      throw error;
    }
  }

  async function readUnlocked(): Promise<T> {
    if (cache && cache.stamp === (await stampOf())) return cache.value;
    let text: string;
    let stamp: string;
    try {
      const handle = await fs.open(file, 'r');
      try {
        stamp = stampFrom(await handle.stat({ bigint: true }));
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      cache = { value: defaults(), stamp: MISSING };
      return cache.value;
    }
    const problem = (reason: string): T => {
      throw new CorruptFileError(reason);
    };
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return problem(`it is not valid JSON (${(error as Error).message})`);
      }
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { version?: unknown }).version !== 'number') {
        return problem('it has no schema version');
      }
      let fileVersion = (parsed as { version: number }).version;
      let data = (parsed as { data?: unknown }).data;
      if (fileVersion > version) {
        return problem(`it was written by a newer version of the app (schema ${fileVersion}, this app reads up to ${version})`);
      }
      while (fileVersion < version) {
        const migrate = migrations[fileVersion];
        if (!migrate) return problem(`no migration from schema version ${fileVersion}`);
        data = migrate(data);
        fileVersion += 1;
      }
      const result = schema.safeParse(data);
      if (!result.success) {
        const issue = result.error.issues[0];
        return problem(`it failed validation at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
      }
      cache = { value: result.data, stamp };
      return result.data;
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      const moved = await moveAside(file, error.message);
      cache = { value: defaults(), stamp: MISSING };
      onNotice?.(
        `${path.basename(file)} could not be read because ${error.message}. It was moved to ${moved} and a fresh file was started; nothing was deleted.`,
      );
      return cache.value;
    }
  }

  /** The value checked against the schema and the size bound, and its text; throws without writing. */
  function prepare(value: T): { checked: T; text: string } {
    const checked = schema.parse(value);
    const text = `${JSON.stringify({ version, data: checked }, null, compact ? undefined : 2)}\n`;
    if (maxBytes) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > maxBytes.bytes) {
        throw new ApiError(
          'invalid_input',
          `${maxBytes.label} can be at most ${formatMegabytes(maxBytes.bytes)} when saved; this change would make it ${formatMegabytes(bytes)}. Nothing was saved.`,
        );
      }
    }
    return { checked, text };
  }

  async function writeUnlocked(prepared: { checked: T; text: string }): Promise<void> {
    try {
      await writeFileAtomic(file, prepared.text);
    } catch (error) {
      cache = undefined; // the file may or may not hold it: read it again next time
      throw error;
    }
    cache = { value: prepared.checked, stamp: await stampOf() };
  }

  interface Job {
    change: (current: T) => T | Promise<T>;
    resolve: (value: T) => void;
    reject: (error: unknown) => void;
  }
  /** Changes waiting for the next write; null when none is waiting. */
  let batch: Job[] | null = null;
  /** Changes asked for and not yet written (or refused). */
  let writesInFlight = 0;

  /**
   * Group commit: the changes that arrive while a write is under way are applied one after the
   * other to the document, in order, and written together in one atomic write. Each change is
   * checked on its own (a refused one fails alone and the others go on from the value before it);
   * a failed write fails all the changes it carried.
   */
  function update(change: (current: T) => T | Promise<T>): Promise<T> {
    writesInFlight += 1;
    const done = new Promise<T>((resolve, reject) => {
      if (batch) {
        batch.push({ change, resolve, reject });
        return;
      }
      const jobs: Job[] = [{ change, resolve, reject }];
      batch = jobs;
      void serialise(async () => {
        batch = null;
        let current: T;
        try {
          current = await readUnlocked();
        } catch (error) {
          for (const job of jobs) job.reject(error);
          return;
        }
        const accepted: Array<{ job: Job; value: T }> = [];
        let last: { checked: T; text: string } | undefined;
        for (const job of jobs) {
          try {
            const next = await job.change(current);
            last = prepare(next);
            current = last.checked;
            accepted.push({ job, value: next });
          } catch (error) {
            job.reject(error);
          }
        }
        if (!last) return;
        try {
          await writeUnlocked(last);
        } catch (error) {
          for (const { job } of accepted) job.reject(error);
          return;
        }
        for (const { job, value } of accepted) job.resolve(value);
      });
    });
    return done.finally(() => {
      writesInFlight -= 1;
    });
  }

  return {
    file,
    // While changes are being written, a read answers the last written document at once instead
    // of queueing behind the writes (a caller that awaited its change sees it).
    read: () => (writesInFlight > 0 && cache ? Promise.resolve(cache.value) : serialise(readUnlocked)),
    write: async (value) => {
      await update(() => value);
    },
    update,
  };
}

const MISSING = 'missing';

function stampFrom(stat: { ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint }): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** "5 MB", or rounded up to a tenth ("5.1 MB") so a size over a bound never reads as equal to it. */
function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : (Math.ceil(mb * 10) / 10).toString()} MB`;
}

class CorruptFileError extends Error {}
