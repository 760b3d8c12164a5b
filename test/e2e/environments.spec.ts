import { refusedPort } from '../support/fake-servers';
import { expect, test } from './fixtures';

const PASSWORD = 'E2e-Pa55word-that-must-stay-hidden';

test('add, validate, test against a closed port, edit and delete an environment; the password never reaches the page', async ({ app, page }) => {
  const port = await refusedPort();
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) bodies.push(await response.text().catch(() => ''));
  });
  await page.goto(app.host.appUrl);
  await expect(page.getByRole('article', { name: 'Demo farm (embedded)' })).toBeVisible();

  await page.getByRole('button', { name: 'New environment' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Fabrikam QA');
  await page.getByLabel('Customer or tag').fill('Fabrikam');
  await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill('70000');
  await page.getByLabel('Database', { exact: true }).fill('outsystems');
  await page.getByLabel('User', { exact: true }).fill('os_admin');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Connect timeout (seconds)').fill('1.5');
  await page.getByRole('button', { name: 'Save environment' }).click();
  // The form names the wrong field with the same words as the API.
  await expect(page.getByText('Port must be between 1 and 65535')).toBeVisible();
  await page.getByLabel('Port', { exact: true }).fill(String(port));
  await page.getByRole('button', { name: 'Save environment' }).click();

  const card = page.getByRole('article', { name: 'Fabrikam QA' });
  await expect(card).toBeVisible();
  await expect(card.getByText(`127.0.0.1:${port} / outsystems`)).toBeVisible();

  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByLabel('Connection test result')).toContainText(`Connection refused by 127.0.0.1:${port}`);

  await card.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await page.getByLabel('Name', { exact: true }).fill('Fabrikam QA (renamed)');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const renamed = page.getByRole('article', { name: 'Fabrikam QA (renamed)' });
  await expect(renamed).toBeVisible();

  await page.getByLabel('Search environments').fill('fabrikam');
  await expect(page.getByRole('article', { name: 'Demo farm (embedded)' })).toHaveCount(0);
  await page.getByLabel('Search environments').fill('');

  expect(await page.content()).not.toContain(PASSWORD);
  expect(bodies.length).toBeGreaterThan(3);
  for (const body of bodies) expect(body).not.toContain(PASSWORD);

  await renamed.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Fabrikam QA (renamed)?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete environment' }).click();
  await expect(page.getByRole('article', { name: 'Fabrikam QA (renamed)' })).toHaveCount(0);
  await app.restart();
  await page.goto(app.host.appUrl);
  await expect(page.getByRole('article', { name: 'Demo farm (embedded)' })).toBeVisible();
  await expect(page.getByRole('article', { name: /Fabrikam/ })).toHaveCount(0);
});

test('the built-in demo can be tested and reset but not edited or deleted', async ({ app, page }) => {
  await page.goto(app.host.appUrl);
  const demo = page.getByRole('article', { name: 'Demo farm (embedded)' });
  await expect(demo.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(demo.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await demo.getByRole('button', { name: 'Test connection' }).click();
  await expect(demo.getByLabel('Connection test result')).toContainText('OSSYS');
  await demo.getByRole('button', { name: 'Reset demo' }).click();
  await page.getByRole('dialog', { name: 'Reset the demo database?' }).getByRole('button', { name: 'Reset demo' }).click();
  await expect(page.getByRole('dialog', { name: 'Reset the demo database?' })).toBeHidden();
});
