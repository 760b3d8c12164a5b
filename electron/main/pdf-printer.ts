import { BrowserWindow, session } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiError } from '../../shared/api/errors';
import { PDF_MARGINS_MM, pdfFooterTemplate } from '../../shared/report/footer';
import type { PdfPrinter } from '../services/context';

const MM_PER_INCH = 25.4;
const PARTITION = 'report-print';

/**
 * The desktop app's PDF printer: Electron's printToPDF in a hidden window that can run nothing:
 * sandboxed, context-isolated, no preload, JavaScript off, its own in-memory session in which every
 * request except the report file itself (and its data: URLs) is refused. The HTML goes through a temporary file (data:
 * URLs have size limits a long report can exceed), deleted after printing.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  let prepared = false;

  function printSession(): Electron.Session {
    const printing = session.fromPartition(PARTITION, { cache: false });
    if (!prepared) {
      // data: URLs are the report's own font and attached images (its CSP allows no other source); they reach no network.
      printing.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url.startsWith('file:') || details.url.startsWith('data:')) }));
      printing.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      prepared = true;
    }
    return printing;
  }

  async function print(html: string, { pageSize, title, signal }: Parameters<PdfPrinter['print']>[1]): Promise<Uint8Array> {
    if (signal?.aborted) throw new ApiError('cancelled', 'PDF export was cancelled');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'support-toolkit-report-'));
    const file = path.join(dir, 'report.html');
    await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        session: printSession(),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    // Only our temporary file may ever load in this window.
    const allowed = pathToFileURL(file).toString();
    window.webContents.on('will-navigate', (event, url) => {
      if (url !== allowed) event.preventDefault();
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const abort = () => window.destroy();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await window.loadFile(file);
      const inches = (mm: number) => mm / MM_PER_INCH;
      const pdf = await window.webContents.printToPDF({
        pageSize,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: pdfFooterTemplate(title),
        margins: {
          top: inches(PDF_MARGINS_MM.top),
          right: inches(PDF_MARGINS_MM.right),
          bottom: inches(PDF_MARGINS_MM.bottom),
          left: inches(PDF_MARGINS_MM.left),
        },
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (signal?.aborted) throw new ApiError('cancelled', 'PDF export was cancelled');
      throw new ApiError('internal', 'The PDF could not be printed.', { details: (error as Error).message });
    } finally {
      signal?.removeEventListener('abort', abort);
      if (!window.isDestroyed()) window.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  return { print };
}
