import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { exportXlsx, isoLocal, serviceCenterRows, type ExportRow } from '../support/evidence-files';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';
import { shot, stepTitle, continueTo } from './wizard';

/** The browser host with Chromium as its PDF printer, on a fresh data folder. */
const test = base.extend<{ app: RunningHost }>({
  app: async ({}, use) => {
    const dataDir = tempDataDir('st-e2e-evidence-');
    const app = await startTestHost(dataDir, { pdfPrinter: createChromiumPdfPrinter() });
    await use(app);
    await app.stop();
    removeDir(dataDir);
  },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test.use({ viewport: { width: 1280, height: 800 } });

test('offline: the customer’s Errors export imported on New session, a refused file said where it was chosen, a second export since the restart, the report', async ({
  page,
  app,
}) => {
  // The export's times are this hour's (UTC, the zone the page offers for an offline session): 432 errors on FE01 and FE02, the last ones before now.
  const now = Date.now();
  const start = new Date(Math.floor((now - 10 * 3_600_000) / 60_000) * 60_000);
  const rows = serviceCenterRows({ start });
  const file = await exportXlsx(rows);

  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');

  // The preview: first rows, columns found by their headers (selects), day/month order, time zone.
  await page.getByLabel('Evidence file').setInputFiles({ name: 'errors-PRD.xlsx', mimeType: XLSX, buffer: file });
  const preview = page.locator('[aria-label="Preview of the evidence"]');
  await expect(preview).toContainText('errors-PRD.xlsx: 500 rows');
  await expect(page.getByLabel('Time column')).toHaveValue('Time');
  await expect(page.getByLabel('Message column')).toHaveValue('Message');
  await expect(page.getByLabel('Server column')).toHaveValue('Server');
  await expect(page.getByLabel('Times in the file are in')).toHaveValue('0');
  await expect(preview.locator('tbody tr')).toHaveCount(20);
  await expect(preview.locator('tbody tr').first()).toContainText(isoLocal(rows[0]!.local));
  // Its messages name the playbook.
  await expect(page.getByRole('radio', { name: /^432 4\.3\.2/ })).toBeChecked();
  await preview.locator('table').scrollIntoViewIfNeeded();
  await shot(page, 'evidence-00-new-session', false);
  await page.getByRole('button', { name: 'Start session and import' }).click();

  await stepTitle(page, 'Symptom');
  const count = page.locator('.ts-fact', { hasText: '432 errors found' });
  await expect(count.locator('.ts-fact-value')).toHaveText('432');
  await expect(count).toContainText('imported: errors-PRD.xlsx, 500 rows, 432 matching');
  await expect(page.locator('.ts-fact', { hasText: 'Per server' })).toContainText(/FE0[12]: 216, FE0[12]: 216/);
  await expect(page.locator('.ts-probe-summaries')).toContainText(/imported\s*Imported: errors-PRD\.xlsx, 500 rows, 432 matching\./);

  // A broken file is refused beside the file chooser; nothing changes.
  await page.getByRole('button', { name: 'Import evidence' }).click();
  await page.getByLabel('Evidence file').setInputFiles({ name: 'errors-PRD.xlsx', mimeType: XLSX, buffer: file.subarray(0, 2000) });
  const panel = page.locator('.ev-panel');
  await expect(panel.getByRole('alert')).toContainText('Not a spreadsheet: the workbook could not be read');
  await expect(count.locator('.ts-fact-value')).toHaveText('432');
  // One without a message column: the preview says so and Import stays off.
  const noMessage = await exportXlsx(rows, {
    columns: [
      { header: 'Time', field: 'local' },
      { header: 'Server', field: 'server' },
    ],
  });
  await page.getByLabel('Evidence file').setInputFiles({ name: 'servers-only.xlsx', mimeType: XLSX, buffer: noMessage });
  await expect(panel.getByRole('list', { name: 'Problems' })).toContainText('No message column');
  await expect(panel.getByRole('button', { name: /^(Import|Add) 500 rows$/ })).toBeDisabled();
  await expect(page.getByLabel('Message column')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'evidence-01-refused', false);
  await panel.getByRole('button', { name: 'Close' }).click();

  await continueTo(page, 'Servers');
  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByRole('button', { name: 'Add server' }).click();
  await continueTo(page, 'Threads');
  await page.getByLabel('Threads for emails (global)').fill('2');
  await continueTo(page, 'Shared mailbox');
  await page.getByLabel('Sending mailbox').fill('noreply@contoso.com');
  await page.getByRole('button', { name: 'No other sender' }).click();
  await stepTitle(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toBeVisible();
  await continueTo(page, 'Plan');
  await page
    .getByRole('article')
    .first()
    .getByRole('button', { name: /^Choose this plan/ })
    .click();
  await continueTo(page, 'Apply');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('What you changed, where').fill('Threads for emails set to 1 in Factory Configuration');
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await continueTo(page, 'Restart');
  for (const server of ['FE01', 'FE02']) await page.getByRole('checkbox', { name: server }).click();
  await continueTo(page, 'Verify');

  // The customer's second export, an hour later: only other errors since the restart.
  const restartAt = Date.now();
  const after: ExportRow[] = Array.from({ length: 30 }, (_, i) => ({
    local: new Date(Math.ceil(restartAt / 60_000) * 60_000 + (i + 1) * 60_000),
    application: 'Portal',
    module: 'PortalUI',
    message: 'Object reference not set to an instance of an object.',
    server: 'FE01',
  })).reverse();
  await page.getByRole('button', { name: 'Import evidence' }).click();
  await page.getByLabel('Evidence file').setInputFiles({ name: 'errors-PRD-later.xlsx', mimeType: XLSX, buffer: await exportXlsx([...after, ...rows]) });
  await expect(panel.getByRole('status').first()).toContainText('errors-PRD-later.xlsx: 530 rows');
  await panel.locator('table').scrollIntoViewIfNeeded();
  await shot(page, 'evidence-02-second-export', false);
  // It adds to the first export: the rows both files hold are counted once.
  await expect(panel).toContainText('Adds to the earlier import (imported: errors-PRD');
  await panel.getByRole('button', { name: 'Add 530 rows' }).click();
  const since = page.locator('.ts-fact', { hasText: '432 errors since the restart' });
  await expect(since.locator('.ts-fact-value')).toHaveText('0');
  await expect(since).toContainText('imported: errors-PRD-later.xlsx, 30 rows after the fix');
  await expect(since.locator('.badge')).toHaveText('imported');
  // The servers after the fix start from the list before it and are saved with the other values.
  await page.getByLabel('Threads for emails now').fill('1');
  await page.getByLabel('Emails sent since the restart').fill('25');
  await page.getByRole('button', { name: 'Save facts' }).click();
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toBeVisible();
  await shot(page, 'evidence-03-verify', false);

  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  // Both exports make the count; the rows they share are counted once.
  const both = 'errors-PRD.xlsx (500 rows, 432 matching) + errors-PRD-later.xlsx (530 rows, 432 matching): 432 counted, 432 already counted before';
  await expect(report.getByText(both).first()).toBeVisible();
  for (const [label, check] of [
    ['Export Markdown', (text: string) => expect(text).toContain(both)],
    ['Export JSON', (text: string) => expect(text).toContain('imported: errors-PRD-later.xlsx, 30 rows after the fix')],
    ['Export PDF', (text: string) => expect(text.slice(0, 5)).toBe('%PDF-')],
  ] as const) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: label }).click();
    check(readFileSync(await (await downloading).path(), label === 'Export PDF' ? 'latin1' : 'utf8'));
  }
});
