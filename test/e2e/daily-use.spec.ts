import type { Page } from '@playwright/test';
import { createInProcessClient } from '../../electron/services/in-process-client';
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
