import { describe, expect, it } from 'vitest';
import { reportFileName } from '../../electron/services/reports/render';
import { renderReportMarkdown } from '../../shared/report/markdown';
import { typicalModel } from '../fixtures/sessions/report-models';

/**
 * Text that leaves the app stays text. A value with a line break of any form (a lone CR, which a
 * CommonMark reader honours, NEL, U+2028, U+2029) cannot start a heading or a table row in the
 * Markdown report, a pipe cannot add a table column, and a file name carries no control or bidi
 * character that would make a file manager show another name than the real one.
 */
const BREAKS = { 'CR LF': '\r\n', CR: '\r', LF: '\n', NEL: '\u0085', 'U+2028': '\u2028', 'U+2029': '\u2029' } as const;

describe('the Markdown report keeps every value on its line', () => {
  for (const [name, brk] of Object.entries(BREAKS)) {
    it(`a ${name} in a name, a value or an event starts no heading, row or column`, () => {
      const base = typicalModel();
      const inject = (what: string) => `${what}${brk}# Injected ${what}${brk}| forged | row |`;
      const markdown = renderReportMarkdown({
        ...base,
        header: { ...base.header, environment: { ...base.header.environment, name: inject('environment') }, customer: inject('customer') },
        servers: [{ ...base.servers[0]!, name: inject('server') }],
        findings: [{ ...base.findings[0]!, value: inject('finding') }],
        appendix: { ...base.appendix, events: [{ at: base.generatedAt, message: inject('event') }] },
      });
      expect(markdown).not.toMatch(/[\r\u0085\u2028\u2029]/);
      const lines = markdown.split('\n');
      expect(lines.filter((line) => /^\s*#+\s*Injected/.test(line))).toEqual([]);
      expect(lines.filter((line) => /^\s*\|\s*forged/.test(line))).toEqual([]);
      // The server's row still has its four columns: the injected pipes are escaped.
      const serverRow = lines.find((line) => line.startsWith('| server'))!;
      expect(serverRow.split(/(?<!\\)\|/).length - 2).toBe(4);
    });
  }
});

describe('an exported file name', () => {
  it('drops control and bidi characters (U+202A–U+202E, U+2066–U+2069) from the ticket and the environment', () => {
    const base = typicalModel();
    const model = {
      ...base,
      header: {
        ...base.header,
        ticket: 'CS-1\u202Efdp.exe',
        environment: { ...base.header.environment, name: 'PRD\u2066\u2067\u2068\u2069\u202A\u202B\u202C\u202D\u0007' },
      },
    };
    const name = reportFileName(model, 'pdf');
    expect(name).not.toMatch(/[\u202A-\u202E\u2066-\u2069\p{Cc}]/u);
    expect(name).toMatch(/^CS-1 fdp\.exe PRD \d{4}-\d{2}-\d{2}/);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
