import { expect, test } from './fixtures';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { makePng } from '../support/png';
import { shot, stepTitle } from './wizard';

/** Copied from Service Center > Administration > Servers (our sample: the page's layout is not documented). */
const SERVERS_TEXT = [
  'Name\tIP Address\tStatus\tSend Emails\tExecute Timers',
  'OSFE01\t10.0.1.11\tActive\tYes\tYes',
  'OSFE02\t10.0.1.12\tActive\t\tYes',
  'OSFE03\t10.0.1.13\tInactive\tNo\tNo',
].join('\n');

test('the server list pasted from Service Center, a screenshot attached with a caption and seen in the report', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');
  await page.getByRole('radio', { name: /^432 4\.3\.2/ }).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await stepTitle(page, 'Symptom');
  await page.getByLabel('432 errors found').fill('12');
  await page.getByRole('button', { name: 'Continue' }).click();
  await stepTitle(page, 'Servers');

  // Paste the servers: what was read is shown first, then taken into the editor.
  await page.getByRole('button', { name: 'Paste from Service Center' }).click();
  await page.getByLabel('Text copied from Service Center > Administration > Servers').fill(SERVERS_TEXT);
  const read = page.getByRole('table', { name: 'Servers read from the pasted text' });
  await expect(read.getByRole('row')).toHaveCount(4);
  await expect(read.getByRole('row', { name: /OSFE02/ })).toContainText('not said');
  await expect(read.getByRole('row', { name: /OSFE03/ }).getByRole('cell')).toHaveText(['OSFE03', '10.0.1.13', 'Inactive', 'no', 'no']);
  await shot(page, 'paste-01-read');
  await page.getByRole('button', { name: 'Use these 3 servers' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 servers taken from the pasted text' })).toContainText('Confirm “Sends email” for each');
  await expect(page.getByLabel('Server 1 name')).toHaveValue('OSFE01');
  await expect(page.getByLabel('OSFE01 sends email')).toHaveValue('yes');
  await expect(page.getByLabel('OSFE02 sends email')).toHaveValue('');
  await expect(page.getByLabel('OSFE03 is active')).not.toBeChecked();
  // The engineer confirms "Send Emails" where the text did not say it, and the zones.
  await page.getByLabel('OSFE02 sends email').selectOption('no');
  for (const name of ['OSFE01', 'OSFE02', 'OSFE03']) await page.getByLabel(`${name} zone`).fill('Global');
  await shot(page, 'paste-02-confirm');
  await page.getByRole('button', { name: 'Continue' }).click();
  await stepTitle(page, 'Threads');

  const id = new URL(page.url()).hash.split('/').at(-1)!;
  const stored = await createInProcessClient(app.services)['sessions.get']({ id });
  const servers = stored.session.facts.find((f) => f.key === 'servers');
  expect(servers).toMatchObject({
    source: 'engineer',
    value: [
      { name: 'OSFE01', active: true, sendsEmail: true, zone: 'Global' },
      { name: 'OSFE02', active: true, sendsEmail: false, zone: 'Global' },
      { name: 'OSFE03', active: false, sendsEmail: false, zone: 'Global' },
    ],
  });

  // Attach: a .png that is text is refused with the reason; the real screenshot is listed with its caption.
  const card = page.getByRole('region', { name: 'Attachments' });
  await card
    .getByLabel('File to attach')
    .setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('432 4.3.2 Concurrent connections limit exceeded') });
  await card.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(card.getByRole('alert')).toContainText('screenshot.png is not a PNG image');
  await card.getByLabel('File to attach').setInputFiles({ name: 'errors-0914.png', mimeType: 'image/png', buffer: makePng(640, 360) });
  await card.getByLabel('Caption', { exact: true }).fill('Error log in Service Center: the 432s at 09:14');
  await card.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(card.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(1);
  await expect(card.getByLabel('Caption of errors-0914.png')).toHaveValue('Error log in Service Center: the 432s at 09:14');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await shot(page, 'attach-01-wizard');

  // The report of the session as it is now: the image, drawn, with its caption.
  await page.goto(`${app.host.appUrl}#/reports/session/${id}`);
  const report = page.frameLocator('iframe.report-frame');
  await expect(report.getByRole('heading', { name: 'Appendix C: attachments' })).toBeVisible();
  const image = report.getByRole('img', { name: 'Error log in Service Center: the 432s at 09:14' });
  await image.scrollIntoViewIfNeeded();
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
  await expect(report.locator('figcaption')).toContainText('errors-0914.png: Error log in Service Center: the 432s at 09:14');
  await shot(page, 'attach-02-report', false);
});
