import { hangingServer, refusedPort } from '../support/fake-servers';
import { expect, test } from './fixtures';
import { createInProcessClient } from '../../electron/services/in-process-client';

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
  // The unsaved form can be tested before it is saved.
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByLabel('Connection test result')).toContainText(`Connection refused by 127.0.0.1:${port}`);
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
  await expect(demo.getByRole('status')).toContainText('The demo database was reset');

  await demo.getByRole('button', { name: 'Open in Troubleshoot' }).click();
  await expect(page).toHaveURL(/#\/troubleshoot\/new\/demo$/);
});

const CONTOSO = {
  name: 'Contoso PRD',
  customer: 'Contoso',
  role: 'production',
  engine: 'sqlserver',
  host: 'sql-prd.contoso.local',
  port: 1433,
  database: 'outsystems',
  user: 'os_admin',
  password: PASSWORD,
  rememberPassword: false,
  mailbox: 'noreply@contoso.com',
} as const;

test('export without passwords, import with a preview of what is added and replaced, and a malformed file refused', async ({ app, page }) => {
  const created = await createInProcessClient(app.services)['profiles.create']({ profile: CONTOSO });
  expect(created).toMatchObject({ name: 'Contoso PRD' });
  await page.goto(app.host.appUrl);
  await expect(page.getByRole('article', { name: 'Contoso PRD' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  const exported = await readDownload(download);
  expect(exported).toContain('sql-prd.contoso.local');
  expect(exported).not.toContain(PASSWORD);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 1 environment' })).toBeVisible();

  // A colleague changes one environment and adds another.
  const file = JSON.parse(exported) as { profiles: Array<Record<string, unknown>> };
  file.profiles[0]!.notes = 'Changed by a colleague';
  file.profiles.push({ ...file.profiles[0]!, id: undefined, name: 'Northwind DEV', role: 'development', notes: '' });
  await page
    .getByLabel('Import environments from a file')
    .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const preview = page.getByRole('dialog', { name: 'Import team.json?' });
  await expect(preview.getByRole('region', { name: 'Environments to add' })).toContainText('Northwind DEV');
  await expect(preview.getByRole('region', { name: 'Environments to replace' })).toContainText('Contoso PRD');
  // Nothing is written before the confirmation.
  await expect(page.getByRole('article', { name: 'Northwind DEV' })).toHaveCount(0);
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('article', { name: 'Northwind DEV' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Contoso PRD' })).toContainText('Changed by a colleague');
  await expect(page.getByRole('status').filter({ hasText: '1 added, 1 replaced' })).toBeVisible();

  await page
    .getByLabel('Import environments from a file')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"profiles": [') });
  await expect(page.getByRole('alert')).toContainText(/not valid JSON|could not be read|JSON/i);
  await expect(page.getByRole('dialog', { name: 'Import broken.json?' })).toHaveCount(0);
  await page
    .getByLabel('Import environments from a file')
    .setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something-else","version":1,"profiles":[]}') });
  await expect(page.getByRole('alert').filter({ hasText: 'not a Support Toolkit profiles file' })).toBeVisible();
  // A wrong field is named by profile and field in words, and a failed import replaces the last one's banner.
  const badPort = { ...file, profiles: [{ ...file.profiles[0]!, port: 70000 }] };
  for (let i = 0; i < 2; i++) {
    await page
      .getByLabel('Import environments from a file')
      .setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(badPort)) });
  }
  const problem = page.getByRole('alert', { name: 'Import problem' });
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText(
    'team.json: The profiles file cannot be imported: Profile 1 (Contoso PRD): port must be between 1 and 65535. Nothing was changed.',
  );
  await expect(problem).not.toContainText('profiles.0');
});

test('a test that hangs can be cancelled; a copy keeps the settings; a password not saved is asked again after a restart', async ({ app, page }) => {
  const hanging = await hangingServer();
  try {
    const created = await createInProcessClient(app.services)['profiles.create']({
      profile: { ...CONTOSO, name: 'Hanging PRD', host: '127.0.0.1', port: hanging.port, timeouts: { connectSeconds: 120, querySeconds: 30 } },
    });
    expect(created).toMatchObject({ name: 'Hanging PRD' });
    await page.goto(app.host.appUrl);
    const card = page.getByRole('article', { name: 'Hanging PRD' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByRole('progressbar', { name: 'Connection test progress' })).toBeVisible();
    await card.getByRole('button', { name: 'Cancel test' }).click();
    // The connect timeout is 2 minutes: only the cancel can end the test within the assertion's wait.
    await expect(card.getByLabel('Connection test result')).toContainText('Test cancelled.');

    await card.getByRole('button', { name: 'Duplicate' }).click();
    const copy = page.getByRole('article', { name: 'Hanging PRD (copy)' });
    await expect(copy).toContainText(`127.0.0.1:${hanging.port} / outsystems`);

    await app.restart();
    await page.goto(app.host.appUrl);
    const again = page.getByRole('article', { name: 'Hanging PRD', exact: true });
    await expect(again).toContainText('Password asked each session');
    await again.getByRole('button', { name: 'Test connection' }).click();
    const ask = page.getByRole('dialog', { name: 'Password for Hanging PRD' });
    await ask.getByLabel('Password of os_admin').fill(PASSWORD);
    await ask.getByRole('button', { name: 'Use for this session' }).click();
    await expect(again).toContainText('Password kept for this session only');
    await again.getByRole('button', { name: 'Cancel test' }).click();
    await expect(again.getByLabel('Connection test result')).toContainText('Test cancelled.');
    expect(await page.content()).not.toContain(PASSWORD);
  } finally {
    await hanging.close();
  }
});

async function readDownload(download: import('@playwright/test').Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
