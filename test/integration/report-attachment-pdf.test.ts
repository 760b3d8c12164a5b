import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { makePng } from '../support/png';
import { removeDir, tempDataDir } from '../support/host';

/**
 * The PDF of a session with a screenshot attached: printed by the system Chromium, drawn back to
 * pixels by poppler (pdftoppm), as the customer would see it. The screenshot stand-in is a red block
 * on blue, so the page that shows it can be found by its colours.
 */
const dataDir = tempDataDir('st-attach-pdf-');
const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard(), pdfPrinter: createChromiumPdfPrinter() });
afterAll(async () => {
  await services.close();
  removeDir(dataDir);
});

/** The typed client over this process's dispatcher: `api['x'](input)`; an API error throws an ApiError. */
const api = createInProcessClient(services);

/** Pixels of a binary PPM (P6, 8-bit) as pdftoppm writes it. */
function readPpm(file: string): { width: number; height: number; rgb: Buffer } {
  const bytes = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error(`${file} is not a binary PPM`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: bytes.subarray(header[0].length) };
}

describe('report PDF with an attached screenshot', () => {
  it('embeds the image: an image XObject in the file, and its red and blue on the page poppler draws', async () => {
    const { session } = await api['sessions.create']({
      playbookId: 'exchange-432-concurrency',
      profileId: null,
      environmentName: 'Contoso PRD',
      ticket: 'CS-4712',
    });
    await api['sessions.attach']({
      id: session.id,
      fileName: 'errors.png',
      contentBase64: makePng(480, 320).toString('base64'),
      caption: 'Service Center error log, 432s at 09:14',
    });
    const exported = await api['reports.export']({ sessionId: session.id, format: 'pdf' });
    const pdf = Buffer.from(exported.base64!, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);

    const file = path.join(dataDir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Appendix C: attachments');
    expect(text).toContain('errors.png: Service Center error log, 432s at 09:14');

    execFileSync('pdftoppm', ['-r', '40', file, path.join(dataDir, 'page')]);
    const pages = readdirSync(dataDir)
      .filter((name) => /^page-\d+\.ppm$/.test(name))
      .sort();
    const counts = pages.map((name) => {
      const { rgb } = readPpm(path.join(dataDir, name));
      let red = 0;
      let blue = 0;
      for (let i = 0; i + 2 < rgb.length; i += 3) {
        const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
        if (r > 180 && g < 80 && b < 80) red++;
        if (b > 150 && r < 80 && g < 110) blue++;
      }
      return { name, red, blue };
    });
    // One page shows the screenshot: a red block inside a blue frame, thousands of pixels each at 40 dpi.
    const shown = counts.filter((c) => c.red > 1000 && c.blue > 1000);
    expect(shown, JSON.stringify(counts)).toHaveLength(1);
    expect(shown[0]!.name).toBe(pages.at(-1));
  });
});
