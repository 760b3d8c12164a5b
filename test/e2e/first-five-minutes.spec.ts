import type { Locator, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { gcmCipherFromKey } from '../../electron/services/secrets/gcm';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';
import { test as base, expect } from '@playwright/test';
import { continueTo } from './wizard';

/**
 * The README's "First five minutes", walked as a new user: the demo environment, Open in
 * Troubleshoot, paste the error, Start, the diagnosis, the fix, the PDF. With DOCS_SHOTS=1 it
 * saves the README's three screenshots in docs/ (1280 x 800); without it, it only checks the walk,
 * so an ordinary test run never rewrites them.
 */
const test = base.extend<{ app: RunningHost }>({
  app: async ({}, use) => {
    const dataDir = tempDataDir('st-e2e-first-');
    // As `npm run serve` starts for a user who gave a passphrase (passwords can be saved).
    const app = await startTestHost(dataDir, { pdfPrinter: createChromiumPdfPrinter(), secretCipher: gcmCipherFromKey(randomBytes(32)), appVersion: '0.1.0' });
    await use(app);
    await app.stop();
    removeDir(dataDir);
  },
});

// Times on screen are the user's local time with the zone named; the report's are UTC.
test.use({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Amsterdam' });

async function docShot(page: Page, name: string) {
  if (process.env.DOCS_SHOTS === '1') await page.screenshot({ path: `docs/${name}.png` });
}

async function currentStep(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 3, name: /^Step \d+ of \d+: / });
  await expect(heading).toBeVisible();
  return ((await heading.textContent()) ?? '').replace(/^Step \d+ of \d+: /, '');
}

/** Reads may start by themselves and move the wizard on: wait until none runs and the step stays put. */
async function settled(page: Page, probes: Locator) {
  const heading = page.getByRole('heading', { level: 3, name: /^Step \d+ of \d+: / });
  let last = '';
  for (let i = 0; i < 100; i++) {
    const running = await probes.and(page.locator(':disabled')).count();
    const now = `${running}|${await heading.textContent()}`;
    if (running === 0 && now === last) return;
    last = now;
    await page.waitForTimeout(300);
  }
  throw new Error('The wizard did not settle.');
}

/**
 * From the first step to the diagnosis as a user would: on each step, run its probe when one is
 * offered and its facts are not known yet, answer "No other sender", continue.
 */
async function walkToDiagnosis(page: Page) {
  const probes = page.getByRole('button', { name: /^(Search the error log|Read the)/ });
  for (let i = 0; i < 12; i++) {
    await settled(page, probes);
    const title = await currentStep(page);
    if (title === 'Diagnosis') return;
    if ((await page.getByText('not known yet').count()) > 0 && (await probes.count()) > 0) {
      await probes.first().click();
      await expect(page.getByText('not known yet')).toHaveCount(0);
    }
    const noOther = page.getByRole('button', { name: 'No other sender' });
    if (await noOther.isVisible()) {
      // The answer continues by itself.
      await noOther.click();
      await expect(page.getByRole('heading', { level: 3, name: new RegExp(`: ${title}$`) })).toBeHidden();
      continue;
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`: ${title}$`) })).toBeHidden();
  }
  throw new Error('The walk did not reach the diagnosis.');
}

const PASTED = 'Error sending email 40012: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information';

test('first five minutes: from the demo environment to a resolved session and its PDF', async ({ page, app }) => {
  await page.goto(app.host.appUrl);

  // 1. The Environments page, with the demo farm ready to use.
  const demo = page.getByRole('article').filter({ hasText: 'Demo farm' });
  await expect(demo).toBeVisible();
  await docShot(page, 'first-1-environments');
  await demo.getByRole('button', { name: 'Open in Troubleshoot' }).click();

  // 2. Paste the error, recognise it, start.
  await expect(page.getByRole('radio', { name: /Demo farm/ })).toBeChecked();
  await page.getByLabel('Paste an error (optional)').fill(PASTED);
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toContainText('Recognised: 432 4.3.2 Concurrent connections limit exceeded');
  await page.getByRole('button', { name: 'Start session' }).click();

  // 3. The steps read their facts from the demo database; the mailbox step asks about other senders.
  await walkToDiagnosis(page);

  // 4. The diagnosis: said once, with the arithmetic.
  const verdict = page.getByRole('status').filter({ hasText: 'Over the limit.' });
  await expect(verdict).toBeVisible();
  await expect(verdict).not.toContainText(/over the limit.*over the limit/i);
  await expect(page.getByRole('cell', { name: '2 servers x 2 threads = 4 > 3' })).toBeVisible();
  await docShot(page, 'first-2-diagnosis');

  // 5. The fix: the recommended plan, applied from the app, the restart ticked, verified.
  await continueTo(page, 'Plan');
  await page
    .getByRole('article')
    .first()
    .getByRole('button', { name: /^Choose this plan/ })
    .click();
  await continueTo(page, 'Apply');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await page.getByRole('button', { name: 'Apply…' }).click();
  await page.getByRole('dialog', { name: 'Apply this change to the platform database?' }).getByRole('button', { name: 'Apply the change' }).click();
  await expect(page.getByRole('table', { name: 'Changes applied from the app' })).toContainText('Support engineer');
  await continueTo(page, 'Restart');
  for (const server of ['FE01', 'FE02']) await page.getByRole('checkbox', { name: server }).click();
  await continueTo(page, 'Verify');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toBeVisible();

  // 6. The report: the engineer named as on the change (no name set yet: the default), probes in words and each once; the PDF.
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  await expect(report.getByRole('row', { name: /^Engineer/ })).toContainText('Support engineer');
  await expect(report.getByText('2 servers x 1 thread').first()).toBeVisible();
  await expect(report.getByRole('row', { name: /^Session/ })).toContainText(/\d{2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  await expect(page.getByText(/^Completed \d{1,2} \w{3} \d{4}, \d{2}:\d{2} CET\.$/)).toBeVisible();
  const log = report.locator('table.log');
  await expect(log).not.toContainText('Probe "');
  await docShot(page, 'first-3-report');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
});
