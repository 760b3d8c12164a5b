import { test, expect } from './fixtures';
import { diskFullPlaybook } from '../fixtures/playbooks/disk-full';

/**
 * A playbook written only for tests, added to the running host: the same Troubleshoot page lists
 * it, recognises its error, and walks it to the end. No UI code knows this playbook.
 */
test('a playbook added to the host is recognised and walked in the same wizard', async ({ page, app }) => {
  app.services.sessions.addPlaybook(diskFullPlaybook);
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Build server');
  await page.getByLabel('Paste an error (optional)').fill('IOException: No space left on device');
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toHaveText('Recognised: Disk full on a front-end (1 line).');
  await expect(page.getByRole('radio', { name: /Disk full on a front-end/ })).toBeChecked();
  await page.getByRole('button', { name: 'Start session' }).click();

  await expect(page.getByRole('heading', { name: 'Disk full on a front-end' })).toBeVisible();
  const stepper = page.getByRole('navigation', { name: 'Steps' });
  await expect(stepper.getByRole('listitem')).toHaveText([/Measure/, /Judge/, /Report/]);
  await expect(page.getByRole('heading', { name: 'Step 1 of 3: Measure' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('Give the free disk space.');

  await page.getByLabel('Free disk space (%)').fill('4');
  await page.getByLabel('Free disk space (%)').press('Enter');
  await expect(page.getByRole('heading', { name: 'Step 2 of 3: Judge' })).toBeVisible();
  const verdict = page.locator('.ts-fact').filter({ hasText: 'Verdict' });
  await expect(verdict).toContainText('Too little free space: clean up old deployments.');
  await expect(verdict).toContainText('derived');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3 of 3: Report' })).toBeVisible();
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.getByText('Not resolved').first()).toBeVisible();
});
