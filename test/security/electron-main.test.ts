/**
 * The Electron main process (electron/main/index.ts and the glue it wires) started for real in Node
 * against a recording stand-in for the `electron` module, since the Electron binary is not
 * installed everywhere the tests run. What the checklist asks of the glue is read off the calls it
 * makes: window options, the app scheme, the session's handlers, the IPC sender check, links and
 * navigation. test/electron/app.spec.ts checks the same in a real window where Electron exists.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../shared/api/contract';
import { APP_CSP } from '../../shared/csp';
import { removeDir, tempDataDir } from '../support/host';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const appEvents = new Map<string, Listener[]>();
  const windows: Array<{ options: Record<string, unknown>; loaded: string[]; contents: ReturnType<typeof makeContents> }> = [];
  const schemes: Array<{ scheme: string; privileges: Record<string, unknown> }> = [];
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const ipcHandlers = new Map<string, Listener>();
  const opened: string[] = [];
  const asked: Array<{ detail?: string; buttons?: string[] }> = [];
  const dialogAnswer = { response: 0 };
  const session = {
    headers: undefined as undefined | Listener,
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
  };
  let nextFrame = 1;

  function makeContents() {
    const events = new Map<string, Listener[]>();
    const contents = {
      mainFrame: { url: '', processId: 7, routingId: nextFrame++ },
      windowOpen: undefined as undefined | Listener,
      events,
      sent: [] as unknown[][],
      setWindowOpenHandler(handler: Listener) {
        contents.windowOpen = handler;
      },
      on(event: string, listener: Listener) {
        events.set(event, [...(events.get(event) ?? []), listener]);
        return contents;
      },
      once(event: string, listener: Listener) {
        const wrapped: Listener = (...args: unknown[]) => {
          contents.off(event, wrapped);
          return listener(...args);
        };
        return contents.on(event, wrapped);
      },
      off(event: string, listener: Listener) {
        events.set(
          event,
          (events.get(event) ?? []).filter((l) => l !== listener),
        );
        return contents;
      },
      emit(event: string, ...args: unknown[]) {
        for (const listener of events.get(event) ?? []) listener(...args);
      },
      send(...args: unknown[]) {
        contents.sent.push(args);
      },
      isDestroyed: () => false,
    };
    return contents;
  }

  return { calls, appEvents, windows, schemes, protocolHandlers, ipcHandlers, opened, asked, dialogAnswer, session, makeContents, userData: '' };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    webContents = fake.makeContents();
    constructor(options: Record<string, unknown>) {
      fake.calls.push('new BrowserWindow');
      fake.windows.push({ options, loaded: [], contents: this.webContents });
      BrowserWindow.all.push(this);
    }
    static getAllWindows = () => BrowserWindow.all;
    static fromWebContents = (contents: unknown) => BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
    loadURL(url: string) {
      fake.windows.find((w) => w.contents === this.webContents)!.loaded.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    loadFile(file: string) {
      fake.windows.find((w) => w.contents === this.webContents)!.loaded.push(`loadFile:${file}`);
      return Promise.resolve();
    }
    once() {
      return this;
    }
    on() {
      return this;
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized = () => false;
    isDestroyed = () => false;
    destroy() {}
  }
  const app = {
    isPackaged: true,
    getPath: (name: string) => (name === 'userData' ? fake.userData : fake.userData),
    setPath: () => undefined,
    getVersion: () => '0.0.0-test',
    enableSandbox: () => fake.calls.push('app.enableSandbox'),
    requestSingleInstanceLock: () => true,
    exit: (code: number) => fake.calls.push(`app.exit ${code}`),
    quit: () => fake.calls.push('app.quit'),
    on: (event: string, listener: Listener) => {
      fake.appEvents.set(event, [...(fake.appEvents.get(event) ?? []), listener]);
      return app;
    },
    whenReady: () => {
      fake.calls.push('app.whenReady');
      return Promise.resolve();
    },
  };
  const defaultSession = {
    webRequest: { onHeadersReceived: (listener: Listener) => (fake.session.headers = listener) },
    setPermissionRequestHandler: (handler: Listener) => (fake.session.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (fake.session.permissionCheck = handler),
  };
  return {
    app,
    BrowserWindow,
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    session: { defaultSession, fromPartition: () => defaultSession },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, unknown> }>) => {
        fake.calls.push('protocol.registerSchemesAsPrivileged');
        fake.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
        fake.calls.push(`protocol.handle ${scheme}`);
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: { handle: (channel: string, handler: Listener) => fake.ipcHandlers.set(channel, handler) },
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (template: unknown) => template },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        fake.asked.push(args.at(-1) as { detail?: string });
        return { response: fake.dialogAnswer.response };
      },
      showErrorBox: (title: string, message: string) => fake.calls.push(`showErrorBox ${title}: ${message}`),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: {
      openExternal: async (url: string) => {
        fake.opened.push(url);
      },
    },
  };
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}; calls: ${fake.calls.join(' | ')}`);
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeAll(async () => {
  fake.userData = tempDataDir('st-electron-main-');
  delete process.env.SUPPORT_TOOLKIT_DATA;
  await import('../../electron/main/index');
  await until(() => fake.windows.length === 1 && fake.windows[0]!.loaded.length === 1, 'the main window');
}, 60_000);

afterAll(async () => {
  for (const listener of fake.appEvents.get('will-quit') ?? []) listener({ preventDefault: () => undefined });
  await until(() => fake.calls.includes('app.quit'), 'the services to close').catch(() => undefined);
  removeDir(fake.userData);
});

describe('the desktop main process, wired', () => {
  it('registers app:// as a privileged scheme before the app is ready, handles it, and loads the page from it', () => {
    expect(fake.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(fake.calls.indexOf('app.whenReady'));
    expect(fake.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false }) },
    ]);
    expect(fake.calls.indexOf('protocol.handle app')).toBeLessThan(fake.calls.indexOf('new BrowserWindow'));
    expect(fake.windows[0]!.loaded).toEqual(['app://toolkit/index.html']);
  });

  it('the window: context isolation, sandbox, no Node, web security, no insecure content, no webview, no devtools, nothing experimental', () => {
    expect(fake.calls).toContain('app.enableSandbox');
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    for (const key of ['experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker']) expect(prefs[key], key).toBeFalsy();
  });

  it('the app scheme handler serves nothing outside the renderer folder', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    for (const url of [
      'app://toolkit/../../package.json',
      'app://toolkit/%2e%2e/main/index.js',
      'app://evil/index.html',
      'app://toolkit/..%2f..%2fpackage.json',
    ]) {
      const response = await handler({ url, method: 'GET' });
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await handler({ url: 'app://toolkit/index.html', method: 'POST' })).status).toBe(405);
  });

  it('the session: CSP on every response, every permission refused and reported as not grantable', () => {
    const headers = vi.fn();
    fake.session.headers!({ responseHeaders: { 'x-a': ['1'] } }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'x-a': ['1'], 'Content-Security-Policy': [APP_CSP] } });
    const permission = vi.fn();
    fake.session.permissionRequest!({}, 'media', permission);
    expect(permission).toHaveBeenCalledWith(false);
    expect(fake.session.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('IPC: one handler per contract method, none for removed methods; only our window main frame on the app page is answered', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(methodNames.map((name) => `toolkit:${name}`).sort());
    expect(fake.ipcHandlers.has('toolkit:probes.apply')).toBe(false);
    const ours = fake.windows[0]!.contents;
    const info = fake.ipcHandlers.get('toolkit:app.info')!;
    expect(await info({ sender: ours, senderFrame: { ...ours.mainFrame } }, {}, 'c1')).toMatchObject({ ok: true, value: { hostKind: 'electron' } });
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(await info({ sender: ours, senderFrame: { ...ours.mainFrame, routingId: 999 } }, {}, 'c2')).toMatchObject(forbidden);
    expect(await info({ sender: ours, senderFrame: null }, {}, 'c3')).toMatchObject(forbidden);
    const other = fake.makeContents();
    other.mainFrame.url = 'app://toolkit/index.html';
    expect(await info({ sender: other, senderFrame: other.mainFrame }, {}, 'c4')).toMatchObject(forbidden);
    const away = { ...ours, mainFrame: { ...ours.mainFrame, url: 'https://evil.example/' } };
    expect(await info({ sender: ours, senderFrame: away.mainFrame }, {}, 'c5')).toMatchObject(forbidden);
  });

  it('IPC: a long call whose window closes is cancelled', async () => {
    const ours = fake.windows[0]!.contents;
    const preview = fake.ipcHandlers.get('toolkit:evidence.preview')!;
    const rows = Array.from({ length: 120_000 }, (_, i) => `2026-12-01 10:00:00,Error ${i}: 432 4.3.2 Concurrent connections limit exceeded`).join('\n');
    const pending = preview(
      { sender: ours, senderFrame: { ...ours.mainFrame } },
      { fileName: 'big.csv', contentBase64: Buffer.from(`Time,Message\n${rows}`).toString('base64') },
      'c6',
    );
    ours.emit('destroyed');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(ours.events.get('destroyed')).toEqual([]);
  });

  it('no new windows; documentation links go to the browser, other http(s) links only after the dialog, other schemes never', async () => {
    const contents = fake.windows[0]!.contents;
    const open = (url: string) => contents.windowOpen!({ url }) as { action: string };

    expect(open('https://learn.microsoft.com/en-us/exchange/')).toEqual({ action: 'deny' });
    await flush();
    expect(fake.opened).toEqual(['https://learn.microsoft.com/en-us/exchange/']);

    fake.dialogAnswer.response = 0;
    expect(open('https://example.com/page?x=1')).toEqual({ action: 'deny' });
    await flush();
    expect(fake.asked.at(-1)?.detail).toContain('https://example.com/page?x=1');
    expect(fake.opened).toHaveLength(1);

    fake.dialogAnswer.response = 1;
    open('http://example.com/');
    await flush();
    expect(fake.opened.at(-1)).toBe('http://example.com/');

    const askedBefore = fake.asked.length;
    for (const url of ['file:///etc/passwd', 'smb://server/share', 'javascript:alert(1)', 'https://user:pw@learn.microsoft.com/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    await flush();
    expect(fake.asked).toHaveLength(askedBefore);
    expect(fake.opened).toHaveLength(2);
  });

  it('navigation: away from the app page is prevented (will-navigate, will-redirect), webviews are never attached, and every other contents gets the same rules', () => {
    const contents = fake.windows[0]!.contents;
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = { preventDefault: vi.fn() };
      contents.emit(event, away, 'file:///etc/hosts');
      expect(away.preventDefault, event).toHaveBeenCalled();
      const inApp = { preventDefault: vi.fn() };
      contents.emit(event, inApp, 'app://toolkit/index.html#/reports');
      expect(inApp.preventDefault, event).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();

    const created = fake.makeContents();
    for (const listener of fake.appEvents.get('web-contents-created') ?? []) listener({}, created);
    expect((created.windowOpen!({ url: 'https://example.com/' }) as { action: string }).action).toBe('deny');
    const away = { preventDefault: vi.fn() };
    created.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
  });
});
