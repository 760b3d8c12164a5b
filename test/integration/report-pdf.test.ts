import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../electron/services/reports/render';
import { createChromiumPdfPrinter } from '../../electron/services/reports/pdf-chromium';
import type { ReportModel } from '../../shared/report/model';
import { typicalModel, withEvents } from '../fixtures/sessions/report-models';

/**
 * Prints real PDFs with the system Chromium and reads them back with poppler (pdftotext, pdfinfo,
 * pdffonts), as a customer's PDF reader would. CI installs poppler-utils and fonts-noto-cjk.
 */
const printer = createChromiumPdfPrinter();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'st-pdf-'));
});
afterAll(async () => {
  await printer.close?.();
  rmSync(dir, { recursive: true, force: true });
});

async function print(model: ReportModel, pageSize: 'A4' | 'Letter' = 'A4') {
  const bytes = await printer.print(reportHtml(model, pageSize), { pageSize, title: model.header.title });
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return { bytes, text, info, fonts, pages, flat: text.replace(/\s+/g, ' ') };
}

const intl = (): ReportModel => {
  const model = typicalModel();
  return {
    ...model,
    header: {
      ...model.header,
      title: 'Όριο συνδέσεων στο Αθήνα-PRD',
      environment: { ...model.header.environment, name: 'Αθήνα-PRD' },
      customer: 'ООО «Ромашка» · 北京分公司',
      engineerName: 'Дмитрий Иванов',
    },
    servers: [
      { name: 'ΔΙΑΚΟΜΙΣΤΗΣ-01', sendsEmail: true, threads: 2, threadsSource: 'global', zone: 'Ζώνη Α' },
      { name: 'СЕРВЕР-02', sendsEmail: true, threads: 2, threadsSource: 'global', zone: 'Зона Б' },
      { name: '服务器-03', sendsEmail: false, threads: null, threadsSource: 'global', zone: '华北区' },
    ],
  };
};

describe('report PDF (system Chromium)', () => {
  it('holds the environment, verdict, before and after numbers and the exact SQL as text', async () => {
    const pdf = await print(typicalModel());
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    for (const expected of [
      'Contoso PRD',
      'Resolved',
      '2 servers x 2 threads = 4 > 3',
      '2 servers x 1 thread = 2 <= 3',
      'UPDATE OSSYS_PARAMETER SET VAL = @value WHERE NAME = @name AND HOST IS NULL',
      '1,284 errors',
      'Page 1 of',
    ]) {
      expect(pdf.flat).toContain(expected);
    }
    // The chart is vector art with its own labels, not an image.
    expect(pdf.flat).toMatch(/limit 3/);
    expect(pdf.fonts).toMatch(/NotoSans-Regular/);
  });

  it('prints Letter when the settings say so', async () => {
    const pdf = await print(typicalModel(), 'Letter');
    expect(pdf.info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('writes Greek, Cyrillic and Chinese names as text, not empty boxes', async () => {
    const pdf = await print(intl());
    for (const name of ['Αθήνα-PRD', 'Дмитрий Иванов', 'ООО «Ромашка»', '北京分公司', 'ΔΙΑΚΟΜΙΣΤΗΣ-01', 'СЕРВЕР-02', '服务器-03', '华北区']) {
      expect(pdf.flat).toContain(name);
    }
    // Drawn with real glyphs: Chinese from the system's Noto Sans CJK fallback (Chromium embeds it
    // as Type 3, which pdffonts lists without a name, so read the font names from the file).
    const fontNames = [
      ...Buffer.from(pdf.bytes)
        .toString('latin1')
        .matchAll(/\/(?:BaseFont|FontName)\s*\/[A-Z]{6}\+([\w-]+)/g),
    ].map((m) => m[1]);
    expect(fontNames).toEqual(expect.arrayContaining(['NotoSans-Regular', expect.stringMatching(/^NotoSansCJK/)]));
  });

  it('spreads a long event log over pages with the header and footer on each', async () => {
    const events = 600;
    const pdf = await print(withEvents(typicalModel(), events));
    // About 38 log rows fit a page; 3 pages of report come first.
    expect(pdf.pages).toBeGreaterThanOrEqual(16);
    expect(pdf.pages).toBeLessThanOrEqual(24);
    expect(pdf.flat).toContain(`Probe step ${events}:`);
    expect(pdf.flat).toContain('Appendix B: sources of the guidance');
    const pageTexts = pdf.text.split('\f').filter((p) => p.trim());
    expect(pageTexts).toHaveLength(pdf.pages);
    pageTexts.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`));
    // Log pages repeat the table header: every page between the first and the last log row has one.
    const logPages = pageTexts.filter((p) => p.includes('Probe step'));
    for (const page of logPages) expect(page).toMatch(/Time\s+Event/);
  });
});
