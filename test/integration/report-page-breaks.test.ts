import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import { reportStyles } from '../../shared/report/styles';

/**
 * The report's stylesheet keeps a heading with what follows it: printed with the system Chromium and
 * read back page by page with poppler, a heading pushed towards the foot of a page (by filler of
 * every height in steps) is never the last thing on its page: an appendix title goes with its
 * image, "Sample message" with the message, a section title with its table.
 */
const printer = createChromiumPdfPrinter();
const dir = mkdtempSync(path.join(os.tmpdir(), 'st-breaks-'));
afterAll(async () => {
  await printer.close?.();
  rmSync(dir, { recursive: true, force: true });
});

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const FOLLOWERS = {
  'an appendix title and its image': `<h2>HEADING-X</h2><p class="muted">Files the customer sent, attached to the session.</p><figure class="attachment"><img src="${PNG}" alt="" style="width:100mm;height:90mm"><figcaption>FOLLOWER-TEXT</figcaption></figure>`,
  'a subheading and its message': `<h3>HEADING-X</h3><pre>${'FOLLOWER-TEXT Error sending email 8a1f: 432 4.3.2\n'.repeat(6)}</pre>`,
  'a section title and its table': `<h2>HEADING-X</h2><p>Result: passed.</p><table><thead><tr><th>What must hold</th><th>Result</th></tr></thead><tbody>${'<tr><td>FOLLOWER-TEXT no 432 since the restart</td><td>Passed</td></tr>'.repeat(4)}</tbody></table>`,
};

/** The text of every page of the printed document. */
async function pages(body: string): Promise<string[]> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>t</title><style>${reportStyles('A4')}</style></head><body>${body}</body></html>`;
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await printer.print(html, { pageSize: 'A4', title: 't' }));
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
}

describe('report page breaks', () => {
  for (const [what, follower] of Object.entries(FOLLOWERS)) {
    it(`keeps ${what} on one page, wherever the heading falls`, async () => {
      const alone: number[] = [];
      for (let filler = 170; filler <= 262; filler += 8) {
        const printed = await pages(`<div style="height:${filler}mm"></div><section>${follower}</section>`);
        if (printed.some((page) => page.includes('HEADING-X') && !page.includes('FOLLOWER-TEXT'))) alone.push(filler);
      }
      expect(alone, 'fillers (mm) that left the heading alone at the foot of a page').toEqual([]);
    }, 60_000);
  }
});
