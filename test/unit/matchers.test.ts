import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCURRENCY_ERROR_LIKE_PATTERNS } from '../../shared/incidents/concurrency-matchers';
import { isConcurrencyError } from '../support/concurrency';
import { CONCURRENCY_MATCHER, CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import { checkMatcherExamples, findMatch, firstMatch, likeAccepts, likePatternsOf, matchesAny, type Matcher } from '../../shared/incidents/matcher';
import { QUOTA_MATCHERS } from '../../shared/incidents/quota-matchers';
import { SMTP_AUTH_MATCHERS } from '../../shared/incidents/smtp-auth-matchers';

/** Every matcher set a playbook will register, by the label its samples carry. */
const SETS: Record<'CONCURRENCY' | 'SMTP-AUTH' | 'QUOTA', readonly Matcher[]> = {
  CONCURRENCY: CONCURRENCY_MATCHERS,
  'SMTP-AUTH': SMTP_AUTH_MATCHERS,
  QUOTA: QUOTA_MATCHERS,
};
const ALL = Object.values(SETS).flat();

function readSamples(file: string) {
  return readFileSync(path.join(__dirname, '../fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [label, text] = line.split('\t');
      return { label: label!, text: text! };
    });
}
const byPlaybook = readSamples('smtp-errors-by-playbook.tsv');
const concurrencySamples = readSamples('smtp-errors.txt');

/** SQL LIKE with % only on the lower-cased text, written independently of the code under test. */
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

describe('registered matchers', () => {
  it.each(ALL.map((m) => ({ id: m.id, matcher: m })))('$id passes its own examples and LIKE check', ({ matcher }) => {
    expect(checkMatcherExamples(matcher)).toEqual([]);
  });

  it('have unique ids, and the SMTP-auth ones one per form', () => {
    expect(new Set(ALL.map((m) => m.id)).size).toBe(ALL.length);
    expect(SMTP_AUTH_MATCHERS.map((m) => m.variant)).toEqual([
      'tenant-disabled',
      'mailbox-disabled',
      'security-defaults',
      'credentials-incorrect',
      'basic-disabled',
      'criteria-not-met',
      'reason-not-given',
      'basic-retired',
      'bad-credentials',
      'not-authenticated',
    ]);
  });

  it('have examples that include every labelled sample of their playbook, and the other labels as texts not to match', () => {
    for (const [label, matchers] of Object.entries(SETS)) {
      const matched = new Set(matchers.flatMap((m) => m.examples.match));
      for (const sample of byPlaybook.filter((s) => s.label === label)) expect(matched.has(sample.text), `${label} examples lack ${sample.text}`).toBe(true);
      for (const matcher of matchers) {
        const notMatched = new Set(matcher.examples.noMatch);
        for (const sample of byPlaybook.filter((s) => s.label !== label))
          expect(notMatched.has(sample.text), `${matcher.id} noMatch lacks ${sample.text}`).toBe(true);
      }
    }
  });

  it('accept exactly the labelled samples of their playbook', () => {
    for (const { label, text } of byPlaybook) {
      for (const [setLabel, matchers] of Object.entries(SETS)) {
        expect(matchesAny(matchers, text), `${setLabel} on ${text}`).toBe(setLabel === label);
      }
    }
  });

  it('have LIKE prefilters that are a superset: every text they accept contains one, lower-cased, % as wildcard', () => {
    for (const matcher of ALL) {
      for (const text of matcher.examples.match) {
        expect(
          matcher.likePatterns.some((p) => like(text, p)),
          `${matcher.id}: ${text}`,
        ).toBe(true);
        expect(
          matcher.likePatterns.some((p) => likeAccepts(text, p)),
          `${matcher.id}: ${text}`,
        ).toBe(true);
      }
    }
    for (const [label, matchers] of Object.entries(SETS)) {
      const prefilter = likePatternsOf(matchers);
      for (const { text } of byPlaybook.filter((s) => s.label === label))
        expect(
          prefilter.some((p) => like(text, p)),
          `${label}: ${text}`,
        ).toBe(true);
    }
  });

  it('keep LIKE patterns lower-case and free of characters engines read differently', () => {
    for (const p of ALL.flatMap((m) => m.likePatterns)) {
      expect(p).toBe(p.toLowerCase());
      expect(p).not.toMatch(/[_[\]\\]/);
    }
  });
});

describe('checkMatcherExamples can fail', () => {
  it('reports a matcher that takes any 4.3.2 for the 432 error', () => {
    const naive: Matcher = { ...CONCURRENCY_MATCHER, id: 'naive', patterns: [/4\.3\.2/] };
    const failures = checkMatcherExamples(naive);
    expect(failures).toContain('Matcher "naive" wrongly matches "Error sending email 6301: 421 4.3.2 Service not available, closing transmission channel".');
    expect(failures).toContain('Matcher "naive" does not match "System.Net.Mail.SmtpException: CONCURRENT  CONNECTIONS   LIMIT EXCEEDED".');
  });

  it('reports a LIKE prefilter that would drop an occurrence', () => {
    const narrow: Matcher = { ...CONCURRENCY_MATCHER, id: 'narrow', likePatterns: ['%432 4.3.2%'] };
    const failures = checkMatcherExamples(narrow);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((f) => f.startsWith('Matcher "narrow": no LIKE pattern lets "'))).toBe(true);
    expect(failures.some((f) => f.includes('Mailbox unavailable. The server response was: 4.3.2 Concurrent'))).toBe(true);
  });

  it('reports LIKE patterns that are not lower-case or use _ [ ] \\, stateful patterns and missing examples', () => {
    const bad: Matcher = {
      id: 'bad',
      label: 'bad',
      patterns: [/limit exceeded/gi],
      examples: { match: [], noMatch: [] },
      likePatterns: ['%LIMIT%', '%[hostname%', '%'],
    };
    expect(checkMatcherExamples(bad)).toEqual([
      'Matcher "bad": pattern /limit exceeded/gi has the g or y flag, which makes it stateful.',
      'Matcher "bad" has no example it must match.',
      'Matcher "bad" has no example it must not match.',
      'Matcher "bad": LIKE pattern "%LIMIT%" is not lower-case.',
      'Matcher "bad": LIKE pattern "%[hostname%" uses _, [, ] or \\, which database engines read differently.',
      'Matcher "bad": LIKE pattern "%" accepts everything.',
    ]);
  });
});

