import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { reportFileName, renderReportFile } from '../../electron/services/reports/render';
import { buildReport } from '../../shared/report/build';
import { FIXTURE_PASSWORD, loadSession } from '../fixtures/sessions';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';

/**
 * The browser host with the system Chromium as its PDF printer (as `npm run serve` has), holding one
 * report exported earlier as Markdown from the recorded "resolved" session.
 */
const test = base.extend<{ app: RunningHost }>({
  app: async ({}, use) => {
    const dataDir = tempDataDir('st-e2e-reports-');
    const app = await startTestHost(dataDir, { pdfPrinter: createChromiumPdfPrinter() });
    const model = buildReport(loadSession('resolved'), { engineerName: 'Ana Souza', generatedAt: '2025-03-14T16:20:00.000Z' });
    const bytes = await renderReportFile(model, 'md', { pageSize: 'A4' });
    await app.services.reports.store.record(model, 'md', reportFileName(model, 'md'), bytes);
    await use(app);
    await app.stop();
    removeDir(dataDir);
  },
});

test('lists an exported report, previews it, exports a PDF and deletes it', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();

  const table = page.getByRole('table', { name: 'Exported reports' });
  const row = table.getByRole('row').filter({ hasText: 'Contoso PRD' });
  await expect(row).toContainText('CS-48211');
  await expect(row).toContainText('Contoso Ltd');
  await expect(row).toContainText('Resolved');
  await expect(row).toContainText('MD');

  await row.getByRole('button', { name: 'Open the report for Contoso PRD' }).click();
  const preview = page.frameLocator('iframe[title^="Report:"]');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('CS-48211: Email connection limit (432 4.3.2) on Contoso PRD');
  await expect(preview.getByText('2 servers x 2 threads = 4 > 3').first()).toBeVisible();
  await expect(page.locator('iframe[title^="Report:"]')).toHaveAttribute('sandbox', '');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('CS-48211 Contoso PRD 2025-03-14 1402 UTC.pdf');
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).not.toContain(FIXTURE_PASSWORD);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toHaveText('Downloaded CS-48211 Contoso PRD 2025-03-14 1402 UTC.pdf');

  await page.getByRole('button', { name: '← All reports' }).click();
  await expect(row).toContainText(/MD, PDF|PDF, MD/);

  await row.getByRole('button', { name: 'Delete the report for Contoso PRD' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this report?' });
  await expect(dialog).toContainText('Contoso PRD');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Delete the report for Contoso PRD' }).click();
  await dialog.getByRole('button', { name: 'Delete report' }).click();
  await expect(page.getByText('No reports yet.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No reports yet.')).toBeVisible();
});

test('exports Markdown again from an opened report', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByRole('button', { name: 'Open the report for Contoso PRD' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const text = readFileSync(await (await downloading).path(), 'utf8');
  expect(text).toContain('# CS-48211: Email connection limit (432 4.3.2) on Contoso PRD');
  expect(text).toContain('| Outcome | **Resolved** |');
});
