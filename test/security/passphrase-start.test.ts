import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGcmCipher } from '../../electron/services/secrets';
import { PROJECT_ROOT, removeDir, tempDataDir } from '../support/host';

/**
 * The browser host started the way a user starts it (`tsx electron/server/serve.ts`), on a data
 * folder whose secret-key.json was made with another passphrase: it stops at start with a
 * non-zero exit and says why, instead of running on while every saved password fails.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function folderWithKey(passphrase: string): Promise<string> {
  const dir = tempDataDir('st-passphrase-');
  dirs.push(dir);
  // A cheap key file: the host reads the scrypt parameters stored in it.
  await createGcmCipher(dir, passphrase, { newKeyCost: { N: 2 ** 10, r: 8, p: 1 } });
  return dir;
}

/** Runs the host until it exits or says it is running (then stops it); returns what it said. */
function serve(dataDir: string, passphrase: string): Promise<{ code: number | null; running: boolean; stdout: string; stderr: string }> {
  const { SUPPORT_TOOLKIT_PASSPHRASE: _p, SUPPORT_TOOLKIT_DATA: _d, ...inherited } = process.env;
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(PROJECT_ROOT, 'electron/server/serve.ts'), '--no-build', '--data-dir', dataDir, '--port', '0'], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, SUPPORT_TOOLKIT_PASSPHRASE: passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let running = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!running && /Support Toolkit is running/.test(stdout)) {
      running = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, running, stdout, stderr });
    }),
  );
}

describe('browser host start with a passphrase', () => {
  it('a wrong passphrase stops the host with a non-zero exit and a clear message', async () => {
    const dir = await folderWithKey('the passphrase it was made with');
    const result = await serve(dir, 'another passphrase');
    expect(result.running).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/could not start: Wrong passphrase: it is not the one the saved passwords of this data folder were encrypted with/);
    expect(result.stderr).toMatch(/set SUPPORT_TOOLKIT_PASSPHRASE to an empty value/);
    expect(result.stderr + result.stdout).not.toContain('another passphrase');
  }, 30_000);

  it('the right passphrase, or an empty one (run without saved passwords, on purpose), starts it', async () => {
    const dir = await folderWithKey('the passphrase it was made with');
    const right = await serve(dir, 'the passphrase it was made with');
    expect(right.running).toBe(true);
    const without = await serve(dir, '');
    expect(without.running).toBe(true);
  }, 60_000);
});
