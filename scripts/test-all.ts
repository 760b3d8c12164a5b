/**
 * `npm test`: type checking, lint, unit tests, integration and security tests (vitest), the browser
 * end-to-end suite (Playwright in the system Chromium) and the Electron smoke test (which says so
 * when it cannot run here).
 * Stops at the first failing step and ends with one line that counts the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const reports = path.join(root, '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
let skipped = 0;

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`━━ ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function finish(ok: boolean): never {
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

if (!step('Type check (renderer and shared)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) finish(false);
if (!step('Type check (Electron, services, tests)', bin('tsc'), ['-p', 'tsconfig.electron.json', '--noEmit'])) finish(false);
if (!step('Lint', bin('eslint'), ['.', '--max-warnings=0'])) finish(false);
if (!step('Format (Prettier)', bin('prettier'), ['--check', '.'])) finish(false);
if (!step('Dead code (knip: unused files, exports and dependencies)', bin('knip'), [])) finish(false);
if (!step('Dead code in what ships (knip --production: code only the tests use)', bin('knip'), ['--production'])) finish(false);

/** One vitest tier (a project of vitest.config.mts), its counts added to the closing line. */
function vitestTier(title: string, project: string): boolean {
  const json = path.join(reports, `vitest-${project}.json`);
  const ok = step(title, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  const counts = readJson(json) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  if (counts) {
    passed += counts.numPassedTests;
    failed += counts.numFailedTests;
    skipped += counts.numPendingTests + counts.numTodoTests;
  }
  return ok;
}

if (!vitestTier('Unit tests (vitest, test/unit)', 'unit')) finish(false);
if (!vitestTier('Integration and security tests (vitest, test/integration, test/security)', 'integration')) finish(false);

const e2eJson = path.join(reports, 'playwright.json');
const e2eOk = spawnOk(
  () => step('Browser end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', '-c', 'playwright.config.ts', `--reporter=list,json`]),
  { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson },
);
const e2e = readJson(e2eJson) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
if (!e2eOk) finish(false);

const electronOk = step('Electron smoke test', bin('tsx'), ['test/electron/run.ts']);
finish(electronOk);

function spawnOk(run: () => boolean, env: Record<string, string>): boolean {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return run();
  } finally {
    process.env = saved;
  }
}
