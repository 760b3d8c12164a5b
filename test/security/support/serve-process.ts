import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../support/host';

/** `npm run serve` as a child process, the way a user starts it (no build check: API only). */
export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the address once the host prints it; rejects when the process ends first. */
  ready: Promise<{ url: string; token: string }>;
  /** Exit code once the process ends. */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** Ctrl+C's sibling: SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

export function spawnServe(dataDir: string, env: NodeJS.ProcessEnv = {}): ServeProcess {
  const { SUPPORT_TOOLKIT_PASSPHRASE: _p, SUPPORT_TOOLKIT_DATA: _d, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'electron/server/serve.ts'), '--no-build', '--data-dir', dataDir], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; token: string }>((resolve, reject) => {
    const look = () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/.exec(out);
      if (match) resolve({ url: match[1]!, token: match[2]! });
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`The browser host ended (exit ${code}) before it was ready: ${err.trim()}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    pid: child.pid!,
    ready,
    exited,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** One API call over HTTP with the run's token. */
export async function callApi<T = unknown>(
  host: { url: string; token: string },
  method: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; value: T; error?: { code: string; message: string } } }> {
  const response = await fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; value: T; error?: { code: string; message: string } } };
}
