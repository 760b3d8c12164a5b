import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReportCli } from '../../electron/cli/report-run';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../electron/services/data-dir-lock';
import { removeDir, tempDataDir } from '../support/host';

describe('the data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDataDir('st-lockunit-');
  });
  afterEach(() => removeDir(dir));
  const lockFile = () => path.join(dir, LOCK_FILE);

  it('is exclusive: a second taker gets the holder named, and can take it once it is released', async () => {
    const first = await acquireDataDirLock(dir, 'electron', { pid: 1111, isRunning: () => true });
    await expect(acquireDataDirLock(dir, 'browser', { isRunning: () => true })).rejects.toThrow(
      'Support Toolkit is already running on this data folder: desktop app, PID 1111.',
    );
    first.release();
    expect(existsSync(lockFile())).toBe(false);
    const second = await acquireDataDirLock(dir, 'browser');
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: 'browser', hostname: os.hostname() });
    second.release();
  });

  it('of many apps starting at once on a stale lock, exactly one takes it over', async () => {
    writeFileSync(lockFile(), JSON.stringify({ pid: 999_999, host: 'cli', started: '2025-01-01T00:00:00.000Z', hostname: os.hostname() }));
    const alive = new Set<number>();
    const isRunning = (pid: number) => alive.has(pid);
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, async (_, i) => {
        const lock = await acquireDataDirLock(dir, 'browser', { pid: 2000 + i, isRunning });
        alive.add(2000 + i);
        return lock;
      }),
    );
    const winners = attempts.filter((a) => a.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const loser of attempts.filter((a) => a.status === 'rejected')) {
      expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(DataDirLockedError);
    }
    const holder = JSON.parse(readFileSync(lockFile(), 'utf8'));
    expect((winners[0] as PromiseFulfilledResult<{ holder: { pid: number } }>).value.holder.pid).toBe(holder.pid);
    expect(existsSync(`${lockFile()}.takeover`)).toBe(false);
  });

  it('never removes a lock another app holds now, even when released late', async () => {
    const mine = await acquireDataDirLock(dir, 'browser', { pid: 3000, isRunning: () => false });
    // Mine looked dead to the next app, which took over.
    const theirs = await acquireDataDirLock(dir, 'cli', { pid: 3001, isRunning: () => false });
    mine.release();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: 3001 });
    theirs.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('an empty lock file left by a crash is taken over once it is a few seconds old', async () => {
    writeFileSync(lockFile(), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    const lock = await acquireDataDirLock(dir, 'browser');
    expect(lock.holder.pid).toBe(process.pid);
    lock.release();
  });

  it('the report command refuses a folder another app holds, with the holder named and exit code 1', async () => {
    // The command checks the holder for real, so the holder is this (running) process.
    const real = await acquireDataDirLock(dir, 'browser');
    const err: string[] = [];
    const code = await runReportCli(
      ['--session', 's1', '--format', 'md', '--out', path.join(dir, 'r.md'), '--data-dir', dir],
      {},
      {
        out: () => undefined,
        err: (line) => err.push(line),
      },
    );
    expect(code).toBe(1);
    expect(err[0]).toBe(
      `Support Toolkit is already running on this data folder: browser host, PID ${process.pid}. Close it first, or use another data folder.`,
    );
    real.release();
  });
});
