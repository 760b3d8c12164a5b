import type { Page } from '@playwright/test';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { typicalModel } from '../fixtures/sessions/report-models';
import { expect, test } from './fixtures';
import { shot } from './wizard';

/**
 * What a support engineer meets in the second week, in a 1024 x 700 window: lists of several
 * sessions and reports on different playbooks, a ticket that arrives after the start, and pages
 * that must not scroll into blank space.
 */
test.use({ viewport: { width: 1024, height: 700 } });

const LONG = 'Contoso Manufacturing International (Europe, Middle East and Africa) PRD';

/** Three sessions on two playbooks, the last with a long environment name; a report exported for two of them. */
async function seed(app: Parameters<Parameters<typeof test>[2]>[0]['app']) {
  const api = createInProcessClient(app.services);
  const a = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Demo farm', ticket: 'CS-1001' });
  const b = await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: null, environmentName: 'Demo farm' });
  const c = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: LONG, customer: 'Contoso Ltd' });
  // Reports as exported earlier: one that recorded its playbook, one from before it was recorded
  // (the list names it from its session).
  const store = app.services.reports.store;
  const bytes = new TextEncoder().encode('# report');
  await store.record(typicalModel({ sessionId: a.session.id }), 'md', 'a.md', bytes, undefined, { id: 'exchange-432-concurrency', title: a.playbook.title });
  const older = typicalModel({ sessionId: b.session.id });
  await store.record(
    { ...older, header: { ...older.header, ticket: null, environment: { ...older.header.environment, name: 'Demo farm' } } },
    'md',
    'b.md',
    bytes,
  );
  return { a, b, c, api };
}

/** Nothing of the page lies below the window: the frame scrolls inside, the document never does. */
async function documentHeight(page: Page) {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

/** The element is inside the window, horizontally and vertically, without scrolling the page. */
async function onScreen(page: Page, name: string | RegExp) {
  const boxes = await page.getByRole('button', { name }).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right));
  expect(boxes.length).toBeGreaterThan(0);
  for (const right of boxes) expect(right).toBeLessThanOrEqual(1024);
}

