import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else newest = Math.max(newest, (await fs.stat(full)).mtimeMs);
  }
  return newest;
}

/** Two test runs or hosts starting at once must not build over each other: a lock folder in out/. */
async function withBuildLock<T>(projectRoot: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(projectRoot, 'out', '.build-lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await fs.mkdir(lock);
      break;
    } catch {
      const stat = await fs.stat(lock).catch(() => null);
      // A lock older than 5 minutes was left by a crashed build.
      if (stat && Date.now() - stat.mtimeMs > 5 * 60_000) await fs.rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

export interface BuildTarget {
  /** A file the build writes, relative to the project, e.g. `out/preload/index.cjs`. */
  output: string;
  /** Folders whose files it is built from, relative to the project. */
  sources: string[];
}

/**
 * Runs `electron-vite build` (main, preload and renderer) when `target.output` is missing or older
 * than any of its sources; checked again under the lock, so a build another process just finished
 * is reused. Returns the output's absolute path.
 */
export async function buildIfStale(projectRoot: string, target: BuildTarget, log: (line: string) => void = () => undefined): Promise<string> {
  const output = path.join(projectRoot, target.output);
  const newestSource = async () => Math.max(...(await Promise.all(target.sources.map((dir) => newestMtime(path.join(projectRoot, dir))))));
  const fresh = async () => ((await fs.stat(output).catch(() => null))?.mtimeMs ?? -1) >= (await newestSource());
  if (await fresh()) return output;
  return withBuildLock(projectRoot, async () => {
    if (await fresh()) return output;
    const existed = await fs.stat(output).catch(() => null);
    log(existed ? 'Sources changed since the last build; building the app…' : 'Building the app (first run)…');
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: projectRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0 || !(await fresh())) throw new Error('The build failed; see the output above.');
    return output;
  });
}

/**
 * Builds the renderer when its bundle is missing or older than its sources, so `npm run serve`
 * on a fresh clone just works. Returns the folder to serve.
 */
export async function buildRendererIfNeeded(projectRoot: string, log: (line: string) => void): Promise<string> {
  await buildIfStale(projectRoot, { output: 'out/renderer/index.html', sources: ['renderer', 'shared'] }, log);
  return path.join(projectRoot, 'out', 'renderer');
}
