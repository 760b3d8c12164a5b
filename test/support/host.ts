import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNoticeBoard, type ServiceDeps } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { startHttpHost, type HttpHost } from '../../electron/server/http-host';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export function tempDataDir(prefix = 'st-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface RunningHost {
  host: HttpHost;
  services: Services;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real browser host in this process on a free port over `dataDir`, the way
 * `npm run serve` does, so end-to-end tests drive the real UI and the real services.
 */
export async function startTestHost(dataDir: string, overrides: Partial<ServiceDeps> = {}): Promise<RunningHost> {
  const services = await createServices({
    dataDir,
    hostKind: 'browser',
    appVersion: '0.0.0-test',
    notices: createNoticeBoard(),
    ...overrides,
  });
  // Notices found while it runs are pushed to open pages, as `npm run serve` does.
  const host = await startHttpHost({ services, rendererDir: path.join(PROJECT_ROOT, 'out', 'renderer'), notices: services.deps.notices });
  return {
    host,
    services,
    dataDir,
    stop: async () => {
      await host.close();
      await services.close();
    },
  };
}
