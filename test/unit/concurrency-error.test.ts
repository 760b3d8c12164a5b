import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCURRENCY_ERROR_LIKE_PATTERNS } from '../../shared/incidents/concurrency-matchers';
import { isConcurrencyError } from '../support/concurrency';

const samples = readFileSync(path.join(__dirname, '../fixtures/smtp-errors.txt'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [label, text] = line.split('\t');
    return { label: label as 'MATCH' | 'OTHER', text: text! };
  });

/** SQL LIKE with % only, evaluated on the lower-cased text, as the probes' prefilter runs it. */
function like(text: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('%')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return regex.test(text.toLowerCase());
}

describe('isConcurrencyError', () => {
  it('has both kinds of sample to test with', () => {
    expect(samples.filter((s) => s.label === 'MATCH').length).toBeGreaterThanOrEqual(5);
    expect(samples.filter((s) => s.label === 'OTHER').length).toBeGreaterThanOrEqual(5);
  });

  it.each(samples.filter((s) => s.label === 'MATCH'))('recognises $text', ({ text }) => {
    expect(isConcurrencyError(text)).toBe(true);
  });

  it.each(samples.filter((s) => s.label === 'OTHER'))('does not mistake $text', ({ text }) => {
    expect(isConcurrencyError(text)).toBe(false);
  });

  it('ignores letter case, extra spacing and client library prefixes', () => {
    expect(isConcurrencyError('System.Net.Mail.SmtpException: CONCURRENT  CONNECTIONS   LIMIT EXCEEDED')).toBe(true);
    expect(isConcurrencyError('MailKit.Net.Smtp.SmtpCommandException: 432 4.3.2 Sender Thread Limit Exceeded')).toBe(true);
  });

  it('does not take 4.3.2 with another reply code, or 432 inside other numbers, for the incident', () => {
    expect(isConcurrencyError('421 4.3.2 Service not available, closing transmission channel')).toBe(false);
    expect(isConcurrencyError('Error sending email 14324.3.2 retry')).toBe(false);
    expect(isConcurrencyError('Order 432 version 4.3.21 shipped')).toBe(false);
  });

  it('every recognised sample passes the SQL prefilter, so the database never drops one', () => {
    for (const { text } of samples.filter((s) => s.label === 'MATCH')) {
      expect(CONCURRENCY_ERROR_LIKE_PATTERNS.some((p) => like(text, p))).toBe(true);
    }
    expect(CONCURRENCY_ERROR_LIKE_PATTERNS.some((p) => like('Concurrent connections limit exceeded', p))).toBe(true);
  });
});
