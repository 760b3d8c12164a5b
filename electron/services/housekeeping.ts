import { promises as fs } from 'node:fs';
import path from 'node:path';
import { prepareDataDir } from './data-dir';
import { SESSIONS_DIR } from './sessions/store';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The attachment ids a session file refers to; null when the file cannot be read as a session
 * (it will be moved aside and may be restored: its files are then kept).
 */
async function referencedIds(sessionFile: string): Promise<Set<string> | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(sessionFile, 'utf8')) as { data?: { attachments?: unknown } | null };
    const list = parsed.data?.attachments ?? [];
    if (!Array.isArray(list)) return null;
    return new Set(list.map((a: unknown) => String((a as { id?: unknown } | null)?.id ?? '')));
  } catch (error) {
    // No file at all: the session was deleted and its folder outlived it.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : null;
  }
}

/**
 * Attachment files no session refers to (a crash between writing the file and saving the session,
 * or a delete cut short), removed. A session whose file cannot be read, or has a copy moved aside,
 * keeps all of its files.
 */
export async function removeOrphanAttachments(dataDir: string): Promise<string[]> {
  const sessionsDir = path.join(dataDir, SESSIONS_DIR);
  const names = await fs.readdir(sessionsDir, { withFileTypes: true }).catch(() => []);
  const movedAside = new Set(names.filter((e) => e.isFile() && e.name.includes('.json.corrupt-')).map((e) => e.name.split('.json.corrupt-')[0]!));
  const removed: string[] = [];
  for (const folder of names) {
    if (!folder.isDirectory() || !SESSION_ID.test(folder.name) || movedAside.has(folder.name)) continue;
    const attachmentsDir = path.join(sessionsDir, folder.name, 'attachments');
    const files = await fs.readdir(attachmentsDir, { withFileTypes: true }).catch(() => []);
    if (files.length === 0) continue;
    const ids = await referencedIds(path.join(sessionsDir, `${folder.name}.json`));
    if (!ids) continue;
    for (const file of files) {
      if (!file.isFile() || ids.has(file.name.replace(/\.[^.]*$/, ''))) continue;
      const target = path.join(attachmentsDir, file.name);
      await fs.rm(target, { force: true }).catch(() => undefined);
      removed.push(target);
    }
  }
  return removed;
}

export interface Housekeeping {
  removedTempFiles: number;
  removedAttachments: number;
  tightened: number;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The start notice of what was removed, or null when nothing was (modes are tightened silently, as files of older versions need it). */
export function housekeepingNotice(done: Housekeeping): string | null {
  const parts: string[] = [];
  if (done.removedTempFiles) parts.push(`removed ${plural(done.removedTempFiles, 'temporary file', 'temporary files')} of interrupted saves`);
  if (done.removedAttachments) parts.push(`removed ${plural(done.removedAttachments, 'attachment file', 'attachment files')} no session refers to`);
  if (!parts.length) return null;
  return `Data folder tidied at start: ${parts.join(' and ')}.`;
}

/**
 * At start, before any store reads the data folder: modes tightened, temporary files of
 * interrupted writes and orphaned attachments removed; the notice says how many were removed.
 */
export async function runHousekeeping(dataDir: string, notify: (message: string) => void): Promise<Housekeeping> {
  const prepared = await prepareDataDir(dataDir);
  const orphans = await removeOrphanAttachments(dataDir);
  const done = { removedTempFiles: prepared.removedTempFiles.length, removedAttachments: orphans.length, tightened: prepared.tightened.length };
  const notice = housekeepingNotice(done);
  if (notice) notify(notice);
  return done;
}