test('sessions: a playbook column and filter, actions on screen at 1024 x 700, no blank strip below', async ({ page, app }) => {
  await seed(app);
  await page.goto(`${app.host.appUrl}#/troubleshoot`);
  const table = page.getByRole('table', { name: 'Troubleshooting sessions' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('columnheader', { name: 'Playbook' })).toBeVisible();
  await onScreen(page, /^Resume session on /);
  await onScreen(page, /^Delete session on /);
  const scroll = await page.locator('.table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
  expect(await documentHeight(page)).toBe(700);
  await shot(page, 'daily-sessions-1024', false);

  const filter = page.getByLabel('Playbook', { exact: true });
  const options = await filter.locator('option').allTextContents();
  expect(options).toHaveLength(3);
  await filter.selectOption({ label: options.find((o) => /SMTP AUTH/i.test(o))! });
  await expect(table.getByRole('row')).toHaveCount(2);
  await filter.selectOption({ label: 'All playbooks' });
  await expect(table.getByRole('row')).toHaveCount(4);
});

test('reports: a playbook column and filter, and the table fits a 1024 px window', async ({ page, app }) => {
  await seed(app);
  await page.goto(`${app.host.appUrl}#/reports`);
  const table = page.getByRole('table', { name: 'Exported reports' });
  await expect(table.getByRole('row')).toHaveCount(3);
  const playbookColumn = await table.getByRole('row').nth(1).getByRole('cell').nth(2).textContent();
  expect(playbookColumn).toMatch(/432|SMTP/);
  const overflow = await page.locator('.reports-table').evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
  expect(overflow).toBeLessThanOrEqual(0);
  await onScreen(page, /^Open the report for /);
  await onScreen(page, /^Delete the report for /);
  expect(await documentHeight(page)).toBe(700);
  await shot(page, 'daily-reports-1024', false);

  const filter = page.getByLabel('Playbook', { exact: true });
  const options = await filter.locator('option').allTextContents();
  expect(options).toHaveLength(3);
  await filter.selectOption({ label: options.find((o) => o.includes('432'))! });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('CS-48211');
});

test('a ticket added after the start shows in the header, the list and the event log', async ({ page, app }) => {
  const { b } = await seed(app);
  await page.goto(`${app.host.appUrl}#/troubleshoot/${b.session.id}`);
  await expect(page.getByText('Ticket: none')).toBeVisible();
  await page.getByRole('button', { name: 'Add ticket or customer' }).click();
  const ticket = page.getByLabel('Ticket or case number');
  await expect(ticket).toBeFocused();
  await ticket.fill('x'.repeat(64));
  await ticket.fill('CS-2002');
  await page.getByLabel('Customer', { exact: true }).fill('Fabrikam');
  await ticket.press('Enter');
  await expect(page.getByText('Ticket: CS-2002')).toBeVisible();
  await expect(page.getByText('Customer: Fabrikam')).toBeVisible();
  // Focus comes back to the button that opened the form.
  await expect(page.getByRole('button', { name: 'Edit ticket and customer' })).toBeFocused();
  // Enter saved the form; it did not also press Continue on the step.
  await expect(page.getByRole('heading', { level: 3, name: /^Step 1 of / })).toBeVisible();
  await page.getByText(/^Event log/).click();
  await expect(page.getByText('Ticket set to "CS-2002".')).toBeVisible();
  await page.getByRole('button', { name: 'All sessions' }).click();
  await expect(page.getByRole('table', { name: 'Troubleshooting sessions' }).getByRole('row').filter({ hasText: 'CS-2002' })).toContainText('Fabrikam');
});

test('What-if and New session: the document is exactly the window, scrolled to the bottom or not', async ({ page, app }) => {
  await page.goto(`${app.host.appUrl}#/whatif`);
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  await page.mouse.wheel(0, 5000);
  expect(await documentHeight(page)).toBe(700);
  await page.goto(`${app.host.appUrl}#/troubleshoot/new`);
  await expect(page.getByRole('heading', { name: 'New troubleshooting session' })).toBeVisible();
  expect(await documentHeight(page)).toBe(700);
});

test('the SMTP authentication search on a log of 432s says so, and starts the 432 playbook on the same environment', async ({ page, app }) => {
  const api = createInProcessClient(app.services);
  const { session } = await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: 'demo', ticket: 'CS-3003' });
  await api['sessions.runProbe']({ id: session.id, probe: 'authErrors' });
  await page.goto(`${app.host.appUrl}#/troubleshoot/${session.id}`);
  const hint = page.getByRole('region', { name: 'Another known error in this log' });
  await expect(hint).toContainText(/\d+ errors of the "432 4\.3\.2 Concurrent connections limit exceeded" playbook in this window\./);
  await shot(page, 'daily-other-error', false);
  await hint.getByRole('button', { name: /^Start “432 4\.3\.2 Concurrent connections limit exceeded” on Demo farm/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: '432 4.3.2 Concurrent connections limit exceeded' })).toBeVisible();
  await expect(page.getByText('Ticket: CS-3003')).toBeVisible();
});

/** A session on the demo walked through the API to the Verify step (the fix applied, both restarts ticked). */
async function atVerify(app: Parameters<Parameters<typeof test>[2]>[0]['app']) {
  const api = createInProcessClient(app.services);
  const { session } = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: 'demo' });
  const id = session.id;
  await api['sessions.autoProbe']({ id });
  await api['sessions.act']({ id, action: { type: 'answer', facts: { 'mailbox.others': [] } } });
  await api['sessions.act']({ id, action: { type: 'continue' } });
  let view = await api['sessions.act']({ id, action: { type: 'continue' } });
  await api['sessions.act']({ id, action: { type: 'choose-plan', planId: view.session.diagnosis!.plans[0]!.id, reason: '' } });
  await api['sessions.act']({ id, action: { type: 'continue' } });
  await api['sessions.apply']({ id });
  view = await api['sessions.act']({ id, action: { type: 'continue' } });
  for (const r of view.session.restart) await api['sessions.act']({ id, action: { type: 'tick', server: r.server, done: true } });
  await api['sessions.act']({ id, action: { type: 'continue' } });
  return { id };
}

/** What Tab reaches, in order, from where the focus is, until `name` (or `max` presses). */
async function tabsTo(page: Page, name: RegExp, max = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
    });
    seen.push(focused);
    if (name.test(focused)) return seen;
  }
  throw new Error(`Tab never reached ${name}: ${seen.join(' | ')}`);
}

