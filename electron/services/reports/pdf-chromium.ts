import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ApiError } from '../../../shared/api/errors';
import { PDF_MARGINS_MM, pdfFooterTemplate } from '../../../shared/report/footer';
import type { PdfPrinter } from '../context';
import { CHROMIUM_ARGS, CHROMIUM_NOT_FOUND, findChromium } from './chromium-path';

/**
 * Prints report HTML to PDF with the system Chromium through playwright-core, for the browser host
 * and the command line (the desktop app uses Electron's own printToPDF). The browser starts on the
 * first print and stays open between prints, since starting it costs most of the time.
 * Pages run with JavaScript off and every network request refused: a report needs nothing outside.
 */
export function createChromiumPdfPrinter(options: { executablePath?: string } = {}): PdfPrinter {
  let browser: Promise<BrowserContext> | null = null;
  /**
   * Pages kept open between prints: opening a page cost more than printing a typical report
   * (about 0.3 s against 0.2 s), so a print reuses an idle one. Prints at the same time each get
   * their own page; at most MAX_IDLE stay open afterwards.
   */
  let idle: Page[] = [];
  const MAX_IDLE = 2;

  function release(page: Page, reusable: boolean): void {
    if (reusable && !page.isClosed() && idle.length < MAX_IDLE && !idle.includes(page)) idle.push(page);
    else void page.close().catch(() => undefined);
  }

  function launch(): Promise<BrowserContext> {
    const executablePath = options.executablePath ?? findChromium();
    if (!executablePath) return Promise.reject(new ApiError('unavailable', `PDF export needs Chromium. ${CHROMIUM_NOT_FOUND}`));
    const started = chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }).then(async (b) => {
      // A crashed or killed browser is started again on the next print.
      b.on('disconnected', () => {
        if (browser === started) {
          browser = null;
          idle = [];
        }
      });
      // One context for all prints (creating one costs a few hundred ms); each print gets a page.
      const context = await b.newContext({ javaScriptEnabled: false, offline: true });
      await context.route('**/*', (route) => route.abort());
      return context;
    });
    started.catch(() => {
      if (browser === started) browser = null;
    });
    return started;
  }

  async function print(html: string, { pageSize, title, signal }: Parameters<PdfPrinter['print']>[1]): Promise<Uint8Array> {
    throwIfAborted(signal);
    browser ??= launch();
    let context: BrowserContext;
    try {
      context = await browser;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('unavailable', 'Chromium could not be started to print the PDF.', { details: (error as Error).message });
    }
    const page = idle.pop() ?? (await context.newPage());
    const abort = () => void page.close().catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    let printed = false;
    try {
      // The whole document is replaced: nothing of an earlier report stays in the page.
      await page.setContent(html, { waitUntil: 'load' });
      throwIfAborted(signal);
      const margin = (mm: number) => `${mm}mm`;
      const pdf = await page.pdf({
        format: pageSize,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: pdfFooterTemplate(title),
        margin: {
          top: margin(PDF_MARGINS_MM.top),
          right: margin(PDF_MARGINS_MM.right),
          bottom: margin(PDF_MARGINS_MM.bottom),
          left: margin(PDF_MARGINS_MM.left),
        },
      });
      printed = true;
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      throwIfAborted(signal);
      if (error instanceof ApiError) throw error;
      throw new ApiError('internal', 'Chromium could not print the PDF.', { details: (error as Error).message });
    } finally {
      signal?.removeEventListener('abort', abort);
      // A page that failed or was cancelled is closed, never reused.
      release(page, printed);
    }
  }

  async function close(): Promise<void> {
    const current = browser;
    browser = null;
    idle = [];
    if (current)
      await (
        await current.catch(() => null)
      )
        ?.browser()
        ?.close()
        .catch(() => undefined);
  }

  return { print, close };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ApiError('cancelled', 'PDF export was cancelled');
}
