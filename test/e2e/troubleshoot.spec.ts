import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { shot, stepTitle, continueTo } from './wizard';
import { THREADS } from '../support/concurrency';

const PASTED = 'Error sending email 40012: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information';

test('walk the demo from the pasted error to a verified fix applied from the app (threads 2 -> 1), its database at UTC+05:30', async ({ page, app }) => {
  // A real platform database keeps local time; the verdict must not depend on its zone.
  await app.services.probes.resetDemo({ utcOffsetMinutes: 330 });
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await expect(page.getByText('No troubleshooting sessions yet.')).toBeVisible();
  await page.getByRole('button', { name: 'New session' }).click();

  await page.getByRole('radio', { name: /Demo farm/ }).check();
  await page.getByLabel('Paste an error (optional)').fill('421 4.3.2 Service not available, closing transmission channel');
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toContainText('matches no playbook');
  await page.getByLabel('Paste an error (optional)').fill(PASTED);
  await page.getByRole('button', { name: 'Recognise the error' }).click();
  await expect(page.getByRole('status')).toContainText('Recognised: 432 4.3.2 Concurrent connections limit exceeded');
  await page.getByLabel('Ticket or case number').fill('CS-123456');
  await shot(page, '00-new-session');
  await page.getByRole('button', { name: 'Start session' }).click();

  // The probes run by themselves: the wizard opens the first step that needs the engineer.
  await stepTitle(page, 'Shared mailbox');
  for (const done of ['Symptom', 'Servers', 'Threads']) await expect(page.getByRole('button', { name: `${done} (done)` })).toBeVisible();

  // 1. Symptom: what the probe found in the last days, with its source.
  await page.getByRole('button', { name: 'Symptom (done)' }).click();
  await stepTitle(page, 'Symptom');
  const count = page.locator('.ts-fact', { hasText: '432 errors found' });
  await expect(count).toContainText('database');
  await expect(count.locator('.ts-fact-value')).toHaveText(/^[1-9]\d*$/);
  await shot(page, '01-symptom');

  // 2. Servers, 3. Threads: read by the probes; Enter continues, Alt+Left goes back.
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Servers');
  await expect(page.locator('.ts-fact', { hasText: 'Front-end servers' })).toContainText('FE01 (sends email, zone Global); FE02 (sends email, zone Global)');
  await shot(page, '02-servers');
  await continueTo(page, 'Threads');
  await expect(page.locator('.ts-fact', { hasText: 'Threads for emails (global)' }).locator('.ts-fact-value')).toHaveText('2');
  await shot(page, '03-threads');
  // Reading again puts focus back on the step, so Enter continues and never runs the probe twice.
  await page.getByRole('button', { name: 'Re-run: read the threads value' }).click();
  await expect(page.getByRole('heading', { level: 3, name: /Threads$/ })).toBeFocused();
  await page.keyboard.press('Alt+ArrowLeft');
  await stepTitle(page, 'Servers');
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Threads');

  // 4. Mailbox: known from the saved environment; other senders must be answered.
  await continueTo(page, 'Shared mailbox');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Say whether anything else sends through this mailbox');
  await shot(page, '04-mailbox');
  await page.getByRole('button', { name: 'No other sender' }).click();

  // 5. Diagnosis: the verdict and the arithmetic.
  await stepTitle(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '2 servers x 2 threads = 4 > 3' })).toBeVisible();
  await shot(page, '05-diagnosis');

  // 6. Plan: the recommendation first, with its exact steps.
  await continueTo(page, 'Plan');
  const recommended = page.getByRole('article').first();
  await expect(recommended).toContainText('Recommended');
  await expect(recommended).toContainText('Factory Configuration > Platform Configurations');
  await expect(recommended.getByLabel('SQL').first()).toContainText("UPDATE OSSYS_PARAMETER SET VAL = '1'");
  await shot(page, '06-plan');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose one of the plans.');
  await recommended.getByRole('button', { name: /^Choose this plan/ }).click();
  await expect(recommended).toContainText('Chosen');

  // 7. Apply from the app: preview, confirm, before/after.
  await continueTo(page, 'Apply');
  await page.getByRole('button', { name: 'Preview the change' }).click();
  await expect(page.getByLabel('Statement to run')).toContainText('OSSYS_PARAMETER');
  await shot(page, '07-apply-preview');
  await page.getByRole('button', { name: 'Apply…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply this change to the platform database?' });
  await expect(dialog).toBeVisible();
  await shot(page, '07-apply-confirm');
  await dialog.getByRole('button', { name: 'Apply the change' }).click();
  const applied = page.getByRole('table', { name: 'Changes applied from the app' });
  await expect(applied.getByRole('row').nth(1)).toContainText(/2\s*1/);
  await expect(applied.getByRole('button', { name: 'Undo' })).toBeVisible();
  await shot(page, '07-apply-done');

  // 8. Restart: every front-end ticked with its time.
  await continueTo(page, 'Restart');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Tick the restart of FE01, FE02.');
  for (const server of ['FE01', 'FE02']) {
    await page.getByRole('checkbox', { name: server }).click();
    await expect(page.getByRole('checkbox', { name: server })).toBeChecked();
  }
  await expect(page.locator('.ts-checklist time')).toHaveCount(2);
  await shot(page, '08-restart');

  // 9. Verify now reads everything itself: threads again, 432s and emails sent since the restart.
  await continueTo(page, 'Verify');
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toContainText('2 servers x 1 thread = 2');
  await expect(page.locator('.ts-fact', { hasText: 'Threads for emails now' }).locator('.ts-fact-value')).toHaveText('1');
  await expect(page.locator('.ts-fact', { hasText: '432 errors since the restart' }).locator('.ts-fact-value')).toHaveText('0');
  await expect(page.locator('.ts-fact', { hasText: 'Emails sent since the restart' }).locator('.ts-fact-value')).toHaveText(/^([4-9]|\d{2,})$/);
  await shot(page, '09-verify');

  // 10. Report: complete, resolved.
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('Resolved', { exact: true })).toBeVisible();
  const report = page.frameLocator('iframe[title^="Preview:"]');
  await expect(report.getByRole('heading', { level: 1 })).toContainText('Demo farm');
  await expect(report.getByText('2 servers x 1 thread').first()).toBeVisible();
  await expect(report.getByRole('row', { name: /Database clock/ })).toContainText('UTC+05:30');
  // The viewport only: a full-page capture leaves the report's iframe blank.
  await shot(page, '10-report', false);

  // The demo database holds the new value.
  const threads = await app.services.probes.readParameter('demo', THREADS);
  expect(threads.globalValue).toBe(1);

  await page.getByRole('button', { name: 'All sessions' }).click();
  const row = page.getByRole('row', { name: /Demo farm/ });
  await expect(row).toContainText('Resolved');
  await expect(row).toContainText('CS-123456');
  // The list is searched by ticket, environment, customer or date.
  await page.getByLabel('Search sessions').fill('cs-123456');
  await expect(page.getByRole('row', { name: /Demo farm/ })).toHaveCount(1);
  await page.getByLabel('Search sessions').fill('CS-999999');
  await expect(page.getByText('No session matches “CS-999999”.')).toBeVisible();
  await page.getByLabel('Search sessions').fill('');
  await expect(row).toContainText('432 4.3.2 Concurrent connections limit exceeded');
  await shot(page, '11-list');
});

