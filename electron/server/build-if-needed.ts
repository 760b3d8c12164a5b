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

/**
 * Builds the renderer when its bundle is missing or older than its sources, so `npm run serve`
 * on a fresh clone just works.
 */
export async function buildRendererIfNeeded(projectRoot: string, log: (line: string) => void): Promise<string> {
  // Two test runs or hosts starting at once must not build over each other: take a lock folder.
  const lock = path.join(projectRoot, 'out', '.build-lock');
  await fs.mkdir(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 250) {
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
    return await buildUnlocked(projectRoot, log);
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

async function buildUnlocked(projectRoot: string, log: (line: string) => void): Promise<string> {
  const outDir = path.join(projectRoot, 'out', 'renderer');
  const built = await fs.stat(path.join(outDir, 'index.html')).catch(() => null);
  const sources = Math.max(
    await newestMtime(path.join(projectRoot, 'renderer')),
    await newestMtime(path.join(projectRoot, 'shared')),
  );
  if (built && built.mtimeMs >= sources) return outDir;
  log(built ? 'Sources changed since the last build; building the app…' : 'Building the app (first run)…');
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('The build failed; see the output above.');
  return outDir;
}
