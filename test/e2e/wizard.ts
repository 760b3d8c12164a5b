import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** What the wizard specs share: the step on screen, Continue to the next one, and screenshots on request. */

/** TS_SHOTS=dir saves a screenshot there, to look at what a user sees. */
export async function shot(page: Page, name: string, fullPage = true) {
  if (process.env.TS_SHOTS) await page.screenshot({ path: `${process.env.TS_SHOTS}/${name}.png`, fullPage });
}

/** The wizard shows this step (its heading "Step n of m: <title>"). */
export async function stepTitle(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^Step \\d+ of \\d+: ${title}$`) })).toBeVisible();
}

export async function continueTo(page: Page, title: string) {
  await page.getByRole('button', { name: 'Continue' }).click();
  await stepTitle(page, title);
}
