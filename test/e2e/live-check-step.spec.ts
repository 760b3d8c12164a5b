import { GOOD_PASSWORD, GOOD_USER, makeCerts, startSmtp } from '../integration/smtp-check-servers';
import { expect, test } from './fixtures';
import { continueTo, shot, stepTitle } from './wizard';

/**
 * The live check from a step of the wizard: on the SMTP authentication playbook's Verify step the
 * engineer checks the login against a real SMTP server on 127.0.0.1; the result is listed with the
 * criteria as checked live, and the password field is empty again.
 */
test('a live login from the Verify step counts as evidence after the fix', async ({ page, app }) => {
  const certs = await makeCerts();
  // No TLS on this test server: the check is told so ("None"), as the form says the password then travels unencrypted.
  const smtp = await startSmtp({ certs, server: { disabledCommands: ['STARTTLS'], allowInsecureAuth: true } });
  try {
    await page.goto(app.host.appUrl);
    await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByRole('radio', { name: /^Offline/ }).check();
    await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');
    await page.getByRole('radio', { name: /^SMTP authentication refused/ }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await stepTitle(page, 'Symptom');
    await page.getByLabel('SMTP authentication errors found').fill('12');
    await page.getByLabel('Form of the error (when not pasted)').selectOption({ label: '535 5.7.139: SMTP AUTH is disabled for the tenant' });
    await continueTo(page, 'Platform version');
    await page.getByLabel(/^Platform Server version/).fill('11.38.0');
    await continueTo(page, 'SMTP settings');
    await page.getByLabel(/^SMTP server/).fill('smtp.office365.com');
    await page.getByLabel('Authentication method').selectOption('Basic');
    await continueTo(page, 'Mailbox and tenant');
    await page.getByLabel('Sending mailbox').fill(GOOD_USER);
    await page.getByLabel('Tenant uses security defaults').selectOption('No');
    await continueTo(page, 'Diagnosis');
    await continueTo(page, 'Fix');
    await page.getByLabel('What you changed, where').fill('OAuth 2.0 set up in Service Center');
    await page.getByRole('radio', { name: /^lasting fix OAuth 2\.0/ }).check();
    await page.getByRole('button', { name: 'Record what I applied' }).click();
    await continueTo(page, 'Verify');

    const check = page.getByRole('region', { name: 'Check the login on the mail server' });
    await check.getByLabel('Mail server').fill('127.0.0.1');
    await check.getByLabel('Port').fill(String(smtp.port));
    await check.getByLabel('TLS').selectOption('none');
    await expect(check.getByLabel('User (the mailbox that signs in)')).toHaveValue(GOOD_USER);
    await check.getByLabel('Password (this check only)').fill(GOOD_PASSWORD);
    await check.getByRole('button', { name: 'Check the login now' }).click();
    const fact = page.locator('.ts-fact', { hasText: 'Live login since the fix' });
    await expect(fact.locator('.ts-fact-value')).toHaveText('yes');
    await expect(fact.locator('.badge')).toHaveText('live check');
    await expect(check.getByLabel('Password (this check only)')).toHaveValue('');
    await page.getByLabel('SMTP authentication errors since the fix').fill('0');
    await page.getByLabel('Emails sent since the fix').fill('2');
    await page.getByRole('button', { name: 'Verify now' }).click();
    const verdict = page.getByRole('status').filter({ hasText: 'Verified.' });
    await expect(verdict.getByRole('listitem').filter({ hasText: 'A live login to the mail server is accepted since the fix' })).toContainText('holds');
    await shot(page, 'live-check-verify');
  } finally {
    await smtp.close();
  }
});
