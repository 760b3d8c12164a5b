import { describe, expect, it } from 'vitest';
import { SMTP_AUTH_TEXTS } from '../../shared/incidents/example-texts';
import { smtpAuthPlaybook as playbook } from '../../shared/playbooks/smtp-auth';
import { decide } from '../../shared/playbooks/smtp-auth/decision';
import { DEADLINE_SENTENCE } from '../../shared/playbooks/smtp-auth/instructions';
import { contextOf } from '../../shared/wizard/context';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { offlineEnvironment } from '../support/environment';
import type { EnvironmentSnapshot, Session } from '../../shared/wizard/session';

const MAILBOX = 'noreply@contoso.com';
const selfManaged = offlineEnvironment();

/** An offline session walked to the diagnosis with the pasted error and typed answers, as an engineer would. */
function diagnosed(pasted: string, hosting: EnvironmentSnapshot['hosting'] = 'self-managed'): Session {
  let t = Date.parse('2026-12-01T08:00:00Z');
  const at = () => new Date((t += 60_000)).toISOString();
  let s = createSession({ id: 's1', playbook, environment: { ...selfManaged, hosting }, offline: true, now: at(), pastedError: pasted });
  const act = (a: Parameters<typeof reduceSession>[1]) => (s = reduceSession(s, a, playbook, at()));
  act({ type: 'answer', facts: { 'symptom.evidence': pasted } });
  act({ type: 'continue' });
  act({ type: 'answer', facts: { 'platform.version': '11.38.0' } });
  act({ type: 'continue' });
  act({ type: 'answer', facts: { 'smtp.server': 'smtp.office365.com', 'smtp.auth': 'Basic' } });
  act({ type: 'continue' });
  act({ type: 'answer', facts: { mailbox: MAILBOX, 'tenant.securityDefaults': 'No' } });
  act({ type: 'continue' });
  expect(playbook.steps[s.current]!.id).toBe('diagnosis');
  return s;
}

const plan = (s: Session) => playbook.steps.find((step) => step.id === 'fix')!.instructions!(contextOf(s));
const planText = (s: Session) =>
  plan(s)
    .map((i) => [i.where, i.text, i.code?.text].filter(Boolean).join('\n'))
    .join('\n');
const fact = (s: Session, key: string) => s.facts.find((f) => f.key === key)?.value;

describe('SMTP authentication: each 535 5.7.139 reason has its own decision (domain.md 4d)', () => {
  it('"the user credentials were incorrect" is a credentials problem, not an OAuth requirement', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.credentialsIncorrect[0]);
    const d = decide(contextOf(s));
    expect(d.route).toBe('credentials');
    expect(d.verdict).toMatch(/^Exchange Online refused the user name or password \(the user credentials were incorrect\)/);
    expect(String(fact(s, 'diagnosis.cause'))).toContain('the user credentials were incorrect');
    expect(String(fact(s, 'diagnosis.verdict'))).not.toMatch(/retired|OAuth 2\.0 is required/i);
  });

  it('"basic authentication is disabled" reads the authentication policy, with OAuth 2.0 as the lasting fix', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.basicDisabled[0]);
    const d = decide(contextOf(s));
    expect(d.route).toBe('oauth');
    expect(d.authPolicy).toBe(true);
    expect(d.stopGap).toContain('Set-AuthenticationPolicy -AllowBasicAuthSmtp');
    expect(planText(s)).toContain(`Get-User -Identity "${MAILBOX}" | Format-List AuthenticationPolicy`);
    expect(planText(s)).toContain('Get-AuthenticationPolicy | Format-List Name,AllowBasicAuthSmtp');
    expect(d.verdict).not.toMatch(/retired|no longer/i);
  });

  it('"did not meet the criteria" points to Conditional Access and the sign-in logs', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.criteriaNotMet[0]);
    const d = decide(contextOf(s));
    expect(d.route).toBe('sign-in-policy');
    expect(d.verdict).toContain('Conditional Access');
    expect(planText(s)).toMatch(/Sign-in logs, filtered by noreply@contoso\.com/);
    expect(planText(s)).toContain('Conditional Access tab names the policy');
  });

  it('a bare 535 5.7.139 says no reason was given and lists the checks, never "retired"', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.reasonNotGiven[0]);
    const d = decide(contextOf(s));
    expect(d.route).toBe('reason-unknown');
    expect(fact(s, 'diagnosis.cause')).toBe('Exchange Online answered: 535 5.7.139 with no reason given.');
    expect(d.verdict).toMatch(/without a reason/);
    expect(d.verdict).not.toMatch(/retired|OAuth 2\.0 is required/i);
    const text = planText(s);
    for (const check of ['Get-CASMailbox', 'Get-TransportConfig', 'Get-AuthenticationPolicy', 'Get-Mailbox', 'Sign-in logs', 'security defaults']) {
      expect(text).toContain(check);
    }
  });

  it('550 5.7.30 keeps its own words: Basic authentication not supported, OAuth 2.0 required', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.basicRetired[0]);
    expect(decide(contextOf(s)).route).toBe('oauth');
    expect(fact(s, 'diagnosis.cause')).toBe('Exchange Online answered: 550 5.7.30: Basic authentication is not supported for client submission.');
  });
});

describe('SMTP authentication: relay advice by hosting (domain.md 4d)', () => {
  it('offers a relay connector to a self-managed platform, with the tenant limits still applying', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.securityDefaults[0]);
    const d = decide(contextOf(s));
    expect(d.relayConnector).toBe(true);
    expect(d.stopGap).toContain('not bound by the per-mailbox SMTP AUTH limits, tenant limits still apply');
    expect(planText(s)).toContain('not bound by the per-mailbox SMTP AUTH limits');
    expect(planText(s)).not.toMatch(/not bound by the SMTP AUTH limits/);
  });

  it('offers no relay on OutSystems Cloud and points to OAuth 2.0 or a bulk provider', () => {
    const s = diagnosed(SMTP_AUTH_TEXTS.securityDefaults[0], 'outsystems-cloud');
    const d = decide(contextOf(s));
    expect(d.relayConnector).toBe(false);
    expect(d.stopGap).toContain('does not support mail from applications hosted by a third party');
    expect(d.stopGap).toContain('OAuth 2.0, or a bulk email provider');
    expect(planText(s)).not.toContain('Add a connector');
  });
});

describe('SMTP authentication: wording', () => {
  it('follows the January 2026 timeline word for word and quotes the placeholders in the PowerShell', () => {
    expect(DEADLINE_SENTENCE).toContain('in the second half of 2027 Microsoft will announce the final removal date');
    const text = planText(diagnosed(SMTP_AUTH_TEXTS.tenantDisabled[0]));
    expect(text).toContain('New-ServicePrincipal -AppId "<APPLICATION_ID>" -ObjectId "<OBJECT_ID>"');
    expect(text).toContain('Where-Object AppId -eq "<APPLICATION_ID>"');
  });
});
