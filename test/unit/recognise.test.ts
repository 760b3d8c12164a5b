import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import { QUOTA_MATCHERS } from '../../shared/incidents/quota-matchers';
import { RECOGNISE_MAX_CHARS, RECOGNISE_MAX_LINES, recogniseText, type RecogniseCandidate } from '../../shared/incidents/recognise';
import { SEND_AS_MATCHERS } from '../../shared/incidents/send-as-matchers';
import { SMTP_AUTH_MATCHERS } from '../../shared/incidents/smtp-auth-matchers';
import { SMTP_CONNECTION_MATCHERS } from '../../shared/incidents/smtp-connection-matchers';

type Label = 'CONCURRENCY' | 'SMTP-AUTH' | 'QUOTA' | 'SEND-AS' | 'SMTP-CONNECTION' | 'NONE';
const LABELS: readonly Label[] = ['CONCURRENCY', 'SMTP-AUTH', 'QUOTA', 'SEND-AS', 'SMTP-CONNECTION', 'NONE'];

const samples = readFileSync(path.join(__dirname, '../fixtures/smtp-errors-by-playbook.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [label, text] = line.split('\t');
    return { label: label as Label, text: text! };
  });

const CONCURRENCY_TITLE = '432 4.3.2 Concurrent connections limit exceeded';
const AUTH_TITLE = 'SMTP authentication refused';
const QUOTA_TITLE = 'Daily recipient quota exceeded';
const SEND_AS_TITLE = 'Send As denied';
const CONNECTION_TITLE = 'SMTP connection and TLS';

/** The candidates as the playbooks will register them; ids are the samples' labels here. */
const candidates: RecogniseCandidate[] = [
  { id: 'CONCURRENCY', title: CONCURRENCY_TITLE, matchers: CONCURRENCY_MATCHERS },
  { id: 'SMTP-AUTH', title: AUTH_TITLE, matchers: SMTP_AUTH_MATCHERS },
  { id: 'QUOTA', title: QUOTA_TITLE, matchers: QUOTA_MATCHERS },
  { id: 'SEND-AS', title: SEND_AS_TITLE, matchers: SEND_AS_MATCHERS },
  { id: 'SMTP-CONNECTION', title: CONNECTION_TITLE, matchers: SMTP_CONNECTION_MATCHERS },
];
const TITLES: Partial<Record<Label, string>> = { 'SMTP-AUTH': AUTH_TITLE, 'SEND-AS': SEND_AS_TITLE, 'SMTP-CONNECTION': CONNECTION_TITLE };

/** The form of each SMTP-AUTH sample, by its (made-up) email id. */
const AUTH_VARIANTS: Record<string, string> = {
  '6001': 'tenant-disabled',
  '6003': 'mailbox-disabled',
  '6004': 'security-defaults',
  '6005': 'basic-retired',
  '6002': 'bad-credentials',
  '6011': 'credentials-incorrect',
  '6012': 'basic-disabled',
  '6013': 'criteria-not-met',
  '6010': 'reason-not-given',
  // 530 5.7.57 carrying "535 5.7.139 Authentication unsuccessful": the 5.7.139 answer is the more specific.
  '6006': 'reason-not-given',
  '6007': 'not-authenticated',
  // Send As denied.
  '7001': 'no-permission',
  '7002': 'send-as-denied',
  '6200': 'throttled',
  // SMTP connection and TLS.
  '7101': 'tls-legacy',
  '7102': 'starttls-required',
  '7103': 'socket-error',
  '7104': 'auth-mechanism',
  '7105': 'certificate',
  '7106': 'transport-closed',
  '6400': 'unreachable',
  '7108': 'timeout',
};
const emailId = (text: string) => /Error sending email (\d+)/.exec(text)?.[1] ?? '';

/** The nearest known text for each NONE sample, by its email id (the last one has no id). */
const NEAREST: Record<string, string> = {
  '6100': '554 5.2.2 mailbox full',
  '6300': '421 4.7.0 Temporary server error',
  '6301': '421 4.3.2 Service not available',
  '6302': '451 4.7.500 Server busy',
  '6303': '550 5.7.708 Access denied, traffic not accepted from this IP',
  '': 'The operation has timed out',
};

