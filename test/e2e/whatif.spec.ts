import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** TS_SHOTS=dir saves screenshots there at 1280x800, one per screenful of the scrolling content, to look at what a user sees. */
async function shot(page: Page, name: string) {
  if (!process.env.TS_SHOTS) return;
  await page.setViewportSize({ width: 1280, height: 800 });
  const content = page.locator('.content');
  const height = await content.evaluate((el) => el.scrollHeight);
  for (let top = 0, n = 1; top < height; top += 700, n++) {
    await content.evaluate((el, y) => el.scrollTo(0, y), top);
    await page.screenshot({ path: `${process.env.TS_SHOTS}/${name}-${n}.png` });
  }
  await content.evaluate((el) => el.scrollTo(0, 0));
}

test('build a scenario, see the verdict and plans, save it and reopen it after a restart', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'What-if', exact: true }).click();

  // The article's farm: 2 servers x 2 threads on one Exchange Online mailbox.
  const env1 = page.getByRole('group', { name: 'Environment 1' });
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toContainText('2 servers x 2 threads = 4 > 3');
  const recommended = page.getByRole('article', { name: /^Recommended plan/ });
  await expect(recommended).toContainText('2 servers x 1 thread');
  await expect(recommended).toContainText('Scheduler.NumberOfThreadsForEmails 2 -> 1');
  await expect(page.getByRole('img', { name: /Connections per mailbox against the limit of 3/ })).toBeVisible();

  // Five servers: the recommendation switches two off and lowers the threads.
  for (let i = 0; i < 3; i++) await env1.getByRole('button', { name: 'Add server' }).click();
  await expect(recommended).toContainText('3 servers x 1 thread');
  await expect(recommended).toContainText('turn off Send Emails on FE5');

  // Invalid input is marked at its field and the last valid result stays.
  const threads = env1.getByLabel('Email threads (global)');
  await threads.fill('1.5');
  await expect(threads).toHaveAttribute('aria-invalid', 'true');
  await expect(env1.getByText('Email threads must be a whole number')).toBeVisible();
  await expect(recommended).toContainText('3 servers x 1 thread');
  await env1.getByLabel('Server 2 name').fill('FE1');
  await threads.fill('2');
  await expect(env1.getByText('Server name "FE1" is used twice in PRD')).toBeVisible();
  await env1.getByLabel('Server 2 name').fill('FE2');

  // Only one server sends: within the limit.
  for (const n of [2, 3, 4, 5]) await env1.getByLabel(`Server ${n} sends email`).uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Within the limit.' })).toContainText('uses 2 of 3 connections');
  await expect(page.getByRole('heading', { name: 'Plans' })).toHaveCount(0);
  await env1.getByLabel('Server 2 sends email').check();

  // Copy as Markdown puts the result on the clipboard.
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('### Recommended: 2 servers x 1 thread');

  // Save, restart the app, reopen.
  await page.getByLabel('Scenario name').fill('Contoso PRD');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('list', { name: 'Saved scenarios' })).toContainText('Contoso PRD');

  const restarted = await app.restart();
  await page.goto(restarted.host.appUrl);
  await page.getByRole('link', { name: 'What-if', exact: true }).click();
  await page.getByRole('button', { name: 'Open Contoso PRD' }).click();
  await expect(page.getByRole('group', { name: 'Environment 1' }).getByLabel('Server 5 name')).toHaveValue('FE5');
  await expect(page.getByRole('group', { name: 'Environment 1' }).getByLabel('Server 3 sends email')).not.toBeChecked();
  await expect(page.getByRole('article', { name: /^Recommended plan/ })).toContainText('2 servers x 1 thread');

  // Delete asks once more, then the scenario is gone.
  await page.getByRole('button', { name: 'Delete Contoso PRD' }).click();
  await page.getByRole('button', { name: 'Confirm delete Contoso PRD' }).click();
  await expect(page.getByText('No saved scenarios yet.')).toBeVisible();
});

test('two environments sharing a mailbox split its limit, and too many zones has no plan', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'What-if', exact: true }).click();
  await page.getByRole('button', { name: 'Add environment' }).click();
  const env2 = page.getByRole('group', { name: 'Environment 2' });
  await env2.getByLabel('Sending mailbox').fill('NoReply@contoso.com');
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toContainText('= 8 > 3');
  await expect(page.getByRole('article', { name: /^Recommended plan/ })).toContainText(/PRD: .*QA: /);

  // Four zones in one environment cannot stay within 3 connections.
  await env2.getByRole('button', { name: 'Remove environment' }).click();
  const env1 = page.getByRole('group', { name: 'Environment 1' });
  await env1.getByRole('button', { name: 'Add server' }).click();
  await env1.getByRole('button', { name: 'Add server' }).click();
  for (const n of [1, 2, 3, 4]) await env1.getByLabel(`Server ${n} zone`).fill(`Zone ${n}`);
  const noPlan = page.getByRole('region', { name: /No plan for noreply@contoso.com/ });
  await expect(noPlan).toContainText('4 deployment zones');
  await expect(noPlan).toContainText('SMTP relay connector');
});

