import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import path from 'node:path';
import { createNoticeBoard } from '../services/context';
import { createServices, type Services } from '../services/create-services';
import { acquireDataDirLock, releaseOnExit, type DataDirLock } from '../services/data-dir-lock';
import { IPC_EVENT_CHANNEL } from '../../shared/api/bridge';
import { APP_PAGE_URL } from './app-protocol';
import { handleAppScheme, registerAppScheme } from './app-protocol-handler';
import { createAppUrlCheck } from './app-url';
import { registerIpc } from './ipc';
import { isTrustedIpcSender } from './ipc-sender';
import { createElectronPdfPrinter } from './pdf-printer';
import { createSaveFile } from './save-file';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { buildMenu } from './menu';
import { hardenSession, lockDownContents } from './security';

// The built renderer, served on app://toolkit/ by handleAppScheme (never as a file: URL).
const rendererDir = path.join(__dirname, '../renderer');
// Set by `electron-vite dev`. An installed app never reads it: otherwise anyone who can set an
// environment variable could load a page of their own into the window that holds the API.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const isAppUrl = createAppUrlCheck({ devServerUrl });

// Before the app is ready: the app scheme gets a real origin (app://toolkit) and counts as secure.
registerAppScheme();

// Every renderer sandboxed, including any the checklist's per-window options might miss.
app.enableSandbox();

// SUPPORT_TOOLKIT_DATA (tests, portable use) moves all of the app's data, Chromium's included.
if (process.env.SUPPORT_TOOLKIT_DATA) app.setPath('userData', path.resolve(process.env.SUPPORT_TOOLKIT_DATA));

// A second desktop app hands over to the first one and quits. The data folder's own lock (taken at
// start, below) also keeps out the browser host and the report command.
if (!app.requestSingleInstanceLock()) app.exit(0);

let services: Services | undefined;
let dataDirLock: DataDirLock | undefined;
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    title: 'Support Toolkit',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No developer tools in an installed app; the View menu offers them only in development.
      devTools: !app.isPackaged,
    },
  });
  lockDownContents(mainWindow.webContents, isAppUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadURL(APP_PAGE_URL);
}

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isAppUrl));

void app
  .whenReady()
  .then(async () => {
    hardenSession();
    handleAppScheme(rendererDir);
    // One app per data folder: a browser host or report command on it makes this start fail, with a
    // dialog naming it (the catch below).
    dataDirLock = await acquireDataDirLock(app.getPath('userData'), 'electron');
    releaseOnExit(dataDirLock);
    const secrets = createSafeStorageCipher(safeStorage, process.platform);
    const notices = createNoticeBoard();
    // Notices found after start (a data file damaged while the app runs) reach the open window at once.
    notices.subscribe((message) => {
      const contents = mainWindow?.webContents;
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { kind: 'notice', message });
    });
    services = await createServices({
      dataDir: app.getPath('userData'),
      hostKind: 'electron',
      appVersion: app.getVersion(),
      notices,
      secretCipher: secrets.cipher,
      secretCipherUnavailableReason: secrets.reason,
      pdfPrinter: createElectronPdfPrinter(),
      saveFile: createSaveFile(() => mainWindow),
    });
    registerIpc(services, (event) => isTrustedIpcSender(event, mainWindow?.webContents, isAppUrl));
    buildMenu({ isDev: !app.isPackaged });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  })
  .catch((error: unknown) => {
    // Without this the app would sit with no window and no word (e.g. a data folder it may not write).
    // A data folder held by another app lands here too: its message names that app.
    dialog.showErrorBox(
      'Support Toolkit could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${app.getPath('userData')}`,
    );
    dataDirLock?.release();
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Let the services finish (pending file writes, open database connections) before the process ends.
app.on('will-quit', (event) => {
  const closing = services;
  if (!closing) {
    dataDirLock?.release();
    return;
  }
  services = undefined;
  event.preventDefault();
  void closing.close().finally(() => {
    dataDirLock?.release();
    app.quit();
  });
});
