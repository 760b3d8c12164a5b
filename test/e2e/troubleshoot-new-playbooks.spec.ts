import { expect, test } from './fixtures';
import { continueTo, shot, stepTitle } from './wizard';

/**
 * The Send As and SMTP connection playbooks walked offline in the browser, as an engineer without
 * the customer's database walks them: the pasted error recognised, the facts typed in, the verdict
 * opening the diagnosis, the fix's exact steps, the fix recorded by hand, verified and reported.
 */

const SEND_AS_TITLE = 'Send As denied (5.7.60 / 554 5.2.252)';
const DENIED =
  'Error sending email 7002: 554 5.2.252 SendAsDenied; svc-outsystems@contoso.com not allowed to send as alerts@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied';

const CONNECTION_TITLE = 'SMTP connection and TLS (4.7.66, STARTTLS, certificate, unreachable)';
const TLS_LINE =
  'Error sending email 7101: 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls.';

const escape = (s: string) => s.replace(/[()/.]/g, '\\$&');

async function startOffline(page: import('@playwright/test').Page, url: string, pasted: string, title: string) {
  await page.goto(url);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');
  await page.getByLabel('Paste an error (optional)').fill(pasted);
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toContainText(`Recognised: ${title}`);
  await expect(page.getByRole('radio', { name: new RegExp(escape(title)) })).toBeChecked();
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await stepTitle(page, 'Symptom');
}

test('Send As denied offline: the pasted line names both addresses, the verdict says align or grant, resolved by aligning the default sender', async ({
  page,
  app,
}) => {
  await startOffline(page, app.host.appUrl, DENIED, SEND_AS_TITLE);
  await expect(page.locator('.ts-fact', { hasText: 'Forms of the error' })).toContainText('554 5.2.252 SendAsDenied');
  await page.getByLabel('Send As denials found').fill('18');

  // The login mailbox comes from the pasted line; the default sender is asked.
  await continueTo(page, 'Login mailbox and From address');
  await expect(page.locator('.ts-fact', { hasText: 'Mailbox the platform logs in as' })).toContainText('svc-outsystems@contoso.com');
  await expect(page.locator('.ts-fact', { hasText: 'From address Exchange Online refused' })).toContainText('alerts@contoso.com');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Name the default sender');
  await page.getByLabel('Default sender (From address)').fill('alerts@contoso.com');
  await page.getByLabel('An application sets its own From address').selectOption('No');
  await shot(page, 'send-as-01-sender');

  await continueTo(page, 'Diagnosis');
  await expect(
    page.getByRole('status').filter({ hasText: 'The platform logs in as svc-outsystems@contoso.com but sends as alerts@contoso.com' }),
  ).toBeVisible();
  await shot(page, 'send-as-02-diagnosis');

  await continueTo(page, 'Fix');
  const steps = page.getByRole('region', { name: 'What to do' });
  await expect(steps).toContainText('set the default sender (From address) to svc-outsystems@contoso.com');
  await expect(steps.getByLabel('PowerShell')).toContainText(
    'Add-RecipientPermission "alerts@contoso.com" -AccessRights SendAs -Trustee "svc-outsystems@contoso.com"',
  );
  await page.getByLabel('What you changed, where').fill('Default sender set to svc-outsystems@contoso.com in Service Center > Administration > Email');
  await page.getByRole('radio', { name: /^lasting fix The default sender/ }).check();
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await shot(page, 'send-as-03-fix');

  await continueTo(page, 'Verify');
  await page.getByLabel('Send As denials since the fix').fill('0');
  await page.getByLabel('Emails sent since the fix').fill('4');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText('No Send As denial since the fix');

  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('Resolved', { exact: true })).toBeVisible();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  await expect(report.getByRole('heading', { level: 1 })).toContainText('Send As denied on Contoso PRD');
  await expect(report.getByLabel('PowerShell').first()).toContainText('Add-RecipientPermission "alerts@contoso.com"');
  await shot(page, 'send-as-04-report', false);
});

