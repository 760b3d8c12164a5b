import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIR_MODE, FILE_MODE, TEMP_FILE } from './json-file';

export const PRODUCT_NAME = 'Support Toolkit';

/**
 * The folder Electron uses as `userData` for this app on each platform, so the desktop app, the
 * browser host and the CLI share one set of data by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SUPPORT_TOOLKIT_DATA) return path.resolve(env.SUPPORT_TOOLKIT_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

/** Sub-folders the app keeps in the data folder. */
export const DATA_SUBFOLDERS = ['sessions', 'reports', 'demo'] as const;

/**
 * Files of the app in the data folder's top level. Electron keeps Chromium's own files beside them
 * in `userData`; those are left alone.
 */
const OWN_TOP_LEVEL_FILE = /^(profiles|settings|reports|whatif-scenarios|audit|secret-key|legacy-secrets)\.json(\.corrupt-.*)?$|^\.lock$/;

/** How deep the app's own folders go: sessions/<id>/attachments/<file>. */
const MAX_WALK_DEPTH = 4;

export interface PreparedDataDir {
  /** Temporary files of writes a crash or a kill interrupted, removed. */
  removedTempFiles: string[];
  /** Files and folders whose mode was looser than the app's and was tightened. */
  tightened: string[];
}

/**
 * Makes the data folder ready at start, before any store reads it: the folder and every folder
 * under its sub-folders 0700 and every file 0600 (also those written by an older version, or
 * loosened by hand), and temporary files a crash left behind (`.<name>.<pid>.<time>.<random>.tmp`)
 * removed. A temporary file of a process that is still running is kept. Links are never followed.
 * In the top level only the app's own files are touched: Electron keeps Chromium's beside them.
 */
export async function prepareDataDir(dataDir: string): Promise<PreparedDataDir> {
  await fs.mkdir(dataDir, { recursive: true, mode: DIR_MODE });
  const posix = process.platform !== 'win32';
  const result: PreparedDataDir = { removedTempFiles: [], tightened: [] };
  const quietly = (work: Promise<unknown>) => work.catch(() => undefined);
  const tighten = async (target: string, mode: number) => {
    if (!posix) return;
    const stat = await fs.lstat(target).catch(() => null);
    // Only what others may read or enter is changed: a mode already stricter than the app's is left.
    if (!stat || stat.isSymbolicLink() || (stat.mode & 0o077) === 0) return;
    await quietly(fs.chmod(target, mode));
    result.tightened.push(target);
  };
  const walk = async (folder: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => null);
    if (!entries) return;
    await tighten(folder, DIR_MODE);
    const top = depth === 0;
    for (const entry of entries) {
      const target = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        const own = top ? (DATA_SUBFOLDERS as readonly string[]).includes(entry.name) : depth < MAX_WALK_DEPTH;
        if (own) await walk(target, depth + 1);
        continue;
      }
      if (!entry.isFile()) continue;
      const temp = TEMP_FILE.exec(entry.name);
      if (temp) {
        const pid = Number(temp[1]);
        if (pid !== process.pid && !isRunning(pid)) {
          await quietly(fs.rm(target, { force: true }));
          result.removedTempFiles.push(target);
        }
        continue;
      }
      if (!top || OWN_TOP_LEVEL_FILE.test(entry.name)) await tighten(target, FILE_MODE);
    }
  };
  await walk(dataDir, 0);
  return result;
}

/** Whether a process with this id runs on this machine (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
