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
const OWN_TOP_LEVEL_FILE = /^(profiles|settings|reports|whatif-scenarios|audit|secret-key)\.json(\.corrupt-.*)?$|^\.lock$/;

/**
 * Makes the data folder ready at start, before any store reads it: the folder and its sub-folders
 * 0700 and the app's files 0600 (also those written by an older version), and temporary files a
 * crash left behind (`.<name>.<pid>.<time>.<random>.tmp`) removed. A temporary file of a process
 * that is still running is kept: only one app writes a folder, but this costs nothing.
 */
export async function prepareDataDir(dataDir: string): Promise<{ removedTempFiles: string[] }> {
  await fs.mkdir(dataDir, { recursive: true, mode: DIR_MODE });
  const posix = process.platform !== 'win32';
  const removedTempFiles: string[] = [];
  const quietly = (work: Promise<unknown>) => work.catch(() => undefined);
  if (posix) await quietly(fs.chmod(dataDir, DIR_MODE));
  const folders = [dataDir, ...DATA_SUBFOLDERS.map((name) => path.join(dataDir, name))];
  for (const folder of folders) {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => null);
    if (!entries) continue;
    if (posix && folder !== dataDir) await quietly(fs.chmod(folder, DIR_MODE));
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      const temp = TEMP_FILE.exec(entry.name);
      if (temp) {
        const pid = Number(temp[1]);
        if (pid !== process.pid && !isRunning(pid)) {
          await quietly(fs.rm(file, { force: true }));
          removedTempFiles.push(file);
        }
        continue;
      }
      if (posix && (folder !== dataDir || OWN_TOP_LEVEL_FILE.test(entry.name))) await quietly(fs.chmod(file, FILE_MODE));
    }
  }
  return { removedTempFiles };
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