describe('535 5.7.139: each reason its own form, none read as Basic authentication retired (domain.md 4d)', () => {
  it.each([
    ['535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.', 'credentials-incorrect'],
    ['535 5.7.139 Authentication unsuccessful, basic authentication is disabled.', 'basic-disabled'],
    [
      '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
      'criteria-not-met',
    ],
    ['535 5.7.139 Authentication unsuccessful', 'reason-not-given'],
    ['550 5.7.30 Basic authentication is not supported for Client Submission.', 'basic-retired'],
  ])('%s -> %s', (line, variant) => {
    expect(firstMatch(SMTP_AUTH_MATCHERS, line)?.variant).toBe(variant);
  });
});

describe('helpers', () => {
  it('firstMatch returns the most specific matcher of a line two of them accept', () => {
    const line = 'Error sending email 6006: 530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 Authentication unsuccessful';
    expect(SMTP_AUTH_MATCHERS.filter((m) => matchesAny([m], line)).map((m) => m.variant)).toEqual(['reason-not-given', 'not-authenticated']);
    expect(firstMatch(SMTP_AUTH_MATCHERS, line)?.variant).toBe('reason-not-given');
    expect(firstMatch(SMTP_AUTH_MATCHERS, 'Sent.')).toBeUndefined();
  });

  it('findMatch joins neighbouring matches into one range to highlight', () => {
    const line = 'Error sending email 7: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending';
    const m = findMatch(CONCURRENCY_MATCHERS, line)!;
    expect(line.slice(m.start, m.end)).toBe('432 4.3.2 Concurrent connections limit exceeded');
    expect(findMatch(CONCURRENCY_MATCHERS, '421 4.3.2 Service not available')).toBeUndefined();
  });

  it('a pattern with the g flag gives the same answer every time', () => {
    const matcher: Matcher = { ...CONCURRENCY_MATCHER, patterns: [/limit exceeded/gi] };
    for (let i = 0; i < 3; i += 1) expect(matchesAny([matcher], 'Concurrent connections limit exceeded')).toBe(true);
  });

  it('likeAccepts reads % as any run and _ as one character, and nothing else as a wildcard', () => {
    expect(likeAccepts('432 4.3.2 Concurrent Connections', '%4.3.2%')).toBe(true);
    expect(likeAccepts('43242.3.2', '%4.3.2%')).toBe(false);
    expect(likeAccepts('A.B', 'a_b')).toBe(true);
    expect(likeAccepts('a\nb', 'a%b')).toBe(true);
  });
});

describe('isConcurrencyError keeps its behaviour on the matcher', () => {
  /** The patterns as they were before the matcher form. */
  const BEFORE = [/(?:^|[^\d.])432[\s-]+4\.3\.2(?![\d.]*\d)/i, /concurrent\s+connections?\s+limit\s+exceeded/i, /sender\s+thread\s+limit\s+exceeded/i];
  const before = (text: string) => BEFORE.some((p) => p.test(text));

  it('gives the same answer as before on every sample and example', () => {
    const texts = [
      ...concurrencySamples.map((s) => s.text),
      ...byPlaybook.map((s) => s.text),
      ...ALL.flatMap((m) => [...m.examples.match, ...m.examples.noMatch]),
    ];
    const extra = [
      '432 4.3.2',
      '432-4.3.2',
      'x432 4.3.2',
      '1432 4.3.2',
      '.432 4.3.2',
      '432 4.3.2.1',
      '432 4.3.2. next',
      'concurrent\nconnection limit exceeded',
      '\n432\t4.3.2',
    ];
    for (const text of [...texts, ...extra]) expect(isConcurrencyError(text), text).toBe(before(text));
  });

  it('keeps the two LIKE patterns the error-log query binds', () => {
    expect([...CONCURRENCY_ERROR_LIKE_PATTERNS]).toEqual(['%4.3.2%', '%limit%exceeded%']);
    expect(CONCURRENCY_MATCHER.likePatterns).toEqual(CONCURRENCY_ERROR_LIKE_PATTERNS);
  });
});
