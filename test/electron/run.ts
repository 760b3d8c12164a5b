/**
 * Runs the Electron smoke test where an Electron binary is installed; otherwise says in one line
 * that it was skipped and why, and exits 0 (the rest of the suite still ran).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
// ELECTRON_OVERRIDE_DIST_PATH is Electron's own way to use a binary unpacked elsewhere (a cache, a
// mirror's zip); the electron package and so Playwright honour it too, with the same file names.
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const platformExecutable = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform as string] ?? 'electron';
const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? platformExecutable : null;
const distDir = override || path.join(electronDir, 'dist');
const binary = executable ? path.join(distDir, executable) : null;

if (!binary || !existsSync(binary)) {
  console.log(
    `Electron smoke test skipped: no Electron binary is installed (${distDir.startsWith(root) ? path.relative(root, distDir) : distDir} has none; it cannot be downloaded on this machine).`,
  );
  process.exit(0);
}

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const args = ['test', '-c', 'test/electron/playwright.electron.config.ts'];
const useXvfb = process.platform === 'linux' && !process.env.DISPLAY;
const result = useXvfb
  ? spawnSync('xvfb-run', ['-a', path.join(root, 'node_modules', '.bin', 'playwright'), ...args], { cwd: root, stdio: 'inherit' })
  : spawnSync(path.join(root, 'node_modules', '.bin', 'playwright'), args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