describe('recogniseText: the labelled samples', () => {
  it('has samples of every label, and every form of the Send As and connection playbooks', () => {
    const formsOf = (label: Label) => [...new Set(samples.filter((s) => s.label === label).map((s) => AUTH_VARIANTS[emailId(s.text)]))].sort();
    expect(formsOf('SEND-AS')).toEqual(['no-permission', 'send-as-denied', 'throttled']);
    expect(formsOf('SMTP-CONNECTION')).toEqual([
      'auth-mechanism',
      'certificate',
      'socket-error',
      'starttls-required',
      'timeout',
      'tls-legacy',
      'transport-closed',
      'unreachable',
    ]);
  });

  it('has samples of every label, and every SMTP-AUTH variant', () => {
    for (const label of LABELS) {
      expect(samples.filter((s) => s.label === label).length).toBeGreaterThanOrEqual(2);
    }
    const variants = new Set(samples.filter((s) => s.label === 'SMTP-AUTH').map((s) => AUTH_VARIANTS[emailId(s.text)]));
    expect([...variants].sort()).toEqual([
      'bad-credentials',
      'basic-disabled',
      'basic-retired',
      'credentials-incorrect',
      'criteria-not-met',
      'mailbox-disabled',
      'not-authenticated',
      'reason-not-given',
      'security-defaults',
      'tenant-disabled',
    ]);
  });

  it.each(samples.filter((s) => s.label !== 'NONE'))('$label recognises only it: $text', ({ label, text }) => {
    const { results, nearest, message } = recogniseText(text, candidates);
    expect(results.map((r) => r.id)).toEqual([label]);
    const [result] = results;
    expect(result!.lines).toBe(1);
    expect(result!.firstLine).toMatchObject({ index: 0, text });
    expect(result!.firstLine.end).toBeGreaterThan(result!.firstLine.start);
    expect(nearest).toEqual([]);
    expect(message).toMatch(/^Recognised: /);
    const title = TITLES[label];
    if (title) {
      const variant = AUTH_VARIANTS[emailId(text)];
      expect(variant, `no expected variant for ${text}`).toBeDefined();
      expect(result!.variants).toEqual({ [variant!]: 1 });
      expect(message).toBe(`Recognised: ${title} (1 line: 1 ${variant}).`);
    } else {
      expect(result!.variants).toEqual({});
    }
  });

  it.each(samples.filter((s) => s.label === 'NONE'))('no playbook recognises $text, and the nearest known text is named', ({ text }) => {
    const { results, nearest, message } = recogniseText(text, candidates);
    expect(results).toEqual([]);
    const expected = NEAREST[emailId(text)];
    expect(expected, `no expected nearest text for ${text}`).toBeDefined();
    expect(nearest[0]?.text).toBe(expected);
    expect(message).toBe(`This text matches no playbook the app knows. ${nearest.map((n) => `${n.text} ${n.meaning}`).join(' ')}`);
  });

  it('recognises the samples whatever the letter case and the client library prefix', () => {
    for (const { label, text } of samples.filter((s) => s.label !== 'NONE')) {
      const body = text.replace(/^Error sending email \d+: /i, '');
      for (const variant of [
        text.toUpperCase(),
        text.toLowerCase(),
        `System.Net.Mail.SmtpException: Mailbox unavailable. The server response was: ${body}`,
        `MailKit.Net.Smtp.SmtpCommandException: ${body}`,
      ]) {
        expect(
          recogniseText(variant, candidates).results.map((r) => r.id),
          variant,
        ).toEqual([label]);
      }
    }
  });
});

