import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toReportInput } from '../../electron/services/sessions/report-input';
import { concurrencyPlaybook } from '../../shared/playbooks/concurrency';
import { quotaPlaybook } from '../../shared/playbooks/quota';
import { smtpAuthPlaybook } from '../../shared/playbooks/smtp-auth';
import { buildReport } from '../../shared/report/build';
import { renderReportHtml } from '../../shared/report/html';
import { renderReportMarkdown } from '../../shared/report/markdown';
import { SOURCE_LEADS } from '../../shared/wizard/provenance';
import type { Playbook, SessionOutcome } from '../../shared/wizard/types';
import { walkOffline, WALK_START, type WalkScript } from '../support/walk';

/**
 * Every playbook reaches every outcome it can have, offline, through the same engine, and its
 * report states that outcome, its criteria and its follow-ups in words for the customer.
 */

const MAILBOX = 'noreply@fabrikam.com';
const SERVERS = [
  { name: 'FE01', sendsEmail: true, zone: 'Global', active: true },
  { name: 'FE02', sendsEmail: true, zone: 'Global', active: true },
];

const concurrency = (after: WalkScript['after'], extra: Partial<WalkScript> = {}): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 84 },
    servers: { servers: SERVERS },
    threads: { 'threads.global': 2, 'threads.hosts': {} },
    mailbox: { mailbox: MAILBOX, 'mailbox.others': [{ name: 'Fabrikam QA', servers: 1, threads: 1 }] },
  },
  fix: { note: 'Scheduler.NumberOfThreadsForEmails set to 1 in Factory Configuration' },
  after: { 'after.threads.global': 1, 'after.servers': SERVERS, 'after.errors.count': 0, 'after.emails.sent': 40, ...after },
  ...extra,
});

const TENANT_FORM = '535 5.7.139: SMTP AUTH is disabled for the tenant';
const smtpAuth = (option: string, after: WalkScript['after']): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 64, 'symptom.form': TENANT_FORM },
    platform: { 'platform.version': '11.38.0' },
    smtp: { 'smtp.server': 'smtp.office365.com', 'smtp.auth': 'Basic' },
    mailbox: { mailbox: MAILBOX, 'tenant.securityDefaults': 'No' },
  },
  fix: { note: option === 'stop-gap' ? 'SMTP AUTH turned back on for the tenant; OAuth 2.0 planned' : 'The platform sends with OAuth 2.0', option },
  after: { 'after.errors.count': 0, 'after.emails.sent': 12, ...after },
});

const quota = (after: WalkScript['after'], completeAfterMinutes = 10): WalkScript => ({
  answers: {
    symptom: { 'errors.count': 40, 'queue.failing': 25, 'queue.abandoned': 12 },
    volume: { 'volume.recipients': 12_383 },
    mailbox: { mailbox: MAILBOX, 'mailbox.others': [] },
  },
  fix: { note: 'The newsletter moved to a bulk email service' },
  after: { 'after.errors.count': 0, 'after.queue.failing': 0, 'after.emails.sent': 30, 'after.volume.recipients': 12_383, ...after },
  completeAfterMinutes,
});

const CASES: Array<[string, Playbook, WalkScript, SessionOutcome]> = [
  ['432: resolved', concurrencyPlaybook, concurrency({}), 'resolved'],
  ['432: not yet verified (too little traffic)', concurrencyPlaybook, concurrency({ 'after.emails.sent': 2 }), 'applied-not-verified'],
  ['432: not resolved (432s since the restart)', concurrencyPlaybook, concurrency({ 'after.errors.count': 5 }), 'not-resolved'],
  [
    '432: no change needed (within the limit)',
    concurrencyPlaybook,
    concurrency(
      {},
      {
        answers: { ...concurrency({}).answers, threads: { 'threads.global': 1, 'threads.hosts': {} }, mailbox: { mailbox: MAILBOX, 'mailbox.others': [] } },
        stopAtDiagnosis: true,
      },
    ),
    'within-limit-other-cause',
  ],
  ['SMTP AUTH: resolved (OAuth 2.0)', smtpAuthPlaybook, smtpAuth('lasting', {}), 'resolved'],
  ['SMTP AUTH: mitigated (SMTP AUTH back on)', smtpAuthPlaybook, smtpAuth('stop-gap', {}), 'mitigated'],
  ['SMTP AUTH: not yet verified (no email sent)', smtpAuthPlaybook, smtpAuth('lasting', { 'after.emails.sent': 0 }), 'applied-not-verified'],
  ['SMTP AUTH: not resolved (errors since the fix)', smtpAuthPlaybook, smtpAuth('lasting', { 'after.errors.count': 7 }), 'not-resolved'],
  ['quota: not yet verified (still over, the 24 h not passed)', quotaPlaybook, quota({}), 'applied-not-verified'],
  ['quota: resolved (the 24 h after the fix passed)', quotaPlaybook, quota({}, 25 * 60), 'resolved'],
  ['quota: resolved (counted within the quota now)', quotaPlaybook, quota({ 'after.volume.recipients': 8_000 }), 'resolved'],
  ['quota: not resolved (554 5.2.0 since the fix)', quotaPlaybook, quota({ 'after.errors.count': 3 }), 'not-resolved'],
];

