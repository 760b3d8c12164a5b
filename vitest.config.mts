import { defineConfig } from 'vitest/config';

/**
 * Two tiers, run as vitest projects:
 * - `unit`: pure and fast (shared/, services over temp files, the renderer's pure parts);
 *   `npm run test:unit`, well under a minute.
 * - `integration`: what builds bundles, starts Chromium, opens TCP fakes, spawns child processes
 *   or opens sql.js databases, and the security suite; `npm run test:integration`.
 * `npx vitest run` runs both.
 */
const shared = { environment: 'node', testTimeout: 20_000, hookTimeout: 20_000 } as const;

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts'] } },
    ],
  },
});
