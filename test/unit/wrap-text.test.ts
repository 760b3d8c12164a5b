import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Arithmetic } from '../../renderer/src/components/Arithmetic';
import { Breakable } from '../../renderer/src/components/Breakable';

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, '');
const unbroken = (markup: string) => [...markup.matchAll(/<span class="nowrap">([^<]*)<\/span>/g)].map((m) => m[1]);

describe('long text wraps where a reader expects it, never mid-word', () => {
  it('arithmetic wraps between its terms only, and reads as the same phrase', () => {
    const one = html(createElement(Arithmetic, { text: '2 servers x 2 threads = 4 > 3' }));
    expect(text(one)).toBe('2 servers x 2 threads = 4 &gt; 3');
    expect(unbroken(one)).toEqual(['2 servers x', '2 threads', '= 4 &gt; 3']);
    const sum = html(createElement(Arithmetic, { text: 'PRD 2 x 2 + QA 1 x 1 = 5 > 3' }));
    expect(unbroken(sum)).toEqual(['PRD 2 x', '2', '+ QA 1 x', '1', '= 5 &gt; 3']);
    const within = html(createElement(Arithmetic, { text: '2 servers x 1 thread = 2 <= 3' }));
    expect(unbroken(within)).toEqual(['2 servers x', '1 thread', '= 2 &lt;= 3']);
  });

  it('a dotted name may wrap after its dots; an address before its @', () => {
    expect(html(createElement(Breakable, { text: 'Scheduler.NumberOfThreadsForEmails' }))).toBe('Scheduler.<wbr/>NumberOfThreadsForEmails');
    expect(html(createElement(Breakable, { text: 'then 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException' }))).toBe(
      'then 554 5.2.0 STOREDRV.<wbr/>Submission.<wbr/>Exception:<wbr/>SubmissionQuotaExceededException',
    );
    expect(html(createElement(Breakable, { text: 'noreply@contoso.com' }))).toBe('noreply<wbr/>@contoso.com');
    expect(html(createElement(Breakable, { text: 'Version 11.34.0' }))).toBe('Version 11.34.0');
  });
});