test('SMTP connection offline: TLS 1.0/1.1 refused, TLS 1.2 on the front-ends or the legacy endpoint; the legacy endpoint alone ends Mitigated', async ({
  page,
  app,
}) => {
  await startOffline(page, app.host.appUrl, TLS_LINE, CONNECTION_TITLE);
  await page.getByLabel('SMTP connection and TLS errors found').fill('25');

  await continueTo(page, 'Platform version');
  await page.getByLabel(/^Platform Server version/).fill('11.31.0');
  await continueTo(page, 'SMTP settings');
  await page.getByLabel(/^SMTP server/).fill('smtp.office365.com');
  await page.getByLabel(/^SMTP port/).fill('587');
  await page.getByLabel('TLS', { exact: true }).selectOption('STARTTLS');

  await continueTo(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'enable TLS 1.2 for .NET and Schannel on every front-end' })).toBeVisible();
  await expect(page.locator('.ts-fact', { hasText: 'Stop-gap (until the lasting fix)' })).toContainText('smtp-legacy.office365.com');
  await shot(page, 'connection-01-diagnosis');

  await continueTo(page, 'Fix');
  const steps = page.getByRole('region', { name: 'What to do' });
  await expect(steps.getByLabel('PowerShell').first()).toContainText('SchUseStrongCrypto -Value 1');
  await expect(steps).toContainText('Set-TransportConfig -AllowLegacyTLSClients $true');
  await page.getByLabel('What you changed, where').fill('Legacy TLS clients allowed in the tenant; SMTP server set to smtp-legacy.office365.com');
  await page.getByRole('radio', { name: /^stop-gap The legacy TLS endpoint/ }).check();
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await shot(page, 'connection-02-fix');

  await continueTo(page, 'Verify');
  await page.getByLabel('SMTP connection and TLS errors since the fix').fill('0');
  await page.getByLabel('Emails sent since the fix').fill('7');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText('No SMTP connection or TLS error since the fix');

  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('Mitigated', { exact: true })).toBeVisible();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  await expect(report.getByRole('heading', { level: 1 })).toContainText('SMTP connection and TLS on Contoso PRD');
  await expect(report.getByText(/TLS 1\.2 enabled for \.NET/).first()).toBeVisible();
  await shot(page, 'connection-03-report', false);
});

test('Send As denied on the demo: the log names both addresses and the throttling, the default sender aligned, Verify now reads it resolved', async ({
  page,
  app,
}) => {
  await app.services.probes.resetDemo({ scenario: 'send-as' });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /Demo farm/ }).check();
  await page.getByRole('radio', { name: new RegExp(escape(SEND_AS_TITLE)) }).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  // The symptom probes run by themselves; the login mailbox comes from the log's messages.
  await expect(page.getByRole('heading', { level: 3, name: /Login mailbox and From address$/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.ts-fact', { hasText: 'Mailbox the platform logs in as' })).toContainText('noreply@contoso.com');
  await page.getByLabel('Default sender (From address)').fill('alerts@contoso.com');
  await continueTo(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'Send As denied, mailbox throttled.' })).toContainText(
    'The platform logs in as noreply@contoso.com but sends as alerts@contoso.com',
  );
  await continueTo(page, 'Fix');
  await page.getByLabel('What you changed, where').fill('Default sender set to noreply@contoso.com in Service Center > Administration > Email');
  await page.getByRole('radio', { name: /^lasting fix The default sender/ }).check();
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await continueTo(page, 'Verify');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText(/No Send As denial since the fix: 0 since .*\(read from the database/);
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('Resolved', { exact: true })).toBeVisible();
});

test('SMTP connection on the demo: the version read, TLS 1.2 decided, the legacy endpoint recorded, Verify now reads it mitigated', async ({ page, app }) => {
  await app.services.probes.resetDemo({ scenario: 'smtp-connection' });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /Demo farm/ }).check();
  await page.getByRole('radio', { name: new RegExp(escape(CONNECTION_TITLE)) }).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  // Symptom and platform version are read; the SMTP settings are asked.
  await expect(page.getByRole('heading', { level: 3, name: /SMTP settings$/ })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel(/^SMTP server/).fill('smtp.office365.com');
  await page.getByLabel(/^SMTP port/).fill('587');
  await page.getByLabel('TLS', { exact: true }).selectOption('STARTTLS');
  await continueTo(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'TLS 1.2 required.' })).toBeVisible();
  await continueTo(page, 'Fix');
  await page.getByLabel('What you changed, where').fill('Legacy TLS clients allowed; SMTP server smtp-legacy.office365.com');
  await page.getByRole('radio', { name: /^stop-gap The legacy TLS endpoint/ }).check();
  await page.getByRole('button', { name: 'Record what I applied' }).click();
  await continueTo(page, 'Verify');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText('No SMTP connection or TLS error since the fix');
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('Mitigated', { exact: true })).toBeVisible();
});
