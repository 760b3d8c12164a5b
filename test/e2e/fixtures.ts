import { test as base, expect } from '@playwright/test';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';

/**
 * `app`: a browser host on a fresh temporary data folder, stopped and removed after the test.
 * `restartApp()` stops the host and starts a new one on the same folder (a restart of the app).
 */
export const test = base.extend<{ app: RunningHost & { restart(): Promise<RunningHost> } }>({
  app: async ({}, use) => {
    const dataDir = tempDataDir('st-e2e-');
    let current = await startTestHost(dataDir);
    const handle = Object.assign(current, {
      async restart() {
        await current.stop();
        current = await startTestHost(dataDir);
        Object.assign(handle, current);
        return current;
      },
    });
    await use(handle);
    await current.stop();
    removeDir(dataDir);
  },
});

export { expect };
