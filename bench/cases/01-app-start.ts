import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildRendererIfNeeded } from '../../electron/server/build-if-needed';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium';
import { PROJECT_ROOT, removeDir, startTestHost, tempDataDir } from '../../test/support/host';
import { median, timeRuns, type BenchCase } from '../harness';

const RUNS = 7;

const bench: BenchCase = {
  name: 'app start (browser host)',
  async run() {
    const rendererDir = await buildRendererIfNeeded(PROJECT_ROOT, () => undefined);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      // From starting the host (services + HTTP server) to the app frame rendered in a fresh page.
      const durations = await timeRuns(RUNS, async () => {
        const dataDir = tempDataDir('st-bench-');
        const app = await startTestHost(dataDir);
        const page = await browser.newPage();
        await page.goto(app.host.appUrl);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        await page.close();
        await app.stop();
        removeDir(dataDir);
      });
      const assets = path.join(rendererDir, 'assets');
      const scripts = (await fs.readdir(assets)).filter((f) => f.endsWith('.js'));
      let raw = 0;
      let gz = 0;
      for (const file of scripts) {
        const bytes = await fs.readFile(path.join(assets, file));
        raw += bytes.length;
        gz += gzipSync(bytes).length;
      }
      return [
        { name: 'host start to first page rendered (median)', value: median(durations), unit: 'ms', note: `${RUNS} runs, warm Chromium` },
        { name: 'renderer initial JavaScript, raw', value: raw / 1024, unit: 'KiB' },
        { name: 'renderer initial JavaScript, gzipped', value: gz / 1024, unit: 'KiB' },
      ];
    } finally {
      await browser.close();
    }
  },
};
export default bench;
