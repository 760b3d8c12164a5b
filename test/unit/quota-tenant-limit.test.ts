import { describe, expect, it } from 'vitest';
import { QUOTA_TENANT_TEXTS } from '../../shared/incidents/example-texts';
import { firstMatch } from '../../shared/incidents/matcher';
import { QUOTA_MATCHERS } from '../../shared/incidents/quota-matchers';
import { quotaPlaybook as playbook } from '../../shared/playbooks/quota';
import { contextOf } from '../../shared/wizard/context';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { offlineEnvironment } from '../support/environment';
import type { EnvironmentSnapshot, FactValue, Session } from '../../shared/wizard/session';

const environment = offlineEnvironment();

/** An offline session from a pasted error, each step answered as far as the engineer knows, up to the fix. */
function walk(pasted: string, hosting: EnvironmentSnapshot['hosting'] = 'self-managed', volume?: Record<string, FactValue>): Session {
  let t = Date.parse('2026-12-01T08:00:00Z');
  const at = () => new Date((t += 60_000)).toISOString();
  let s = createSession({ id: 'q1', playbook, environment: { ...environment, hosting }, offline: true, now: at(), pastedError: pasted });
  const act = (a: Parameters<typeof reduceSession>[1]) => (s = reduceSession(s, a, playbook, at()));
  act({ type: 'answer', facts: { 'symptom.evidence': pasted } });
  act({ type: 'continue' });
  if (volume) act({ type: 'answer', facts: volume });
  act({ type: 'continue' });
  act({ type: 'answer', facts: { mailbox: 'noreply@contoso.com', ...(volume ? { 'mailbox.others': [] } : {}) } });
  act({ type: 'continue' });
  act({ type: 'continue' });
  return s;
}

const step = (s: Session) => playbook.steps[s.current]!.id;
const fact = (s: Session, key: string) => s.facts.find((f) => f.key === key)?.value;
const fixText = (s: Session) =>
  playbook.steps.find((x) => x.id === 'fix')!.instructions!(contextOf(s))
    .map((i) => `${i.where ?? ''} ${i.text}`)
    .join('\n');

describe('the tenant external recipient limit (TERRL, 550 5.7.233 / 5.7.232) is a form of the quota playbook (domain.md 4d)', () => {
  it('is recognised as its own form, not as the mailbox quota, and the playbook says so', () => {
    for (const text of QUOTA_TENANT_TEXTS) expect(firstMatch(QUOTA_MATCHERS, text)?.id).toBe('quota.tenant-external');
    expect(playbook.summary).toContain('"550 5.7.233", the tenant\'s daily limit for external recipients, which no split over mailboxes fixes');
  });

  it('reaches the fix without per-mailbox figures, and says splitting over mailboxes does not help', () => {
    const s = walk(QUOTA_TENANT_TEXTS[0]);
    expect(step(s)).toBe('fix');
    const verdict = String(fact(s, 'diagnosis.verdict'));
    expect(verdict).toContain('the tenant exceeded its daily limit for sending email to external recipients (TERRL)');
    expect(verdict).toContain('splitting the sending over mailboxes does not help');
    expect(verdict).toContain('opens a service request with Microsoft');
    const fix = fixText(s);
    expect(fix).toContain('Do not create more mailboxes for it');
    expect(fix).toContain('bulk email delivery service');
    expect(fix).toContain("A relay connector does not help here: relayed mail counts against the tenant's limits too.");
    expect(fix).not.toMatch(/Split the senders over mailboxes/);
  });

  it('the mailbox quota far below the limit still speaks of a compromised account, and names the tenant limit as the other reading', () => {
    const s = walk('554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'self-managed', { 'volume.recipients': 6_000 });
    expect(String(fact(s, 'diagnosis.verdict'))).toMatch(/the figures are incomplete.*550 5\.7\.233 or 5\.7\.232 instead, it is the tenant's daily limit/);
  });
});

describe('quota relay advice by hosting (domain.md 4d)', () => {
  const over = { 'volume.recipients': 25_000 };
  it('a self-managed platform gets the relay with tenant limits still applying', () => {
    const s = walk('554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'self-managed', over);
    expect(fixText(s)).toContain('not bound by the per-mailbox SMTP AUTH limits, tenant limits still apply');
  });

  it('OutSystems Cloud gets no relay connector, a bulk service instead', () => {
    const s = walk('554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException', 'outsystems-cloud', over);
    const fix = fixText(s);
    expect(fix).not.toContain('Add a connector');
    expect(fix).toContain('does not support mail from applications hosted by a third party');
    expect(String(fact(s, 'diagnosis.verdict'))).toContain('its bulk sending needs a bulk email service, or fewer recipients.');
    expect(String(fact(s, 'diagnosis.verdict'))).not.toMatch(/relay/);
  });
});

describe('quota wording', () => {
  it('says that Redirect Emails to Test List makes the stored recipients differ from what Exchange counted', () => {
    const guidance = playbook.steps.find((x) => x.id === 'volume')!.guidance(contextOf(walk(QUOTA_TENANT_TEXTS[0])));
    expect(guidance).toContain('"Redirect Emails to Test List"');
    expect(guidance).toContain('not what Exchange Online counted');
  });
});
