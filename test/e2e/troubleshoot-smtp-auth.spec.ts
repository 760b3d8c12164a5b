import { expect, test } from './fixtures';
import { shot, stepTitle, continueTo } from './wizard';

const TITLE = 'SMTP authentication refused (535 5.7.139 / 550 5.7.30)';
const PASTED =
  'Error sending email 60012: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.';

test('SMTP authentication refused on the demo: pasted 535 5.7.139 recognised, forms read, OAuth 2.0 decided, fix recorded by hand, verified, reported', async ({
  page,
  app,
}) => {
  // The demo: 535 5.7.139 (tenant) and 550 5.7.30 over the last 2 days, failing emails queued.
  await app.services.probes.resetDemo({ scenario: 'smtp-auth' });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();

  await page.getByRole('radio', { name: /Demo farm/ }).check();
  await page.getByLabel('Paste an error (optional)').fill(PASTED);
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toContainText(`Recognised: ${TITLE}`);
  await expect(page.getByRole('radio', { name: new RegExp(TITLE.replace(/[()/.]/g, '\\$&')) })).toBeChecked();
  await shot(page, 'smtp-00-new-session');
  await page.getByRole('button', { name: 'Start session' }).click();

  // The symptom probes run by themselves; the wizard opens the first step that needs the engineer.
  await expect(page.getByRole('heading', { level: 2, name: TITLE })).toBeVisible();
  // Reading the environment may take a while on a busy machine.
  await expect(page.getByRole('heading', { level: 3, name: 'Step 2 of 8: Platform version' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Symptom (done)' })).toBeVisible();

  // 1. Symptom: both forms with their counts, first and last seen; the queue.
  await page.getByRole('button', { name: 'Symptom (done)' }).click();
  await stepTitle(page, 'Symptom');
  const perForm = page.locator('.ts-fact', { hasText: 'Per form of the error' });
  await expect(perForm).toContainText('535 5.7.139 SmtpClientAuthentication is disabled for the Tenant: 150, first');
  await expect(perForm).toContainText('550 5.7.30');
  await expect(perForm).toContainText('database');
  await expect(page.locator('.ts-fact', { hasText: 'SMTP authentication errors found' }).locator('.ts-fact-value')).toHaveText('180');
  await expect(page.locator('.ts-fact', { hasText: 'Email queue' })).toContainText('database');
  await expect(page.locator('.ts-fact', { hasText: 'Forms of the error' })).toContainText('(150 in the error log, 1 pasted line)');
  await shot(page, 'smtp-01-symptom');

  // 2. Platform version: asked; nothing typed is refused with where to read it.
  await continueTo(page, 'Platform version');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the Platform Server version');
  await page.getByLabel('Platform Server version').fill('11.38.0');
  await page.getByRole('button', { name: 'Save facts' }).click();
  await expect(page.locator('.ts-fact', { hasText: 'OAuth 2.0 for SMTP' })).toContainText('Platform Server 11.38.0 has OAuth 2.0 for SMTP');
  await shot(page, 'smtp-02-platform');

  // 3. SMTP settings, 4. Mailbox and tenant: asked (the demo environment knows its mailbox).
  await continueTo(page, 'SMTP settings');
  await page.getByLabel('SMTP server').fill('smtp.office365.com');
  await page.getByLabel('Authentication method').selectOption('Basic');
  await shot(page, 'smtp-03-smtp');
  await continueTo(page, 'Mailbox and tenant');
  // The demo environment names its mailbox: the commands of the fix use it.
  await expect(page.locator('.ts-fact', { hasText: 'Sending mailbox' })).toContainText('noreply@contoso.com');
  await page.getByLabel('Tenant uses security defaults').selectOption('No');
  await shot(page, 'smtp-04-mailbox');

  // 5. Diagnosis: OAuth 2.0 required (550 5.7.30), on a platform that has it.
  await continueTo(page, 'Diagnosis');
  // The verdict opens the step as a banner, the forms found below it.
  await expect(page.getByRole('status').filter({ hasText: 'OAuth 2.0 is required. Platform Server 11.38.0 has it' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Forms of the error found' })).toContainText('535 5.7.139');
  await expect(page.locator('.ts-fact', { hasText: 'Stop-gap (until the lasting fix)' })).toContainText('SMTP relay connector');
  await shot(page, 'smtp-05-diagnosis');

  // 6. Fix: the steps for the customer's admin, with the PowerShell for this mailbox; recorded by hand.
  await continueTo(page, 'Fix');
  const steps = page.getByRole('region', { name: 'What to do' });
  await expect(steps).toContainText('App registrations > New registration');
  await expect(steps.getByLabel('PowerShell').last()).toContainText(
    'Add-MailboxPermission -Identity "noreply@contoso.com" -User "<SERVICE_PRINCIPAL_ID>" -AccessRights FullAccess',
  );
  await expect(steps).toContainText('at the end of December 2026');
  if (process.env.TS_SHOTS) await steps.screenshot({ path: `${process.env.TS_SHOTS}/smtp-06-fix-steps.png` });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Record what was changed');
  await page
    .getByLabel('What you changed, where')
    .fill('Customer admin registered the app, ran the PowerShell and set OAuth 2.0 in Service Center > Administration > Email');
  // The lasting fix, not the stop-gap: the outcome depends on which.
  await expect(page.getByRole('button', { name: 'Record what I applied' })).toBeDisabled();
  await page.getByRole('radio', { name: /^lasting fix OAuth 2\.0/ }).check();
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await expect(page.getByText('Customer admin registered the app')).toBeVisible();
  await shot(page, 'smtp-06-fix');

  // 7. Verify now: no error since the fix, the queued emails went out.
  await continueTo(page, 'Verify');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText(
    /No SMTP authentication error since the fix: 0 since .*\(read from the database/,
  );
  await expect(page.locator('.ts-fact', { hasText: 'SMTP authentication errors since the fix' }).locator('.ts-fact-value')).toHaveText('0');
  await expect(page.locator('.ts-fact', { hasText: 'Emails sent since the fix' }).locator('.ts-fact-value')).toHaveText(/^[1-9]\d*$/);
  await shot(page, 'smtp-07-verify');

  // 8. Report: resolved, with the PowerShell and the date for the customer.
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.getByText(/^Completed /)).toBeVisible();
  await expect(page.locator('.page-header').getByText('Resolved', { exact: true })).toBeVisible();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  await expect(report.getByRole('heading', { level: 1 })).toContainText('SMTP authentication refused on Demo farm');
  await expect(report.getByLabel('PowerShell').last()).toContainText('Add-MailboxPermission -Identity "noreply@contoso.com"');
  await expect(report.getByText(/at the end of December 2026/).first()).toBeVisible();
  await expect(report.getByText(/Verified: no SMTP authentication error since the fix: 0 since/).first()).toBeVisible();
  await expect(report.locator('body')).not.toContainText('432');
  await shot(page, 'smtp-08-report', false);
  await report.getByText('Steps of the fix').scrollIntoViewIfNeeded();
  await shot(page, 'smtp-09-report-fix', false);
});