describe('recogniseText: a whole log excerpt', () => {
  const tenant = samples.find((s) => emailId(s.text) === '6001')!.text;
  const retired = samples.find((s) => emailId(s.text) === '6005')!.text;
  const concurrency = samples.find((s) => s.label === 'CONCURRENCY')!.text;
  const excerpt = [
    '2026-12-01 08:00:01 Scheduler Service started',
    `2026-12-01 08:00:05 ${tenant}`,
    '',
    `2026-12-01 08:00:09 ${concurrency}`,
    `2026-12-01 08:01:00 ${retired}`,
    `2026-12-01 08:02:00 ${tenant}`,
    '2026-12-01 08:03:00 Error sending email 6300: 421 4.7.0 Temporary server error. Please try again later',
  ].join('\r\n');

  it('counts the lines of each playbook by form, best first, in one sentence', () => {
    const { results, message, nearest, cut } = recogniseText(excerpt, candidates);
    expect(results.map((r) => [r.id, r.lines, r.variants])).toEqual([
      ['SMTP-AUTH', 3, { 'tenant-disabled': 2, 'basic-retired': 1 }],
      ['CONCURRENCY', 1, {}],
    ]);
    expect(message).toBe(`Recognised: ${AUTH_TITLE} (3 lines: 2 tenant-disabled, 1 basic-retired); ${CONCURRENCY_TITLE} (1 line).`);
    expect(nearest).toEqual([]);
    expect(cut).toBeNull();
  });

  it('gives the first matching line of each, with the range to highlight', () => {
    const { results } = recogniseText(excerpt, candidates);
    const auth = results.find((r) => r.id === 'SMTP-AUTH')!.firstLine;
    expect(auth.index).toBe(1);
    expect(auth.text).toBe(`2026-12-01 08:00:05 ${tenant}`);
    expect(auth.text.slice(auth.start, auth.end)).toBe('SmtpClientAuthentication is disabled for the Tenant');
    const conc = results.find((r) => r.id === 'CONCURRENCY')!.firstLine;
    expect(conc.index).toBe(3); // the empty line counts: indexes are the pasted text's
    expect(conc.text.slice(conc.start, conc.end)).toBe('432 4.3.2 Concurrent connections limit exceeded');
  });

  it('highlights the 5.7.139 answer of a 530 5.7.57 line, the form it is counted as', () => {
    const line = samples.find((s) => emailId(s.text) === '6006')!.text;
    const { firstLine } = recogniseText(line, candidates).results[0]!;
    expect(firstLine.text.slice(firstLine.start, firstLine.end)).toBe('535 5.7.139');
  });

  it('breaks ties in lines by the earliest first line, whatever the candidates order', () => {
    const quota = samples.find((s) => s.label === 'QUOTA')!.text;
    const text = `${quota}\n${concurrency}\n`;
    expect(recogniseText(text, candidates).results.map((r) => r.id)).toEqual(['QUOTA', 'CONCURRENCY']);
    expect(recogniseText(text, [...candidates].reverse()).results.map((r) => r.id)).toEqual(['QUOTA', 'CONCURRENCY']);
  });

  it('reads Unix, Windows and old Mac line breaks alike', () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const { results } = recogniseText(['noise', concurrency, retired].join(br), candidates);
      expect(results.map((r) => [r.id, r.firstLine.index, r.firstLine.text])).toEqual([
        ['CONCURRENCY', 1, concurrency],
        ['SMTP-AUTH', 2, retired],
      ]);
    }
  });

  it('prints counts over 999 with thousands separators', () => {
    const text = Array.from({ length: 1200 }, (_, i) => `Error sending email ${i}: 432 4.3.2 Concurrent connections limit exceeded`).join('\n');
    const { results, message } = recogniseText(text, candidates);
    expect(results[0]!.lines).toBe(1200);
    expect(message).toBe(`Recognised: ${CONCURRENCY_TITLE} (1,200 lines).`);
  });
});

describe('recogniseText: nothing recognised', () => {
  it('explains a 4.3.2 without 432 as the transient 421, not the connection limit', () => {
    for (const text of [
      'Error sending email 6301: 421 4.3.2 Service not available, closing transmission channel',
      'The server response was: 4.3.2 try again',
    ]) {
      const { results, nearest, message } = recogniseText(text, candidates);
      expect(results).toEqual([]);
      expect(nearest[0]!.text).toBe('421 4.3.2 Service not available');
      expect(nearest[0]!.meaning).toMatch(/^is a different, transient error: Exchange closed the connection; it is not the 432 connection limit/);
      expect(message.startsWith('This text matches no playbook the app knows. 421 4.3.2 Service not available is a different, transient error')).toBe(true);
    }
  });

  it('does not take a full mailbox for the daily recipient quota', () => {
    const { results, nearest } = recogniseText(
      '554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
      candidates,
    );
    expect(results).toEqual([]);
    expect(nearest.map((n) => n.text)).toEqual(['554 5.2.2 mailbox full']);
    expect(nearest[0]!.meaning).toContain('not the daily recipient quota');
  });

  it('names every known text an excerpt points to, the most pointed to first, at most three', () => {
    const text = [
      '451 4.7.500 Server busy. Please try again later.',
      '550 5.7.708 Access denied, traffic not accepted from this IP',
      'Unable to connect to the remote server',
      'The operation has timed out',
    ].join('\n');
    const { nearest } = recogniseText(text, candidates);
    expect(nearest.map((n) => n.text)).toEqual([
      '550 5.7.708 Access denied, traffic not accepted from this IP',
      '451 4.7.500 Server busy',
      'Unable to connect to the remote server',
    ]);
  });

  it('says so in a generic sentence when no known text is near', () => {
    const { results, nearest, message } = recogniseText("Timer 'SendDailyDigest' took more than 20 minutes to execute and was aborted", candidates);
    expect(results).toEqual([]);
    expect(nearest).toEqual([]);
    expect(message).toBe(
      'This text matches no playbook the app knows. It is none of the other Exchange Online errors the app can explain either. Pick a playbook yourself, or check the full error in Service Center.',
    );
  });

  it('asks for a text when there is none', () => {
    for (const text of ['', '  \n\t\r\n']) {
      expect(recogniseText(text, candidates)).toEqual({ results: [], message: 'Paste the error text first.', nearest: [], cut: null });
    }
  });

  it('recognises nothing with no candidates, and does not explain a 432 away as the 421', () => {
    const { results, nearest } = recogniseText('432 4.3.2 Concurrent connections limit exceeded', []);
    expect(results).toEqual([]);
    expect(nearest).toEqual([]);
  });
});

