/**
 * Smoke test of the real desktop app: the built main process, preload and renderer in Electron,
 * on a temporary data folder. Runs through test/electron/run.ts only where an Electron binary is
 * installed (it cannot be downloaded everywhere); there it must pass like any other test.
 */
import { _electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { methodNames } from '../../shared/api/contract';

const root = path.resolve(__dirname, '..', '..');

interface Desktop {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
  /** Quits the app and starts it again on the same data folder. */
  relaunch(): Promise<void>;
}

/** This process's environment with the test's data folder, and never a dev server to load. */
function appEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  env.SUPPORT_TOOLKIT_DATA = dataDir;
  return env;
}

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await _electron.launch({
    args: [
      '.',
      // Chromium refuses to start its OS sandbox as root (CI containers); the renderer is still
      // sandboxed by Electron (no Node, isolated preload), which is what these tests check.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    cwd: root,
    env: appEnv(dataDir),
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return { app, page };
}

const test = base.extend<{ desktop: Desktop }>({
  desktop: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'st-electron-'));
    let current = await launch(dataDir);
    const desktop: Desktop = {
      ...current,
      dataDir,
      async relaunch() {
        await current.app.close();
        current = await launch(dataDir);
        desktop.app = current.app;
        desktop.page = current.page;
      },
    };
    await use(desktop);
    await current.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

type Bridge = Record<string, (input: unknown) => Promise<{ ok: boolean; value?: { hostKind?: string; dataDir?: string } }>>;

test('the window opens on the app and navigates between pages', async ({ desktop }) => {
  const { page } = desktop;
  await expect(page).toHaveTitle('Support Toolkit');
  for (const label of ['Troubleshoot', 'What-if', 'Reports', 'Environments']) {
    await page.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: label })).toBeVisible();
  }
});

test('the page gets exactly the API contract and onEvent, no Node and no ipcRenderer', async ({ desktop }) => {
  const { page } = desktop;
  const exposed = await page.evaluate(() => Object.keys((window as unknown as { toolkit: object }).toolkit).sort());
  expect(exposed).toEqual([...methodNames, 'onEvent'].sort());
  const globals = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

  // The bridge reaches the real services, on the data folder the test chose.
  const info = await page.evaluate(() => (window as unknown as { toolkit: Bridge }).toolkit['app.info']!({}));
  expect(info.ok).toBe(true);
  expect(info.value?.hostKind).toBe('electron');
  expect(info.value?.dataDir).toBe(desktop.dataDir);
});

test('settings persist across a relaunch', async ({ desktop }) => {
  let { page } = desktop;
  await page.getByRole('button', { name: 'Settings' }).click();
  let dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Dark').check();
  await dialog.getByLabel('Report page size').selectOption('Letter');
  await dialog.getByLabel('Engineer name (shown on reports)').fill('Ana Ribeiro');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await desktop.relaunch();
  page = desktop.page;
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByLabel('Dark')).toBeChecked();
  await expect(dialog.getByLabel('Report page size')).toHaveValue('Letter');
  await expect(dialog.getByLabel('Engineer name (shown on reports)')).toHaveValue('Ana Ribeiro');
});

test('no new windows, no navigation away from the app, no injected script', async ({ desktop }) => {
  const { app, page } = desktop;
  const appUrl = page.url();
  // Not http(s), so the denied window is not handed to a browser either.
  const refused = await page.evaluate(() => window.open('about:blank', '_blank') === null);
  expect(refused).toBe(true);
  expect(app.windows()).toHaveLength(1);

  await page.evaluate(() => {
    window.location.href = 'file:///etc/hosts';
  });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(page.url().split('#')[0]).toBe(appUrl.split('#')[0]);

  // The Content-Security-Policy is in force: an injected inline script does not run.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(inlineRan).toBe(false);
});