test('keyboard: Verify now a few Tabs from the step title; focus stays put after Complete session and Export PDF', async ({ page, app }) => {
  const { id } = await atVerify(app);
  await page.goto(`${app.host.appUrl}#/troubleshoot/${id}`);
  await expect(page.getByRole('heading', { level: 3, name: /: Verify$/ })).toBeFocused();
  // The first Tab from the step's title (where a new step puts the focus) reaches Verify now.
  expect(await tabsTo(page, /^Verify now$/)).toEqual(['Verify now']);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Verify now' })).toBeFocused();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^(Verified|Not yet verified|Not fixed|Pass)/ })
      .first(),
  ).toBeVisible();

  // On to the report (whatever the verdict: Skip with a reason ends a step too).
  const api = createInProcessClient(app.services);
  let view = await api['sessions.get']({ id });
  for (let i = 0; i < 5 && view.steps[view.session.current]!.kind !== 'report'; i++) {
    view = await api['sessions.act']({ id, action: { type: 'skip', reason: 'checked by hand for this test' } });
  }
  await page.reload();
  const complete = page.getByRole('button', { name: /^Complete session/ });
  await complete.focus();
  await page.keyboard.press('Enter');
  // The button is gone; the line that replaces it has the focus, not the page.
  await expect(page.getByText(/^Completed /)).toBeFocused();

  // This host prints PDFs with the system Chromium, as `npm run serve` does.
  const printer = createChromiumPdfPrinter();
  app.services.deps.pdfPrinter = printer;
  const exportPdf = page.getByRole('button', { name: 'Export PDF' });
  await exportPdf.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await downloading;
  await expect(page.getByRole('status').filter({ hasText: /^Downloaded / })).toBeVisible();
  await expect(exportPdf).toBeFocused();
  await printer.close?.();
});

test('a refused file is not still said in paste mode; the other sender has a visible Name label; the budget names its limit', async ({ page, app }) => {
  const api = createInProcessClient(app.services);
  const { session } = await api['sessions.create']({ playbookId: 'exchange-432-concurrency', profileId: null, environmentName: 'Contoso PRD' });
  await page.goto(`${app.host.appUrl}#/troubleshoot/${session.id}`);
  await page.getByRole('button', { name: 'Import evidence' }).click();
  await page
    .getByLabel('Evidence file')
    .setInputFiles({ name: 'errors.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a workbook') });
  const panel = page.locator('.ev-panel');
  await expect(panel.getByRole('alert')).toContainText('Not a spreadsheet');
  await page.getByRole('button', { name: 'Paste text instead' }).click();
  await expect(page.getByLabel('Text copied from the Errors page')).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);

  const quota = await api['sessions.create']({ playbookId: 'exchange-recipient-quota', profileId: null, environmentName: 'Contoso PRD' });
  let view = await api['sessions.get']({ id: quota.session.id });
  for (let i = 0; i < 4 && view.steps[view.session.current]!.id !== 'mailbox'; i++) {
    view = await api['sessions.act']({ id: quota.session.id, action: { type: 'skip', reason: 'not needed for this check' } });
  }
  await page.goto(`${app.host.appUrl}#/troubleshoot/${quota.session.id}`);
  await page.getByRole('button', { name: 'Add other sender' }).click();
  const name = page.getByLabel('Other sender 1 name');
  await expect(name).toBeVisible();
  // The label is on screen, next to the field, like the numbers beside it.
  await expect(page.locator('label', { has: name })).toContainText('Name');

  await page.goto(`${app.host.appUrl}#/whatif`);
  const row = page.getByRole('row').filter({ hasText: 'noreply@contoso.com' }).first();
  await expect(row).toContainText('4 (limit 3)');
  await expect(row).toContainText('over the limit');
  await expect(row).not.toContainText('4 of 3');
});

test('What-if: PRD, QA and DEV on one mailbox recommends giving QA and DEV their own mailbox before cutting PRD to one server', async ({ page, app }) => {
  const api = createInProcessClient(app.services);
  const env = (name: string, threads: number, servers: number) => ({
    name,
    mailbox: 'noreply@contoso.com',
    emailThreads: threads,
    servers: Array.from({ length: servers }, (_, i) => ({ name: `${name}-FE${i + 1}`, sendsEmail: true, zone: 'Global' })),
  });
  await api['whatif.scenarios.save']({
    name: 'Contoso shared mailbox',
    input: { provider: 'exchange-online', environments: [env('PRD', 2, 2), env('QA', 1, 1), env('DEV', 1, 1)] },
  });
  await page.goto(`${app.host.appUrl}#/whatif`);
  await page.getByRole('button', { name: 'Open Contoso shared mailbox' }).click();
  const recommended = page.getByRole('article', { name: /^Recommended plan/ });
  await expect(recommended).toContainText('Give QA and DEV (non-production) a mailbox of their own');
  await expect(recommended).toContainText('PRD: 2 servers x 1 thread');
  await expect(page.getByRole('article').filter({ hasText: 'PRD: 1 server x 1 thread' })).toContainText('no redundancy');
  await shot(page, 'daily-whatif-split', false);
});