describe('recogniseText: bounds', () => {
  const hit = 'Error sending email 1: 432 4.3.2 Concurrent connections limit exceeded';

  it(`reads at most ${RECOGNISE_MAX_LINES} lines and says so`, () => {
    const lines = Array.from({ length: RECOGNISE_MAX_LINES + 1 }, (_, i) => `line ${i}`);
    lines[RECOGNISE_MAX_LINES - 1] = hit;
    lines[RECOGNISE_MAX_LINES] = 'Error sending email 2: 535 5.7.3 Authentication unsuccessful';
    const { results, message, cut } = recogniseText(`${lines.join('\n')}\n`, candidates);
    expect(results.map((r) => [r.id, r.firstLine.index])).toEqual([['CONCURRENCY', RECOGNISE_MAX_LINES - 1]]);
    expect(cut).toMatchObject({ bound: 'lines', linesRead: 5000, linesTotal: 5001 });
    expect(message).toBe(`Recognised: ${CONCURRENCY_TITLE} (1 line). The text has 5,001 lines; only the first 5,000 were read.`);
  });

  it('is not cut at exactly the line bound, with or without a final line break', () => {
    const text = Array.from({ length: RECOGNISE_MAX_LINES }, () => '432 4.3.2').join('\n');
    for (const t of [text, `${text}\n`]) {
      const { results, cut } = recogniseText(t, candidates);
      expect(cut).toBeNull();
      expect(results[0]!.lines).toBe(RECOGNISE_MAX_LINES);
    }
  });

  it(`reads at most ${RECOGNISE_MAX_CHARS.toLocaleString('en')} characters, leaving out the line the bound cuts`, () => {
    // The bound falls inside "432 4.3.21": read up to it, the cut line would look like the 432 error.
    const first = `${'x'.repeat(RECOGNISE_MAX_CHARS - 10)}\n`;
    const text = `${first}432 4.3.21 build finished\n${hit}\n`;
    expect(text.slice(0, RECOGNISE_MAX_CHARS).endsWith('432 4.3.2')).toBe(true);
    const { results, cut, message } = recogniseText(text, candidates);
    expect(results).toEqual([]);
    expect(cut).toEqual({ bound: 'characters', linesRead: 1, linesTotal: 3, charactersRead: RECOGNISE_MAX_CHARS - 10, charactersTotal: text.length });
    expect(message).toMatch(/The text is 100,0\d\d characters long; only the first 99,990 characters \(1 line\) were read\.$/);
  });

  it('keeps the last line whole when the character bound falls on its line break', () => {
    const first = `${'x'.repeat(RECOGNISE_MAX_CHARS - hit.length - 1)}\n`;
    const text = `${first}${hit}\nmore text after the bound`;
    expect(text.charAt(RECOGNISE_MAX_CHARS)).toBe('\n');
    const { results, cut } = recogniseText(text, candidates);
    expect(results.map((r) => [r.id, r.firstLine.index])).toEqual([['CONCURRENCY', 1]]);
    expect(cut).toMatchObject({ bound: 'characters', linesRead: 2, charactersRead: RECOGNISE_MAX_CHARS });
  });

  it('reads the start of a single line longer than the bound', () => {
    const text = `${hit} ${'y'.repeat(RECOGNISE_MAX_CHARS)}`;
    const { results, cut } = recogniseText(text, candidates);
    expect(results.map((r) => r.id)).toEqual(['CONCURRENCY']);
    expect(cut).toMatchObject({ bound: 'characters', linesRead: 1, linesTotal: 1, charactersRead: RECOGNISE_MAX_CHARS });
  });

  it('reads a full-size excerpt of look-alike numbers in bounded time', () => {
    const line = '4.3.2.4.3.2 432 5.7.139.5.7.3 535-5.7.30.5.1.90 530 5.7.57.';
    const text = Array.from({ length: RECOGNISE_MAX_LINES }, () => line)
      .join('\n')
      .slice(0, RECOGNISE_MAX_CHARS);
    const started = performance.now();
    recogniseText(text, candidates);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
