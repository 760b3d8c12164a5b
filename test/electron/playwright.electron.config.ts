import { defineConfig } from '@playwright/test';

/**
 * The Electron smoke test: the real desktop app (built main, preload and renderer in out/) driven
 * through Playwright's _electron. Started by test/electron/run.ts, which skips it with one line
 * where no Electron binary is installed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // One Electron app at a time: each launch is a whole browser and the machine may be small.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
