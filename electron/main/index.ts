import { app, BrowserWindow, safeStorage } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNoticeBoard, type SecretCipher } from '../services/context';
import { createServices, type Services } from '../services/create-services';
import { registerIpc } from './ipc';
import { createElectronPdfPrinter } from './pdf-printer';
import { createSaveFile } from './save-file';
import { buildMenu } from './menu';
import { hardenSession, lockDownContents } from './security';

const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = path.join(__dirname, '../renderer/index.html');

function isAppUrl(url: string): boolean {
  if (rendererUrl) return url.startsWith(rendererUrl);
  return url.split('#')[0] === pathToFileURL(rendererFile).toString();
}

/**
 * safeStorage-backed cipher. On Linux without a keyring safeStorage falls back to a hard-coded
 * key ("basic_text"): that is not encryption, so saving passwords is refused there.
 */
function safeStorageCipher(): { cipher?: SecretCipher; reason?: string } {
  if (!safeStorage.isEncryptionAvailable()) return { reason: 'This system offers no OS-backed encryption, so passwords cannot be saved. They will be asked for each session.' };
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return { reason: 'No system keyring (GNOME Keyring or KWallet) was found, so passwords cannot be saved securely. They will be asked for each session.' };
  }
  const prefix = 'v1:safe:';
  return {
    cipher: {
      scheme: 'safe',
      encrypt: (plain) => prefix + safeStorage.encryptString(plain).toString('base64'),
      decrypt: (stored) => {
        if (!stored.startsWith(prefix)) throw new Error('This secret was not saved by the desktop app');
        return safeStorage.decryptString(Buffer.from(stored.slice(prefix.length), 'base64'));
      },
    },
  };
}

let services: Services | undefined;
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
      webSecurity: true,
      spellcheck: false,
    },
  });
  lockDownContents(mainWindow.webContents, isAppUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (rendererUrl) void mainWindow.loadURL(rendererUrl);
  else void mainWindow.loadFile(rendererFile);
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents, isAppUrl));

void app.whenReady().then(async () => {
  hardenSession();
  const secrets = safeStorageCipher();
  const dataDir = process.env.SUPPORT_TOOLKIT_DATA ? path.resolve(process.env.SUPPORT_TOOLKIT_DATA) : app.getPath('userData');
  services = await createServices({
    dataDir,
    hostKind: 'electron',
    appVersion: app.getVersion(),
    notices: createNoticeBoard(),
    secretCipher: secrets.cipher,
    secretCipherUnavailableReason: secrets.reason,
    pdfPrinter: createElectronPdfPrinter(),
    saveFile: createSaveFile(() => mainWindow),
  });
  registerIpc(services, (sender, frameUrl) => sender === mainWindow?.webContents && isAppUrl(frameUrl));
  buildMenu({ isDev: !app.isPackaged });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void services?.close();
});
