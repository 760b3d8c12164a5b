import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toReportInput } from '../../electron/services/sessions/report-input';
import { concurrencyPlaybook } from '../../shared/playbooks/concurrency';
import { quotaPlaybook } from '../../shared/playbooks/quota';
import { sendAsPlaybook } from '../../shared/playbooks/send-as';
import { smtpAuthPlaybook } from '../../shared/playbooks/smtp-auth';
import { smtpConnectionPlaybook } from '../../shared/playbooks/smtp-connection';
import { buildReport } from '../../shared/report/build';
import { renderReportHtml } from '../../shared/report/html';
import { renderReportMarkdown } from '../../shared/report/markdown';
import { SOURCE_LEADS } from '../../shared/wizard/provenance';
import type { Playbook } from '../../shared/wizard/playbook';
import { concurrency, connection, LOGIN, MAILBOX, OUTCOME_CASES, quota, sendAs, smtpAuth } from '../support/outcome-cases';
import { walkOffline, WALK_START, type WalkScript } from '../support/walk';

/**
 * Every playbook reaches every outcome it can have, offline, through the same engine, and its
 * report states that outcome, its criteria and its follow-ups in words for the customer.
 */

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
  it.each(OUTCOME_CASES)('%s', (_name, playbook, script, outcome) => {
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

  it('the legacy TLS endpoint leaves TLS 1.2 on the front-ends as the follow-up, with who does it', () => {
    const { model } = reportOf(smtpConnectionPlaybook, connection('stop-gap', {}));
    expect(model.outcome.fixes).toEqual([expect.objectContaining({ lasting: false })]);
    expect(model.outcome.followUps).toEqual([
      {
        action: expect.stringMatching(/^TLS 1\.2 enabled for \.NET .* on every front-end that sends email/),
        owner: "The OutSystems platform team and the customer's network or server admins",
        notBefore: null,
      },
    ]);
  });

  it('Send As: the report names both addresses and the throttling', () => {
    const { model } = reportOf(sendAsPlaybook, sendAs({}));
    expect(model.summary).toContain(`The platform logs in as ${LOGIN} but sends as ${MAILBOX}`);
    expect(model.summary).toContain('The mailbox is throttled as well');
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

  it.each(OUTCOME_CASES)('%s: no word addressed to the app’s user, no raw key', (_name, playbook, script) => {
    const { html, markdown } = reportOf(playbook, script);
    for (const text of [html, markdown]) {
      const lower = text.toLowerCase();
      for (const phrase of [...labels, ...ADDRESSED_TO_THE_USER]) expect(lower, `report contains "${phrase}"`).not.toContain(phrase.toLowerCase());
    }
  });

  it.each(OUTCOME_CASES)('%s: every "Source" line says where its fact came from', (_name, playbook, script) => {
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
