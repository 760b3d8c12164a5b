import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCURRENCY_MATCHERS } from '../../shared/incidents/concurrency-matchers';
import { checkMatcherExamples, firstMatch, likeAccepts, likePatternsOf, matchesAny, type Matcher } from '../../shared/incidents/matcher';
import { QUOTA_MATCHERS } from '../../shared/incidents/quota-matchers';
import { SEND_AS_MATCHERS } from '../../shared/incidents/send-as-matchers';
import { SMTP_AUTH_MATCHERS } from '../../shared/incidents/smtp-auth-matchers';
import { SMTP_CONNECTION_MATCHERS } from '../../shared/incidents/smtp-connection-matchers';

/** The five playbooks' matchers by the label their samples carry. */
const SETS: Record<string, readonly Matcher[]> = {
  CONCURRENCY: CONCURRENCY_MATCHERS,
  'SMTP-AUTH': SMTP_AUTH_MATCHERS,
  QUOTA: QUOTA_MATCHERS,
  'SEND-AS': SEND_AS_MATCHERS,
  'SMTP-CONNECTION': SMTP_CONNECTION_MATCHERS,
};
const NEW = [...SEND_AS_MATCHERS, ...SMTP_CONNECTION_MATCHERS];

const byPlaybook = readFileSync(path.join(__dirname, '../fixtures/smtp-errors-by-playbook.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [label, text] = line.split('\t');
    return { label: label!, text: text! };
  });

describe('Send As and SMTP connection matchers', () => {
  it.each(NEW.map((m) => ({ id: m.id, matcher: m })))('$id passes its own examples and LIKE check', ({ matcher }) => {
    expect(checkMatcherExamples(matcher)).toEqual([]);
  });

  it('one matcher per form, ids unique across all five playbooks', () => {
    expect(SEND_AS_MATCHERS.map((m) => m.variant)).toEqual(['throttled', 'send-as-denied', 'no-permission']);
    expect(SMTP_CONNECTION_MATCHERS.map((m) => m.variant)).toEqual([
      'tls-legacy',
      'starttls-required',
      'socket-error',
      'auth-mechanism',
      'certificate',
      'transport-closed',
      'unreachable',
      'timeout',
    ]);
    const all = Object.values(SETS).flat();
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  });

  it('every labelled sample is accepted by its own playbook only, across the five', () => {
    for (const { label, text } of byPlaybook) {
      for (const [setLabel, matchers] of Object.entries(SETS)) expect(matchesAny(matchers, text), `${setLabel} on ${text}`).toBe(setLabel === label);
    }
    expect(byPlaybook.filter((s) => s.label === 'SEND-AS').length).toBeGreaterThanOrEqual(3);
    expect(byPlaybook.filter((s) => s.label === 'SMTP-CONNECTION').length).toBeGreaterThanOrEqual(8);
  });

  it('the examples hold the labelled samples, and the other playbooks’ samples as texts not to match', () => {
    for (const label of ['SEND-AS', 'SMTP-CONNECTION']) {
      const matchers = SETS[label]!;
      const matched = new Set(matchers.flatMap((m) => m.examples.match));
      for (const s of byPlaybook.filter((x) => x.label === label)) expect(matched.has(s.text), `${label} examples lack ${s.text}`).toBe(true);
      for (const m of matchers) for (const s of byPlaybook.filter((x) => x.label !== label)) expect(m.examples.noMatch, m.id).toContain(s.text);
    }
  });

  it('the LIKE prefilter lets every sample of the playbook through', () => {
    for (const label of ['SEND-AS', 'SMTP-CONNECTION']) {
      const prefilter = likePatternsOf(SETS[label]!);
      for (const { text } of byPlaybook.filter((s) => s.label === label))
        expect(
          prefilter.some((p) => likeAccepts(text, p)),
          text,
        ).toBe(true);
    }
  });

  it('tells the throttled mailbox from the denial itself, though both carry 5.2.252', () => {
    expect(firstMatch(SEND_AS_MATCHERS, '550 5.2.252 Sender throttled due to continuous send as denied errors.')?.variant).toBe('throttled');
    expect(firstMatch(SEND_AS_MATCHERS, '554 5.2.252 SendAsDenied; a@x.com not allowed to send as b@x.com')?.variant).toBe('send-as-denied');
    expect(firstMatch(SEND_AS_MATCHERS, '550 5.7.600 Access denied')).toBeUndefined();
  });

  it('takes .NET network and certificate words as email errors only beside an email or SMTP word', () => {
    for (const text of [
      'Error executing request https://api.fabrikam.com/orders: Unable to connect to the remote server',
      'The remote certificate is invalid according to the validation procedure. (REST method GetOrders)',
      'Error creating Email. The operation has timed out',
    ])
      expect(matchesAny(SMTP_CONNECTION_MATCHERS, text), text).toBe(false);
    expect(firstMatch(SMTP_CONNECTION_MATCHERS, 'Error sending email 9: Unable to connect to the remote server')?.variant).toBe('unreachable');
  });

  it('reads 451 5.7.3 as STARTTLS required and leaves 535 5.7.3 to SMTP authentication', () => {
    expect(firstMatch(SMTP_CONNECTION_MATCHERS, '451 5.7.3 STARTTLS is required to send mail')?.variant).toBe('starttls-required');
    expect(matchesAny(SMTP_CONNECTION_MATCHERS, '535 5.7.3 Authentication unsuccessful')).toBe(false);
    expect(matchesAny(SMTP_AUTH_MATCHERS, '451 5.7.3 STARTTLS is required to send mail')).toBe(false);
  });
});
