import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildRendererIfNeeded } from '../../electron/server/build-if-needed';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium';
import { PROJECT_ROOT, removeDir, startTestHost, tempDataDir } from '../../test/support/host';
import { median, type BenchCase } from '../harness';

const RUNS = 7;

/**
 * The script files the built index.html loads up front: `<script src>` and
 * `<link rel="modulepreload" href>`, as paths relative to the renderer folder. Remote or inline
 * scripts would break the CSP, so only local paths are expected.
 */
export function initialScripts(html: string): string[] {
  const files = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    const isScript = /^<script/i.test(tag);
    const url = isScript ? attr('src') : attr('rel')?.toLowerCase().split(/\s+/).includes('modulepreload') ? attr('href') : undefined;
    if (url) files.add(url.replace(/^\.?\//, ''));
  }
  if (files.size === 0) throw new Error('index.html loads no script: is out/renderer a real build?');
  return [...files];
}

const bench: BenchCase = {
  name: 'app start (browser host)',
  async run() {
    const rendererDir = await buildRendererIfNeeded(PROJECT_ROOT, () => undefined);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      // From starting the host (services + HTTP server) to the app frame rendered in a fresh page.
      // The clock stops there: closing the page, stopping the host and removing the folder are not
      // part of starting the app.
      const durations: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const dataDir = tempDataDir('st-bench-');
        const page = await browser.newPage();
        const started = performance.now();
        const app = await startTestHost(dataDir);
        await page.goto(app.host.appUrl);
        await page.getByRole('navigation', { name: 'Main' }).waitFor();
        durations.push(performance.now() - started);
        await page.close();
        await app.stop();
        removeDir(dataDir);
      }
      // Only what index.html loads before the app can run: its scripts and modulepreload links.
      // Lazy chunks (pages split off with import()) are fetched later and are not counted.
      const initial = initialScripts(await fs.readFile(path.join(rendererDir, 'index.html'), 'utf8'));
      let raw = 0;
      let gz = 0;
      for (const src of initial) {
        const bytes = await fs.readFile(path.join(rendererDir, src));
        raw += bytes.length;
        gz += gzipSync(bytes).length;
      }
      return [
        { name: 'host start to first page rendered (median)', value: median(durations), unit: 'ms', note: `${RUNS} runs, warm Chromium`, budget: 600 },
        { name: 'renderer initial JavaScript, raw', value: raw / 1024, unit: 'KiB', note: `${initial.length} file(s) loaded by index.html` },
        { name: 'renderer initial JavaScript, gzipped', value: gz / 1024, unit: 'KiB', budget: 95 },
      ];
    } finally {
      await browser.close();
    }
  },
};
export default bench;
