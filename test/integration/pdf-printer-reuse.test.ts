import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';

/** The printer keeps its pages between prints (opening one cost more than a print): nothing of one report may reach the next. */
describe('the PDF printer reuses its pages safely', () => {
  const printer = createChromiumPdfPrinter();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'st-pdf-reuse-'));
  afterAll(async () => {
    await printer.close?.();
    rmSync(dir, { recursive: true, force: true });
  });
  const text = (bytes: Uint8Array) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  };
  const doc = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

  it('prints each document alone, also after a cancelled print and side by side', async () => {
    const first = await printer.print(doc('<h1>Alpha report</h1><img src="data:image/png;base64,iVBORw0KGgo=">'), { pageSize: 'A4', title: 'A' });
    expect(text(first)).toContain('Alpha report');

    const cancel = new AbortController();
    const cancelled = printer.print(doc('<h1>Cancelled report</h1>'), { pageSize: 'A4', title: 'C', signal: cancel.signal });
    cancel.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });

    const [second, third] = await Promise.all([
      printer.print(doc('<h1>Bravo report</h1>'), { pageSize: 'A4', title: 'B' }),
      printer.print(doc('<h1>Charlie report</h1>'), { pageSize: 'Letter', title: 'C' }),
    ]);
    expect(text(second)).toContain('Bravo report');
    expect(text(second)).not.toMatch(/Alpha|Charlie|Cancelled/);
    expect(text(third)).toContain('Charlie report');
    expect(text(third)).not.toMatch(/Alpha|Bravo|Cancelled/);
  });
});
