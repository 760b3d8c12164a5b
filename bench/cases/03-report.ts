import { chromium } from 'playwright-core';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium';
import { PDF_MARGINS_MM, pdfFooterTemplate } from '../../shared/report/footer';
import { renderReportFile, reportHtml } from '../../electron/services/reports/render';
import { typicalModel, withEvents } from '../../test/fixtures/sessions/report-models';
import { median, timeRuns, type BenchCase } from '../harness';

const COLD_RUNS = 3;
const WARM_RUNS = 7;
const TEXT_RUNS = 50;

/**
 * Producing a typical report (3 pages, 40-entry event log) in each format. "Cold" includes starting
 * Chromium, as the first export after the app starts does; "warm" reuses the running browser.
 */
const bench: BenchCase = {
  name: 'resolution report export',
  async run() {
    const model = withEvents(typicalModel(), 40);
    const options = { pageSize: 'A4' as const };
    let pdfBytes = 0;
    const cold = await timeRuns(COLD_RUNS, async () => {
      const printer = createChromiumPdfPrinter();
      pdfBytes = (await renderReportFile(model, 'pdf', { ...options, printer })).byteLength;
      await printer.close?.();
    });
    // The app's export against Chromium printing the same HTML with the same page options, both
    // warm, taken in turns in the same run so a busy machine slows both alike.
    const printer = createChromiumPdfPrinter();
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const warm: number[] = [];
    const plain: number[] = [];
    try {
      const html = reportHtml(model, 'A4');
      const page = await browser.newPage();
      const printPlain = async () => {
        await page.setContent(html);
        await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: pdfFooterTemplate(model.header.title),
          margin: {
            top: `${PDF_MARGINS_MM.top}mm`,
            right: `${PDF_MARGINS_MM.right}mm`,
            bottom: `${PDF_MARGINS_MM.bottom}mm`,
            left: `${PDF_MARGINS_MM.left}mm`,
          },
        });
      };
      await renderReportFile(model, 'pdf', { ...options, printer });
      await printPlain();
      for (let i = 0; i < WARM_RUNS; i++) {
        warm.push(...(await timeRuns(1, async () => void (await renderReportFile(model, 'pdf', { ...options, printer })))));
        plain.push(...(await timeRuns(1, printPlain)));
      }
    } finally {
      await printer.close?.();
      await browser.close();
    }
    let mdBytes = 0;
    let jsonBytes = 0;
    let htmlBytes = 0;
    const md = await timeRuns(TEXT_RUNS, async () => {
      mdBytes = (await renderReportFile(model, 'md', options)).byteLength;
    });
    const json = await timeRuns(TEXT_RUNS, async () => {
      jsonBytes = (await renderReportFile(model, 'json', options)).byteLength;
    });
    const html = await timeRuns(TEXT_RUNS, async () => {
      htmlBytes = new TextEncoder().encode(reportHtml(model, 'A4')).byteLength;
    });
    return [
      { name: 'PDF, cold Chromium (launch + print, median)', value: median(cold), unit: 'ms', note: `${COLD_RUNS} runs` },
      { name: 'PDF, warm Chromium (median)', value: median(warm), unit: 'ms', note: `${WARM_RUNS} runs` },
      { name: 'Chromium printing the same HTML (median)', value: median(plain), unit: 'ms', note: `${WARM_RUNS} runs, in turns with the export` },
      { name: 'PDF export / Chromium printing the same HTML', value: median(warm) / median(plain), unit: 'x', budget: 1.2 },
      { name: 'PDF size', value: pdfBytes / 1024, unit: 'KiB' },
      { name: 'Markdown (median)', value: median(md), unit: 'ms', note: `${TEXT_RUNS} runs` },
      { name: 'Markdown size', value: mdBytes / 1024, unit: 'KiB' },
      { name: 'JSON (median)', value: median(json), unit: 'ms', note: `${TEXT_RUNS} runs` },
      { name: 'JSON size', value: jsonBytes / 1024, unit: 'KiB' },
      { name: 'preview HTML with inlined font (median)', value: median(html), unit: 'ms', note: `${TEXT_RUNS} runs` },
      { name: 'preview HTML size', value: htmlBytes / 1024, unit: 'KiB' },
    ];
  },
};
export default bench;
