import { expect, test } from './fixtures';
import { createInProcessClient } from '../../electron/services/in-process-client';

test('the database time zone: a name that is not a zone is refused under its field, an IANA name is kept as Intl spells it', async ({ page, app }) => {
  await createInProcessClient(app.services)['profiles.create']({
    profile: {
      name: 'Lisbon PRD',
      engine: 'sqlserver',
      host: 'db.contoso.local',
      port: 1433,
      database: 'outsystems',
      user: 'os_reader',
      rememberPassword: false,
    },
  });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Environments', exact: true }).click();
  await page.getByRole('article', { name: 'Lisbon PRD' }).getByRole('button', { name: 'Edit' }).click();

  const zone = page.getByLabel('Database time zone');
  await expect(zone).toHaveValue('');
  await zone.fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Time zone "Mars/Olympus" is not an IANA time zone name such as Europe/Lisbon')).toBeVisible();

  await zone.fill('europe/lisbon');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('article', { name: 'Lisbon PRD' }).getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Database time zone')).toHaveValue('Europe/Lisbon');
});
