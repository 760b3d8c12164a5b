import { expect, test } from './fixtures';

test('the app frame loads and navigates between pages', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // The token leaves the address bar once the app has it.
  await expect(page).not.toHaveURL(/token=/);
  for (const label of ['Troubleshoot', 'What-if', 'Reports', 'Environments']) {
    await page.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
    await expect(page.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Environments' })).toBeVisible();
});

test('settings persist across a restart of the host', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Dark').check();
  await dialog.getByLabel('Report page size').selectOption('Letter');
  await dialog.getByLabel('Engineer name (shown on reports)').fill('Ana Ribeiro');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const restarted = await app.restart();
  await page.goto(restarted.host.appUrl);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('Dark')).toBeChecked();
  await expect(dialog.getByLabel('Report page size')).toHaveValue('Letter');
  await expect(dialog.getByLabel('Engineer name (shown on reports)')).toHaveValue('Ana Ribeiro');
});

test('API requests without the token, or from another origin or host, get 403', async ({ request, app }) => {
  const url = `${app.host.url}/api/app.info`;
  const noToken = await request.post(url, { data: {} });
  expect(noToken.status()).toBe(403);
  expect((await noToken.json()).error.code).toBe('forbidden');

  const wrongToken = await request.post(url, { data: {}, headers: { authorization: 'Bearer nope' } });
  expect(wrongToken.status()).toBe(403);

  const foreignOrigin = await request.post(url, {
    data: {},
    headers: { authorization: `Bearer ${app.host.token}`, origin: 'http://evil.example' },
  });
  expect(foreignOrigin.status()).toBe(403);

  const foreignHost = await request.post(url, {
    data: {},
    headers: { authorization: `Bearer ${app.host.token}`, host: `evil.example:${app.host.port}` },
  });
  expect(foreignHost.status()).toBe(403);

  const ok = await request.post(url, { data: {}, headers: { authorization: `Bearer ${app.host.token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).value.hostKind).toBe('browser');
});

test('an API error is shown in the banner in words', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // Simulate the host going away: the next call must explain itself, not fail silently.
  await app.stop();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').first()).toContainText('not reachable');
});
