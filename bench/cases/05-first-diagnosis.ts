import { chromium, type Page } from 'playwright-core';
import { buildRendererIfNeeded } from '../../electron/server/build-if-needed';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium';
import { PROJECT_ROOT, removeDir, startTestHost, tempDataDir, type RunningHost } from '../../test/support/host';
import { median, type BenchCase } from '../harness';

const RUNS = 5;
const PASTED = 'Error sending email 40012: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information';

const stepTitle = (page: Page, title: string) =>
  page.getByRole('heading', { level: 3, name: new RegExp(`^Step \\d+ of \\d+: ${title}$`) }).waitFor({ timeout: 30_000 });

/**
 * From the Environments page to the diagnosis on screen, on the demo: the path a new session takes
 * now (the probes run by themselves) and the path it took before (a probe button and Continue per
 * step), side by side. Counts the actions a person makes (clicks, a paste, a key chord) and times
 * from the first of them to the diagnosis.
 */
async function newPath(page: Page): Promise<number> {
  let actions = 0;
  const demo = page.getByRole('article', { name: 'Demo farm (embedded)' });
  await demo.getByRole('button', { name: 'Open in Troubleshoot' }).click();
  actions++;
  await page.getByLabel('Paste an error (optional)').waitFor();
  await page.keyboard.insertText(PASTED);
  actions++;
  await page.keyboard.press('Control+Enter');
  actions++;
  await stepTitle(page, 'Shared mailbox');
  await page.getByRole('button', { name: 'No other sender' }).click();
  actions++;
  await page.getByRole('cell', { name: '2 servers x 2 threads = 4 > 3' }).waitFor();
  return actions;
}

async function oldPath(page: Page): Promise<number> {
  let actions = 0;
  const click = async (name: string) => {
    await page.getByRole('button', { name, exact: true }).click();
    actions++;
  };
  const demo = page.getByRole('article', { name: 'Demo farm (embedded)' });
  await demo.getByRole('button', { name: 'Open in Troubleshoot' }).click();
  actions++;
  await page.getByLabel('Paste an error (optional)').fill(PASTED);
  actions++;
  await click('Recognise the error');
  await page.getByRole('radio', { name: /^432 4\.3\.2/ }).check();
  actions++;
  // Before, the session started on its first step and every probe was a button: the same steps by hand.
  await click('Start session');
  await stepTitle(page, '(Symptom|Shared mailbox)');
  await page.getByRole('button', { name: 'Symptom (done)' }).click();
  actions++;
  for (const [probe, next] of [
    ['Re-run: search the error log for 432s', 'Servers'],
    ['Re-run: read the servers', 'Threads'],
    ['Re-run: read the threads value', 'Shared mailbox'],
  ] as const) {
    await click(probe);
    await click('Continue');
    await stepTitle(page, next);
  }
  await click('No other sender');
  await page.getByRole('cell', { name: '2 servers x 2 threads = 4 > 3' }).waitFor();
  return actions;
}

async function measure(path: (page: Page) => Promise<number>): Promise<{ ms: number[]; actions: number }> {
  await buildRendererIfNeeded(PROJECT_ROOT, () => undefined);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const ms: number[] = [];
  let actions = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const dataDir = tempDataDir('st-bench-diagnosis-');
      const host: RunningHost = await startTestHost(dataDir);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(host.host.appUrl);
        await page.getByRole('link', { name: 'Environments', exact: true }).click();
        await page.getByRole('article', { name: 'Demo farm (embedded)' }).waitFor();
        const started = performance.now();
        actions = await path(page);
        ms.push(performance.now() - started);
      } finally {
        await page.close();
        await host.stop();
        removeDir(dataDir);
      }
    }
  } finally {
    await browser.close();
  }
  return { ms, actions };
}

const bench: BenchCase = {
  name: 'to the diagnosis on the demo',
  async run() {
    const now = await measure(newPath);
    const before = await measure(oldPath);
    return [
      { name: 'probes run by themselves: actions to the diagnosis', value: now.actions, unit: 'actions' },
      { name: 'probes run by themselves: time to the diagnosis (median)', value: median(now.ms), unit: 'ms', note: `${RUNS} runs, from the first action` },
      { name: 'a probe button per step: actions to the diagnosis', value: before.actions, unit: 'actions' },
      { name: 'a probe button per step: time to the diagnosis (median)', value: median(before.ms), unit: 'ms', note: `${RUNS} runs, from the first action` },
    ];
  },
};

export default bench;
