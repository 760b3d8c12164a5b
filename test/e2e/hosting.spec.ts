import { expect, test } from './fixtures';
import { createInProcessClient } from '../../electron/services/in-process-client';

test('an OutSystems Cloud environment with a temporary database user: hosting and the expiry said on its card and in the form', async ({ page, app }) => {
  const expiresAt = new Date(Date.now() + 40 * 60_000 + 20_000).toISOString();
  const created = await createInProcessClient(app.services)['profiles.create']({
    profile: {
      name: 'Contoso Cloud PRD',
      engine: 'sqlserver',
      host: 'db.contoso.outsystemscloud.com',
      port: 1433,
      database: 'outsystems',
      user: 'tmp_user',
      rememberPassword: false,
      hosting: 'outsystems-cloud',
      userExpiresAt: expiresAt,
    },
  });
  expect(created).toMatchObject({ name: 'Contoso Cloud PRD', hosting: 'outsystems-cloud' });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Environments', exact: true }).click();
  const card = page.getByRole('article', { name: 'Contoso Cloud PRD' });
  await expect(card).toContainText('OutSystems Cloud · read only');
  await expect(card.getByRole('status')).toHaveText('This database user expires in 40 minutes.');
  if (process.env.TS_SHOTS) await page.screenshot({ path: `${process.env.TS_SHOTS}/hosting-card.png` });
  await card.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Where the platform runs')).toHaveValue('outsystems-cloud');
  await expect(page.getByText('The app reads this database but never writes to it')).toBeVisible();
  await expect(page.getByLabel('Database user expires at')).not.toHaveValue('');
  if (process.env.TS_SHOTS) await page.screenshot({ path: `${process.env.TS_SHOTS}/hosting-form.png`, fullPage: true });
});
