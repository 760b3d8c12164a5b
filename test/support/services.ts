import { afterAll } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services/create-services';
import { forgetDemoDatabase } from '../../electron/services/demo/connect';
import { removeDir, tempDataDir } from './host';

/**
 * Services on a fresh temporary data folder per call, as the command line has them; every folder
 * (and the demo database kept open in it) is removed after the file's tests. Call at the top of a
 * test file or a describe block.
 */
export function servicesOnTempFolders(prefix: string): () => Promise<{ services: Services; dataDir: string }> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) {
      await forgetDemoDatabase(dir);
      removeDir(dir);
    }
  });
  return async () => {
    const dataDir = tempDataDir(prefix);
    dirs.push(dataDir);
    return { services: await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() }), dataDir };
  };
}
