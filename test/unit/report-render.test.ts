import { describe, expect, it } from 'vitest';
import { layoutLimitChart, renderBudgetChart } from '../../shared/report/chart';
import { pdfFooterTemplate } from '../../shared/report/footer';
import { fileNamePart } from '../../shared/report/format';
import { renderReportHtml } from '../../shared/report/html';
import { md, renderReportMarkdown } from '../../shared/report/markdown';
import { typicalModel } from '../fixtures/sessions/report-models';

const hostile = '<script>alert(1)</script> & "quotes" \'single\'';

function hostileModel() {
  const model = typicalModel();
  return {
    ...model,
    header: { ...model.header, environment: { ...model.header.environment, name: hostile }, customer: `<img src=x onerror=alert(2)>` },
    servers: [{ ...model.servers[0]!, name: 'FE|01 <b>' }],
    findings: [{ ...model.findings[0]!, value: '</td></tr></table><h1>injected</h1>' }],
  };
}

describe('report HTML', () => {
  it('is one self-contained document: no scripts, no external loads', () => {
    const html = renderReportHtml(typicalModel(), { pageSize: 'A4', fontCss: '' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('@page { size: A4; }');
    expect(renderReportHtml(typicalModel(), { pageSize: 'Letter' })).toContain('@page { size: Letter; }');
  });

  it('escapes every text value', () => {
    const html = renderReportHtml(hostileModel(), { pageSize: 'A4' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<h1>injected');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;');
    expect(html).toContain('FE|01 &lt;b&gt;');
  });

  it('shows the environment, outcome, before and after numbers and the exact SQL', () => {
    const html = renderReportHtml(typicalModel(), { pageSize: 'A4' });
    expect(html).toContain('Contoso PRD');
    expect(html).toContain('Resolved');
    expect(html).toContain('2 servers x 2 threads = 4 &gt; 3');
    expect(html).toContain('2 servers x 1 thread = 2 &lt;= 3');
    expect(html).toContain('UPDATE OSSYS_PARAMETER SET VAL = @value WHERE NAME = @name AND HOST IS NULL');
    expect(html).toContain('https://aka.ms/concurrent_sending');
  });

  it('keeps table rows whole and repeats table headers across pages', () => {
    const html = renderReportHtml(typicalModel(), { pageSize: 'A4' });
    expect(html).toMatch(/tr, \.keep \{ break-inside: avoid/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/h1, h2, h3 \{ break-after: avoid/);
  });

  it('says so when a section has nothing recorded', () => {
    const base = typicalModel();
    const model = typicalModel({ symptom: null, calculation: null, verification: null, findings: [], servers: [], outcome: { ...base.outcome, criteria: [] } });
    const html = renderReportHtml(model, { pageSize: 'A4' });
    expect(html).toContain('No count of the errors was read, imported or given in this session.');
    expect(html).toContain('No calculation was made in this session.');
    expect(html).toContain('No verification was recorded.');
  });
});

describe('report chart', () => {
  it('draws before and after against the limit, red when over', () => {
    const svg = renderBudgetChart(typicalModel().calculation!);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toContain('limit 3');
    expect(svg).toContain('4 (over)');
    expect(svg).toMatch(/fill="#c62828"[^>]*>4 \(over\)/);
    expect(svg).toMatch(/fill="#2e7d32"[^>]*>2</);
    expect(svg).toContain('noreply@contoso.com: 4 before, 2 after, limit 3');
  });

  it('draws only the current state when nothing changed', () => {
    const calc = typicalModel().calculation!;
    const svg = renderBudgetChart({ ...calc, mailboxes: [{ ...calc.mailboxes[0]!, before: { connections: 2, arithmetic: '' }, after: null }] });
    expect(svg).toContain('>Before<');
    expect(svg).not.toContain('>After<');
  });

  it('lays out marks that fit: long mailbox names are shortened left of the bars, the longest value has room on the right', () => {
    const long = 'notifications-outbound@very-long-tenant-name.onmicrosoft.com';
    const layout = layoutLimitChart(
      [
        { name: long, limit: 10_000, bars: [{ label: 'now', value: 11_200, valueText: '11,200 now', tone: 'over' }] },
        { name: 'qa@contoso.com', limit: 10_000, bars: [{ label: 'now', value: 800, valueText: '800 now', tone: 'ok' }] },
      ],
      10_000,
    );
    const labels = layout.marks.flatMap((m) => (m.kind === 'label' ? [m.text] : []));
    expect(labels).toEqual([expect.stringMatching(/^notifications-out\S*… · now$/), 'qa@contoso.com · now']);
    for (const label of labels) expect(label.length * 7).toBeLessThanOrEqual(190 - 8);
    const over = layout.marks.flatMap((m) => (m.kind === 'value' && m.text === '11,200 now' ? [m] : []))[0]!;
    expect(over.x + '11,200 now'.length * 7).toBeLessThanOrEqual(layout.width);
    expect(layout.marks.filter((m) => m.kind === 'limit')).toHaveLength(2);
    expect(layout.marks).toContainEqual(expect.objectContaining({ kind: 'axis-label', text: 'limit 10,000' }));
  });
});

describe('report Markdown', () => {
  it('has the sections, the numbers and the SQL in a fenced block', () => {
    const text = renderReportMarkdown(typicalModel());
    expect(text).toMatch(/^# 432 connection limit on Contoso PRD\n/);
    for (const heading of [
      '## Summary',
      '## Symptom evidence',
      '## Findings',
      '## Calculation',
      '## Actions',
      '## Verification',
      '## Appendix A',
      '## Appendix B',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('| Outcome | **Resolved** |');
    expect(text).toContain('**4** (over the limit)');
    expect(text).toContain('**2** (within the limit)');
    expect(text).toContain('```sql\nUPDATE OSSYS_PARAMETER SET VAL = @value WHERE NAME = @name AND HOST IS NULL\n```');
    expect(text).toContain('OSSYS_SERVER'); // underscores inside words stay readable
  });

  it('escapes names so they cannot break tables or add markup', () => {
    const text = renderReportMarkdown(hostileModel());
    expect(text).toContain('FE\\|01 \\<b\\>');
    // Every < of a value is escaped, so Markdown shows it as text instead of HTML.
    expect(text).toContain('\\<img src=x onerror=alert(2)\\>');
    expect(text).not.toMatch(/(^|[^\\])<(script|img)/m);
    expect(md('# heading')).toBe('\\# heading');
    expect(md('_lead and trail_')).toBe('\\_lead and trail\\_');
    expect(md('line\nbreak')).toBe('line break');
  });

  it('fences code containing backticks with a longer fence', () => {
    const model = typicalModel();
    const change = { ...model.actions.changes[0]!, statement: 'SELECT ```weird```' };
    const text = renderReportMarkdown({ ...model, actions: { ...model.actions, changes: [change] } });
    expect(text).toContain('````sql\nSELECT ```weird```\n````');
  });
});

describe('report helpers', () => {
  it('escapes the title in the PDF footer and shows page numbers', () => {
    const footer = pdfFooterTemplate('<b>Ω</b>');
    expect(footer).toContain('&lt;b&gt;Ω&lt;/b&gt;');
    expect(footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('makes file names from any script', () => {
    expect(fileNamePart('Contoso PRD / QA')).toBe('Contoso PRD QA');
    expect(fileNamePart('Αθήνα Прод 北京')).toBe('Αθήνα Прод 北京');
    expect(fileNamePart('../..')).toBe('');
    expect(fileNamePart('CS-1: "a"\nb')).toBe('CS-1 a b');
  });
});