test('walk offline with every fact typed in, and see "within the limit, other cause" for one thread', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Contoso PRD');
  await page.getByRole('radio', { name: /^432 4\.3\.2/ }).check();
  await page.getByRole('button', { name: 'Start session' }).click();

  await stepTitle(page, 'Symptom');
  await expect(page.getByText('Offline: type the facts in below')).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the number of 432 errors the error log shows, or paste the error you saw.');
  await page
    .getByLabel('Pasted error or screenshot note')
    .fill('Screenshot from the customer: "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded"');
  await shot(page, 'off-01-symptom');
  await continueTo(page, 'Servers');

  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByRole('button', { name: 'Add server' }).click();
  await shot(page, 'off-02-servers');
  await continueTo(page, 'Threads');
  await page.getByLabel('Threads for emails (global)').fill('2');
  await continueTo(page, 'Shared mailbox');
  await page.getByLabel('Sending mailbox').fill('noreply@contoso.com');
  await page.getByRole('button', { name: 'Add other sender' }).click();
  await page.getByLabel('Other sender 1 name').fill('Contoso QA');
  await shot(page, 'off-04-mailbox');
  await continueTo(page, 'Diagnosis');
  // 2 x 2 + QA's 1 x 1 = 5 > 3 on the shared mailbox.
  await expect(page.getByRole('status').filter({ hasText: 'Over the limit.' })).toBeVisible();
  await expect(page.locator('.ts-fact', { hasText: 'Senders on the mailbox' })).toContainText('derived');

  // Going back and correcting a fact re-derives the diagnosis: one thread, no other sender.
  await page.getByRole('button', { name: 'Back' }).click();
  await stepTitle(page, 'Shared mailbox');
  await page.getByRole('button', { name: 'Remove Contoso QA' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await stepTitle(page, 'Threads');
  await page.getByLabel('Threads for emails (global)').fill('1');
  await continueTo(page, 'Shared mailbox');
  await continueTo(page, 'Diagnosis');
  await expect(page.getByRole('status').filter({ hasText: 'Within the limit.' })).toBeVisible();
  await expect(page.getByText('the 432 errors have another cause')).toBeVisible();
  await shot(page, 'off-05-within');

  await continueTo(page, 'Plan');
  await continueTo(page, 'Apply');
  await continueTo(page, 'Restart');
  await continueTo(page, 'Verify');
  await continueTo(page, 'Report');
  await page.getByRole('button', { name: 'Complete session' }).click();
  await expect(page.locator('.page-header').getByText('No change needed, another cause', { exact: true })).toBeVisible();
  await page.getByText(/^Event log/).click();
  await expect(page.locator('.ts-events')).toContainText('Engineer');
  await shot(page, 'off-10-report');
});

test('a session is resumed after the app restarts, and deleted after confirmation', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('radio', { name: /^Offline/ }).check();
  await page.getByLabel('Environment name (for the report)').fill('Fabrikam QA');
  await page.getByRole('radio', { name: /^432 4\.3\.2/ }).check();
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByLabel('432 errors found').fill('12');
  await continueTo(page, 'Servers');

  const restarted = await app.restart();
  await page.goto(restarted.host.appUrl);
  await page.getByRole('link', { name: 'Troubleshoot', exact: true }).click();
  const row = page.getByRole('row', { name: /Fabrikam QA/ });
  await expect(row).toContainText('In progress');
  await expect(row).toContainText('step: Servers');
  await shot(page, 'resume-list');
  await row.getByRole('button', { name: 'Resume session on Fabrikam QA' }).click();
  await stepTitle(page, 'Servers');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.locator('.ts-fact', { hasText: '432 errors found' }).getByLabel('432 errors found')).toHaveValue('12');

  await page.getByRole('button', { name: 'All sessions' }).click();
  await page.getByRole('button', { name: 'Delete session on Fabrikam QA' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this session?' });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(row).toBeVisible();
  await page.getByRole('button', { name: 'Delete session on Fabrikam QA' }).click();
  await confirm.getByRole('button', { name: 'Delete session' }).click();
  await expect(page.getByText('No troubleshooting sessions yet.')).toBeVisible();

  // The Environments page links here to start on a saved environment.
  await page.goto(`${restarted.host.appUrl}#/troubleshoot/new/demo`);
  await expect(page.getByRole('radio', { name: /Demo farm/ })).toBeChecked();
});

test('from the Environments page to the diagnosis in four actions, the probes running by themselves', async ({ page, app }) => {
  await page.goto(app.host.appUrl);
  await page.getByRole('link', { name: 'Environments', exact: true }).click();
  const demo = page.getByRole('article', { name: 'Demo farm (embedded)' });
  const started = Date.now();
  // 1. Open in Troubleshoot; the paste box has focus.
  await demo.getByRole('button', { name: 'Open in Troubleshoot' }).click();
  await expect(page.getByLabel('Paste an error (optional)')).toBeFocused();
  // 2. Paste the error. 3. Ctrl+Enter starts (the playbook is recognised from the text).
  await page.keyboard.insertText(PASTED);
  await page.keyboard.press('Control+Enter');
  await stepTitle(page, 'Shared mailbox');
  // 4. The one thing the database cannot tell: other senders on the mailbox.
  await page.getByRole('button', { name: 'No other sender' }).click();
  await stepTitle(page, 'Diagnosis');
  await expect(page.getByRole('cell', { name: '2 servers x 2 threads = 4 > 3' })).toBeVisible();
  test.info().annotations.push({ type: 'four actions to the diagnosis', description: `${Date.now() - started} ms` });
});

test('a completed session can be read step by step, and nothing in it can be changed', async ({ page, app }) => {
  const api = createInProcessClient(app.services);
  const created = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Closed PRD', ticket: 'CS-777' });
  const id = created.session.id;
  await api['sessions.act']({ id, action: { type: 'answer', facts: { 'errors.count': 4 } } });
  await api['sessions.act']({ id, action: { type: 'complete' } });
  await page.goto(`${app.host.appUrl}#/troubleshoot/${id}`);
  await page.getByRole('button', { name: /^Symptom/ }).click();
  await stepTitle(page, 'Symptom');
  await expect(page.getByText('This session is completed: the step is shown as it was.')).toBeVisible();
  await expect(page.locator('.ts-fact', { hasText: '432 errors found' }).locator('.ts-fact-value')).toHaveText('4');
  await expect(page.getByRole('button', { name: /Correct this/ })).toHaveCount(0);
});

/**
 * Tab until the focused element has this accessible name (at most `max` presses): real keyboard
 * navigation, never a focus() call, so a control Tab cannot reach fails the test.
 */
async function tabTo(page: Page, name: RegExp, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled =
        el.getAttribute('aria-label') ??
        (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
        el.closest('label')?.textContent ??
        null;
      return (labelled ?? el.textContent ?? '').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('a whole walk on the demo with the keyboard only: paste, start, answer, plan, apply, restart, verify, complete', async ({ page, app }) => {
  await page.goto(`${app.host.appUrl}#/troubleshoot/new/demo`);
  await expect(page.getByLabel('Paste an error (optional)')).toBeFocused();
  await page.keyboard.insertText(PASTED);
  await page.keyboard.press('Control+Enter');
  await stepTitle(page, 'Shared mailbox');

  await tabTo(page, /^No other sender$/);
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Diagnosis');
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Plan');
  await tabTo(page, /^Choose this plan: 2 servers x 1 thread$/);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /^Chosen: 2 servers x 1 thread$/ })).toBeVisible();
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Apply');

  await tabTo(page, /^Preview the change$/);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Statement to run')).toContainText('OSSYS_PARAMETER');
  await tabTo(page, /^Apply…$/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Apply this change to the platform database?' });
  await expect(dialog).toBeVisible();
  await tabTo(page, /^Apply the change$/, 10);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Changes applied from the app' })).toBeVisible();
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Restart');

  for (const server of ['FE01', 'FE02']) {
    await tabTo(page, new RegExp(`^${server}$`));
    await page.keyboard.press('Space');
    await expect(page.getByRole('checkbox', { name: server })).toBeChecked();
  }
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Verify');
  await tabTo(page, /^Verify now$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Verified.' })).toBeVisible();
  await tabTo(page, /^Continue$/);
  await page.keyboard.press('Enter');
  await stepTitle(page, 'Report');
  await tabTo(page, /^Complete session$/);
  await page.keyboard.press('Enter');
  await expect(page.locator('.page-header').getByText('Resolved', { exact: true })).toBeVisible();
});
