import { readFileSync } from 'node:fs';
import { GOOD_PASSWORD, makeCerts, startSmtp } from '../integration/smtp-check-servers';
import { expect, test } from './fixtures';
import { shot, stepTitle } from './wizard';

/**
 * The live SMTP check from the Environments page against a real SMTP server on 127.0.0.1: the
 * refused login named with its playbook and form, the password gone from the form and from every
 * response, a session started from the reply, and the check's JSON attached and seen in the report.
 */
test('check a mail server, start a session from its refused reply and see the check in the report', async ({ page, app }) => {
  const certs = await makeCerts();
  const smtp = await startSmtp({ certs });
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) bodies.push(await response.text().catch(() => ''));
  });
  try {
    await page.goto(app.host.appUrl);
    await page.getByRole('button', { name: 'Check a mail server' }).click();
    await expect(page.getByRole('heading', { name: 'Check the mail server' })).toBeVisible();

    await page.getByLabel('Mail server', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('70000');
    await page.getByRole('button', { name: 'Run check' }).click();
    // A wrong field is named under it, with the API's words; nothing was contacted.
    await expect(page.getByText('Port must be between 1 and 65535')).toBeVisible();

    await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await page.getByText('Trusted certificate authorities').click();
    await page.getByLabel('Extra certificate authorities (PEM)').fill(certs.caPem);
    await page.getByLabel('Sign in', { exact: true }).check();
    await page.getByLabel('User (mailbox)').fill('tenant@contoso.com');
    await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Run check' }).click();

    const result = page.getByRole('region', { name: 'SMTP check result' });
    const stages = result.getByRole('table', { name: 'SMTP check stages' });
    await expect(stages.getByRole('row', { name: /^TLS/ })).toContainText('Passed');
    const login = stages.getByRole('row', { name: /^Login/ });
    await expect(login).toContainText('Failed');
    await expect(login).toContainText('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.');
    await expect(login).toContainText('(form tenant-disabled)');
    await expect(result.getByRole('table', { name: 'TLS and certificate' })).toContainText('CN=Smtp Check Test CA');
    await shot(page, 'smtp-check-01-result');
    // Typed for this check only: the field is empty again, and no response carried it.
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    expect(bodies.some((b) => b.includes('tenant@contoso.com'))).toBe(true);
    expect(bodies.filter((b) => b.includes(GOOD_PASSWORD))).toEqual([]);

    const download = page.waitForEvent('download');
    await result.getByRole('button', { name: 'Download JSON' }).click();
    const json = readFileSync((await (await download).path())!);
    expect(JSON.parse(json.toString('utf8'))).toMatchObject({ format: 'support-toolkit.smtp-check', outcome: 'login-refused' });

    // A session from the refused reply: New session opens with it in the paste box.
    await result.getByRole('button', { name: 'Start a session with this error' }).click();
    await expect(page.getByLabel('Paste an error (optional)')).toHaveValue(/^535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled/);
    await page.getByRole('radio', { name: /^Offline/ }).check();
    await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');
    await page.getByRole('button', { name: 'Start session' }).click();
    await stepTitle(page, '.+');
    const id = new URL(page.url()).hash.split('/').at(-1)!;

    const card = page.getByRole('region', { name: 'Attachments' });
    await card.getByLabel('File to attach').setInputFiles({ name: 'smtp-check.json', mimeType: 'application/json', buffer: json });
    await card.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(card.getByRole('list', { name: 'Attached files' })).toContainText('SMTP check JSON');

    await page.goto(`${app.host.appUrl}#/reports/session/${id}`);
    const report = page.frameLocator('iframe.report-frame');
    const heading = report.getByRole('heading', { name: new RegExp(`SMTP check of 127\\.0\\.0\\.1:${smtp.port} \\(STARTTLS\\) as tenant@contoso\\.com`) });
    await expect(heading).toBeVisible();
    await heading.scrollIntoViewIfNeeded();
    await expect(report.getByRole('row', { name: /^Login Failed/ })).toContainText('(form tenant-disabled)');
    await shot(page, 'smtp-check-02-report', false);
    expect(bodies.filter((b) => b.includes(GOOD_PASSWORD))).toEqual([]);
  } finally {
    await smtp.close();
  }
});
