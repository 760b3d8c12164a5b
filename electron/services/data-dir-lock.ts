import { promises as fs, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { hostKindSchema, type HostKind } from '../../shared/api/methods/app';
import { isRunning } from './data-dir';
import { DIR_MODE, FILE_MODE } from './json-file';

/**
 * One app per data folder. Every host (desktop app, browser host, report command) takes this lock
 * before it reads or writes anything in the folder, and a second one refuses to start and names
 * the one that holds it. Two apps on one folder would each keep their own copy of the files in
 * memory and overwrite each other's changes.
 *
 * The lock is a file (`.lock`) created exclusively (`wx`) holding who took it. A lock left by a
 * process that is gone (same machine, `kill(pid, 0)` says ESRCH) is taken over; taking over is
 * guarded by a second exclusive file so two starting apps cannot both take over the same stale
 * lock. On another machine (a shared folder) the holder cannot be checked, so its lock is kept.
 */
export const LOCK_FILE = '.lock';
const TAKEOVER_SUFFIX = '.takeover';
/** A takeover guard older than this was left by a crash in the middle of a takeover. */
const TAKEOVER_STALE_MS = 10_000;
/** A lock file still empty after this long was left by a crash between creating and writing it. */
const EMPTY_LOCK_STALE_MS = 2_000;

export const lockHolderSchema = z.object({
  pid: z.number().int().positive(),
  host: hostKindSchema,
  started: z.string(),
  hostname: z.string(),
});
export type LockHolder = z.infer<typeof lockHolderSchema>;

const HOST_WORDS: Record<HostKind, string> = {
  electron: 'desktop app',
  browser: 'browser host',
  cli: 'report command',
};

/** "browser host, PID 4242" (and the machine when it is another one). */
export function describeHolder(holder: LockHolder, ownHostname = os.hostname()): string {
  return `${HOST_WORDS[holder.host]}, PID ${holder.pid}${holder.hostname !== ownHostname ? ` on ${holder.hostname}` : ''}`;
}

export class DataDirLockedError extends Error {
  readonly holder: LockHolder;
  readonly lockFile: string;
  constructor(holder: LockHolder, lockFile: string, ownHostname: string) {
    const elsewhere = holder.hostname !== ownHostname;
    super(
      `Support Toolkit is already running on this data folder: ${describeHolder(holder, ownHostname)}.` +
        (elsewhere ? ` If it no longer runs there, delete ${lockFile} and start again.` : ' Close it first, or use another data folder.'),
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still ours. Synchronous, so it also works in a process 'exit' handler. Idempotent. */
  release(): void;
}

export interface LockOptions {
  pid?: number;
  hostname?: string;
  now?: () => Date;
  /** Replaceable in tests. */
  isRunning?: (pid: number) => boolean;
}

/**
 * Takes the data folder's lock or throws DataDirLockedError naming the holder. Creates the folder
 * (0700) when it does not exist yet.
 */
export async function acquireDataDirLock(dataDir: string, host: HostKind, options: LockOptions = {}): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const hostname = options.hostname ?? os.hostname();
  const alive = options.isRunning ?? isRunning;
  const holder: LockHolder = {
    pid: options.pid ?? process.pid,
    host,
    started: (options.now?.() ?? new Date()).toISOString(),
    hostname,
  };
  const text = `${JSON.stringify(holder)}\n`;
  await fs.mkdir(dataDir, { recursive: true, mode: DIR_MODE });

  const deadline = Date.now() + 5_000;
  for (;;) {
    if (await createExclusive(file, text)) return lockOf(file, text, holder);
    const seen = await readLock(file);
    if (seen === 'missing') continue; // released between our two steps: try again
    if (seen.holder && (seen.holder.hostname !== hostname || alive(seen.holder.pid))) {
      throw new DataDirLockedError(seen.holder, file, hostname);
    }
    if (!seen.holder && Date.now() - seen.mtimeMs < EMPTY_LOCK_STALE_MS) {
      // Another app is writing its lock this very moment: look again shortly.
      if (Date.now() > deadline) throw new Error(`The data folder's lock file ${file} cannot be read; delete it if no Support Toolkit is running.`);
      await delay(50);
      continue;
    }
    // The holder is gone (or the file is an empty leftover): take it over, one taker at a time.
    const outcome = await takeOver(file, seen.text, text);
    if (outcome === 'taken') return lockOf(file, text, holder);
    if (Date.now() > deadline) throw new Error(`Could not take over the data folder's lock ${file}; another app is starting at the same time. Try again.`);
    await delay(25 + Math.random() * 50);
  }
}

/**
 * Releases the lock when the process ends: on a normal exit, and on SIGINT/SIGTERM when the host
 * has no handler of its own for them (a host that has one releases the lock in it, or exits, which
 * runs the 'exit' handler).
 */
export function releaseOnExit(lock: DataDirLock, options: { signals?: boolean } = {}): () => void {
  const onExit = () => lock.release();
  process.on('exit', onExit);
  const onSignal = (signal: NodeJS.Signals) => {
    lock.release();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  if (options.signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

function lockOf(file: string, text: string, holder: LockHolder): DataDirLock {
  let released = false;
  return {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      try {
        // Only our own lock: never remove one another app took after ours was taken over.
        if (readFileSync(file, 'utf8') === text) unlinkSync(file);
      } catch {
        /* already gone */
      }
    },
  };
}

async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'wx', FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(file: string): Promise<'missing' | { text: string; holder: LockHolder | null; mtimeMs: number }> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    let holder: LockHolder | null = null;
    try {
      const parsed = lockHolderSchema.safeParse(JSON.parse(text));
      if (parsed.success) holder = parsed.data;
    } catch {
      /* empty or half-written */
    }
    return { text, holder, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * Replaces a stale lock whose text is `staleText` by ours. Only the app holding the takeover guard
 * may remove the lock file, and only while it still holds exactly the stale text it judged.
 */
async function takeOver(file: string, staleText: string, text: string): Promise<'taken' | 'retry'> {
  const guard = `${file}${TAKEOVER_SUFFIX}`;
  if (!(await createExclusive(guard, `${process.pid}\n`))) {
    const stat = await fs.stat(guard).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > TAKEOVER_STALE_MS) await fs.rm(guard, { force: true });
    return 'retry';
  }
  try {
    const current = await fs.readFile(file, 'utf8').catch(() => null);
    if (current === staleText) await fs.rm(file, { force: true });
    else if (current !== null) return 'retry';
    return (await createExclusive(file, text)) ? 'taken' : 'retry';
  } finally {
    await fs.rm(guard, { force: true });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