test('two environments on one mailbox over the daily recipients quota: the verdict, the split and the fields', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'What-if', exact: true }).click();
  await page.getByRole('button', { name: 'Add environment' }).click();
  const env1 = page.getByRole('group', { name: 'Environment 1' });
  const env2 = page.getByRole('group', { name: 'Environment 2' });
  await env2.getByLabel('Sending mailbox').fill('NoReply@contoso.com');
  // Before any volume the quota is not checked, and says so.
  await expect(page.getByRole('region', { name: 'Recipients per 24 hours' })).toContainText('Not checked');
  await shot(page, 'whatif-quota-none');

  await env1.getByLabel('Recipients per day').fill('6000');
  await env2.getByLabel('Recipients per day').fill('5,200');
  const verdict = page.getByRole('status').filter({ hasText: 'Over the recipients quota.' });
  await expect(verdict).toContainText('PRD 6,000 + QA 5,200 = 11,200 recipients per 24 h > 10,000');
  const split = page.getByRole('article', { name: 'Quota option: Split the senders over 2 mailboxes' });
  await expect(split).toContainText('at least 2 mailboxes');
  await expect(split.getByRole('list', { name: 'Mailboxes after' })).toContainText('noreply@contoso.com: PRD · 6,000 recipients per 24 h (within)');
  await expect(page.getByRole('article', { name: 'Quota option: Move QA to its own mailbox' })).toContainText(
    'noreply@contoso.com carries 6,000 (4,000 to spare)',
  );
  await expect(page.getByRole('img', { name: /Recipients per 24 h per mailbox against the limit of 10,000/ })).toBeVisible();
  // The connection budget is still its own verdict.
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toContainText('= 8 > 3');
  await shot(page, 'whatif-quota-over');

  // A field error names the environment and the field; the last valid result stays.
  await env2.getByLabel('Emails per day').fill('2600');
  await expect(env2.getByText('QA: give recipients per day, or emails per day and recipients per email, not both')).toBeVisible();
  await env2.getByLabel('Recipients per email').fill('1.5');
  await env2.getByLabel('Recipients per day').fill('');
  await expect(env2.getByText('QA: recipients per email must be a whole number of at least 1')).toBeVisible();
  await expect(env2.getByLabel('Recipients per email')).toHaveAttribute('aria-invalid', 'true');
  await expect(verdict).toContainText('11,200');
  await env2.getByLabel('Recipients per email').fill('2');
  await expect(verdict).toContainText('PRD 6,000 + QA 2,600 emails x 2 = 11,200 recipients per 24 h > 10,000');

  // A low volume with the quota error points to a compromised account.
  await env1.getByLabel('Recipients per day').fill('300');
  await env2.getByLabel('Emails per day').fill('100');
  await page.getByLabel('The quota error (554 5.2.0 SubmissionQuotaExceededException) was seen').check();
  await expect(page.getByRole('status').filter({ hasText: 'Within the recipients quota.' })).toContainText('compromised account');
  await shot(page, 'whatif-quota-error-low-volume');

  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied', { exact: true })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain('## Recipients per 24 hours');
  expect(markdown).toContain('PRD 300 + QA 100 emails x 2 = 500 recipients per 24 h <= 10,000');

  // The new fields are saved with the scenario.
  await page.getByLabel('Scenario name').fill('Shared mailbox volume');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('button', { name: 'Open Shared mailbox volume' }).click();
  await expect(env2.getByLabel('Emails per day')).toHaveValue('100');
  await expect(env2.getByLabel('Recipients per email')).toHaveValue('2');
  await expect(page.getByLabel('The quota error (554 5.2.0 SubmissionQuotaExceededException) was seen')).toBeChecked();
});

test('unsaved input: kept across pages, a question before New discards it, and before the window is reloaded', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'What-if', exact: true }).click();
  const name = page.getByRole('group', { name: 'Environment 1' }).getByLabel('Environment name');
  await name.fill('Contoso PRD');
  await expect(page.getByText('Not saved yet: closing or reloading the window loses this input.')).toBeVisible();

  // Another page of the app keeps the input.
  await page.getByRole('link', { name: 'Environments', exact: true }).click();
  await page.getByRole('link', { name: 'What-if', exact: true }).click();
  await expect(name).toHaveValue('Contoso PRD');

  // New asks first.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Discard the unsaved changes?' });
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(name).toHaveValue('Contoso PRD');

  // Reloading asks too (the browser's own question); staying keeps the input.
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
  await page.reload({ timeout: 2_000 }).catch(() => undefined);
  expect(await asked).toBe('beforeunload');
  await expect(name).toHaveValue('Contoso PRD');

  // Saved: no question any more.
  await page.getByLabel('Scenario name').fill('Contoso PRD');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByText(/Not saved yet/)).toHaveCount(0);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(name).toHaveValue('PRD');
});
