import { afterAll } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { forgetDemoDatabase, resetDemoDatabase } from '../../electron/services/demo/connect';
import type { DemoSeed } from '../../electron/services/demo/seed-model';
import { createProbeApi } from '../../electron/services/probes/service';
import { removeDir, tempDataDir } from './host';
import { demoSource } from './probe-faults';

/**
 * The probes on a demo seeded for one test, at a fixed `now`, each on its own temporary data
 * folder, removed after the file's tests. Call at the top of a test file.
 */
export function demoProbesAt(now: Date, prefix: string) {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await forgetDemoDatabase(dir);
      removeDir(dir);
    }
  });
  return async (seed: (now: Date) => DemoSeed, clock: { timeZone?: string; utcOffsetMinutes?: number } = {}) => {
    const dataDir = tempDataDir(prefix);
    dirs.push(dataDir);
    await resetDemoDatabase(dataDir, { now: () => now, seed, ...clock });
    const deps = { dataDir, hostKind: 'cli' as const, appVersion: 'test', notices: createNoticeBoard(), now: () => now };
    return { api: createProbeApi(deps, demoSource(dataDir, now)), dataDir };
  };
}