function reportOf(playbook: Playbook, script: WalkScript) {
  const session = walkOffline(playbook, script);
  const model = buildReport(toReportInput(session, playbook, session.completedAt!), { engineerName: 'Ana Souza', generatedAt: session.completedAt! });
  return { session, model, html: renderReportHtml(model, { pageSize: 'A4' }), markdown: renderReportMarkdown(model) };
}

/** Every visible button and label of the pages: words addressed to the app's user, which a customer's report must not carry. */
function pageLabels(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.tsx')) files.push(file);
    }
  };
  walk(path.join(__dirname, '../../renderer/src'));
  const labels = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/>\s*([A-Z][A-Za-z ,'’…]+?)\s*<\/(button|label|legend)>/g)) labels.add(m[1]!.replace(/…$/, '').trim());
  }
  // Two words at least: a single word ("Open") is ordinary prose; so is an answer the report quotes as a fact.
  return [...labels].filter((l) => l.split(/\s+/).length >= 2 && !PROSE.has(l));
}

/** Labels that are also plain statements of fact in a report ("… no other sender, as the engineer said"). */
const PROSE = new Set(['No other sender', 'Give it']);

const ADDRESSED_TO_THE_USER = [
  'while the page is open',
  'type in',
  'record here',
  'i applied it myself',
  'click',
  'recipientColumns',
  'No change plan was chosen',
];

describe('every playbook reaches each outcome it can have, decided by the engine', () => {
  it.each(CASES)('%s', (_name, playbook, script, outcome) => {
    const { session, model, markdown } = reportOf(playbook, script);
    expect(session.status).toBe(outcome);
    expect(model.header.outcome).toBe(outcome);
    expect(markdown).toContain(`**${model.header.outcomeLabel}.** ${model.outcome.meaning}`);
    if (outcome !== 'within-limit-other-cause') expect(model.outcome.criteria.length).toBeGreaterThan(0);
    if (outcome === 'mitigated' || outcome === 'applied-not-verified') {
      expect(model.outcome.followUps.length).toBeGreaterThan(0);
      expect(markdown).toContain('## Follow-ups');
    }
    if (outcome === 'resolved') expect(model.outcome.followUps).toEqual([]);
  });

  it('a stop-gap leaves the lasting fix as a follow-up, with who does it', () => {
    const { model } = reportOf(smtpAuthPlaybook, smtpAuth('stop-gap', {}));
    expect(model.outcome.fixes).toEqual([expect.objectContaining({ lasting: false })]);
    expect(model.outcome.followUps).toEqual([
      { action: expect.stringMatching(/OAuth 2\.0/), owner: "The customer's Microsoft 365 admin and the OutSystems platform team", notBefore: null },
    ]);
  });

  it('the quota checked in the same minute as the fix says until when, never "Resolved"', () => {
    const { model } = reportOf(quotaPlaybook, quota({}));
    const window = model.outcome.criteria.find((c) => c.label === 'The mailbox back within the daily recipient quota')!;
    expect(window).toMatchObject({ state: 'watching', result: 'Not yet' });
    expect(window.until).toBe(new Date(Date.parse(model.outcome.fixTakenEffectAt!) + 24 * 3_600_000).toISOString());
  });

  it('credits each sender with its own connections: PRD 4 and QA 1, never PRD 5', () => {
    const { model } = reportOf(concurrencyPlaybook, concurrency({}));
    expect(model.summary).toContain('Fabrikam PRD opened 4 of the 5 concurrent connections to the mailbox noreply@fabrikam.com, together with Fabrikam QA (1)');
  });

  it('says what happens to the emails that failed and were abandoned', () => {
    const { model } = reportOf(quotaPlaybook, quota({}));
    expect(model.emails?.statement).toMatch(/^12 emails were abandoned .*will not send them again.* 25 emails are still failing/);
  });

  it('the fix time is the one the engineer gave, shown in the report', () => {
    const { model, session } = reportOf(concurrencyPlaybook, concurrency({}));
    expect(model.outcome.fixTakenEffectAt).toBe(
      session.restart
        .map((r) => r.at)
        .sort()
        .at(-1),
    );
    expect(Date.parse(model.outcome.fixTakenEffectAt!)).toBeGreaterThan(Date.parse(WALK_START));
  });
});

describe('the report the engineer signs', () => {
  const labels = pageLabels();

  it('the pages have labels to check against', () => {
    expect(labels).toEqual(expect.arrayContaining(['Verify now', 'Record what I applied', 'Reopen session', 'Which fix was made']));
  });

  it.each(CASES)('%s: no word addressed to the app’s user, no raw key', (_name, playbook, script) => {
    const { html, markdown } = reportOf(playbook, script);
    for (const text of [html, markdown]) {
      const lower = text.toLowerCase();
      for (const phrase of [...labels, ...ADDRESSED_TO_THE_USER]) expect(lower, `report contains "${phrase}"`).not.toContain(phrase.toLowerCase());
    }
  });

  it.each(CASES)('%s: every "Source" line says where its fact came from', (_name, playbook, script) => {
    const { session, model } = reportOf(playbook, script);
    const byLabel = new Map(session.facts.map((f) => [f.key, f]));
    expect(model.findings.length).toBe(session.facts.length);
    model.findings.forEach((finding, i) => {
      const fact = [...byLabel.values()][i]!;
      expect(finding.source.source.startsWith(SOURCE_LEADS[fact.source])).toBe(true);
    });
    if (model.symptom) expect(model.symptom.source.source).toMatch(/^Typed in by the engineer/);
  });
});
