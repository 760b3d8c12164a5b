import { describe, expect, it } from 'vitest';
import { sendAsPlaybook } from '../../shared/playbooks/send-as';
import { decide as decideSendAs } from '../../shared/playbooks/send-as/decision';
import { sendAsInstructions } from '../../shared/playbooks/send-as/instructions';
import { smtpConnectionPlaybook } from '../../shared/playbooks/smtp-connection';
import { decide as decideConnection } from '../../shared/playbooks/smtp-connection/decision';
import { connectionInstructions } from '../../shared/playbooks/smtp-connection/instructions';
import { contextOf } from '../../shared/wizard/context';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { fixOptions } from '../../shared/wizard/fix';
import type { Playbook, StepContext } from '../../shared/wizard/playbook';
import type { FactValue } from '../../shared/wizard/session';

/**
 * The Send As and SMTP connection playbooks decide per form of the error and per fact, and their fix
 * steps carry the exact setting or command for the addresses and settings given.
 */

const environment = { profileId: null, name: 'Fabrikam PRD', role: 'Production', engine: 'manual' as const, host: null, customer: 'Fabrikam', mailbox: null };

function contextWith(playbook: Playbook, facts: Record<string, FactValue>, pasted: string | null = null, hosting?: 'outsystems-cloud'): StepContext {
  const start = '2026-12-07T08:00:00.000Z';
  let session = createSession({
    id: 't',
    playbook,
    environment: { ...environment, ...(hosting ? { hosting } : {}) },
    offline: true,
    now: start,
    pastedError: pasted,
  });
  session = reduceSession(session, { type: 'answer', facts }, playbook, start);
  return contextOf(session);
}

const all = (steps: { text: string; where?: string; code?: { text: string } }[]) => steps.map((s) => [s.where, s.text, s.code?.text].join(' ')).join('\n');

describe('Send As denied', () => {
  const DENIED =
    'Error sending email 7002: 554 5.2.252 SendAsDenied; svc-outsystems@fabrikam.com not allowed to send as alerts@fabrikam.com; STOREDRV.Submission.Exception:SendAsDeniedException';

  it('reads both addresses from a pasted SendAsDenied line, and grants Send As on exactly them', () => {
    const ctx = contextWith(sendAsPlaybook, { 'sender.default': 'alerts@fabrikam.com' }, DENIED);
    expect(ctx.facts['smtp.user']).toMatchObject({ value: 'svc-outsystems@fabrikam.com', source: 'derived' });
    expect(ctx.facts['sender.refused']?.value).toBe('alerts@fabrikam.com');
    const d = decideSendAs(ctx);
    expect(d.route).toBe('align');
    expect(d.verdict).toMatch(/^The platform logs in as svc-outsystems@fabrikam.com but sends as alerts@fabrikam.com/);
    const text = all(sendAsInstructions(ctx));
    expect(text).toContain('Add-RecipientPermission "alerts@fabrikam.com" -AccessRights SendAs -Trustee "svc-outsystems@fabrikam.com"');
    expect(text).toContain('Service Center > Administration > Email Either: set the default sender (From address) to svc-outsystems@fabrikam.com');
    expect(sendAsPlaybook.verdict!(ctx)).toMatchObject({ tone: 'problem', headline: 'Send As denied' });
  });

  it('points to the application when the default sender already is the login mailbox', () => {
    const ctx = contextWith(sendAsPlaybook, { 'sender.default': 'svc-outsystems@fabrikam.com', 'smtp.user': 'svc-outsystems@fabrikam.com' }, DENIED);
    const d = decideSendAs(ctx);
    expect(d.route).toBe('app-from');
    expect(d.verdict).toContain('an application sends with alerts@fabrikam.com');
    expect(all(sendAsInstructions(ctx))).toContain("Send Email action's From property");
  });

  it('with the same address and no line naming the refused one, the verdict is unclear and says what to check', () => {
    const ctx = contextWith(sendAsPlaybook, {
      'symptom.form': '5.7.60: the client does not have permissions to send as this sender',
      'sender.default': 'noreply@fabrikam.com',
      'smtp.user': 'NoReply@fabrikam.com',
      'sender.app': 'No',
    });
    expect(decideSendAs(ctx).route).toBe('same-address');
    expect(sendAsPlaybook.verdict!(ctx)).toMatchObject({ tone: 'unclear' });
  });

  it('the throttled mailbox: every email fails meanwhile, and the queue is retried up to Scheduler.EmailBackoffMaxDays', () => {
    const ctx = contextWith(
      sendAsPlaybook,
      { 'sender.default': 'alerts@fabrikam.com' },
      `${DENIED}\nError sending email 6200: 550 5.2.252 Sender throttled due to continuous send as denied errors.`,
    );
    const d = decideSendAs(ctx);
    expect(d.variants).toEqual(['send-as-denied', 'throttled']);
    expect(d.throttling).toMatch(/every email from it fails, correct ones too/);
    expect(d.throttling).toContain('Scheduler.EmailBackoffMaxDays (2 days by default)');
    expect(sendAsPlaybook.verdict!(ctx)?.headline).toBe('Send As denied, mailbox throttled');
  });

  it('both ways out last: no stop-gap is offered', () => {
    const ctx = contextWith(sendAsPlaybook, { 'sender.default': 'alerts@fabrikam.com' }, DENIED);
    expect(fixOptions(sendAsPlaybook, ctx).map((o) => [o.id, o.lasting])).toEqual([
      ['align', true],
      ['grant', true],
    ]);
  });
});

describe('SMTP connection and TLS', () => {
  const form = (words: string) => ({ 'symptom.form': words });
  const TLS = '421 4.7.66: TLS 1.0 and 1.1 are not supported (TLS 1.2 required)';
  const settings = { 'smtp.server': 'smtp.office365.com', 'smtp.port': 587, 'smtp.tls': 'STARTTLS', 'platform.version': '11.31.0' };

  it('TLS 1.0/1.1: TLS 1.2 on the front-ends lasts, the legacy endpoint is a stop-gap', () => {
    const ctx = contextWith(smtpConnectionPlaybook, { ...form(TLS), ...settings });
    const d = decideConnection(ctx);
    expect(d.route).toBe('tls-version');
    expect(fixOptions(smtpConnectionPlaybook, ctx).map((o) => [o.id, o.lasting])).toEqual([
      ['stop-gap', false],
      ['lasting', true],
    ]);
    const text = all(connectionInstructions(ctx));
    expect(text).toContain('SchUseStrongCrypto -Value 1');
    expect(text).toContain('SCHANNEL\\Protocols\\TLS 1.2\\Client');
    expect(text).toContain('Set-TransportConfig -AllowLegacyTLSClients $true');
    expect(text).toContain('smtp-legacy.office365.com');
  });

  it('on OutSystems Cloud the front-ends are not the customer’s: OutSystems support enables TLS 1.2', () => {
    const ctx = contextWith(smtpConnectionPlaybook, { ...form(TLS), ...settings }, null, 'outsystems-cloud');
    expect(decideConnection(ctx).verdict).toContain('ask OutSystems support');
    expect(all(connectionInstructions(ctx))).not.toContain('SchUseStrongCrypto');
  });

  it('port 465 against Exchange Online: 587 with STARTTLS, 465 is not supported for client submission', () => {
    const ctx = contextWith(smtpConnectionPlaybook, {
      ...form('The operation has timed out (no answer: port, firewall or implicit TLS on the wrong port)'),
      ...settings,
      'smtp.port': 465,
      'smtp.tls': 'SSL on connect (implicit TLS)',
    });
    const d = decideConnection(ctx);
    expect(d.routes).toEqual(['port-465']);
    expect(smtpConnectionPlaybook.verdict!(ctx)?.headline).toBe('Port 465 is not supported');
    expect(all(connectionInstructions(ctx))).toContain('SMTP server smtp.office365.com, port 587, TLS with STARTTLS');
  });

  it('STARTTLS required on a platform older than 11.38.0: the settings, and the version that always uses STARTTLS', () => {
    const ctx = contextWith(smtpConnectionPlaybook, { ...form('451 5.7.3: STARTTLS is required to send mail'), ...settings, 'smtp.tls': 'No TLS' });
    const d = decideConnection(ctx);
    expect(d.route).toBe('starttls');
    expect(d.lasting).toContain('Platform Server 11.38.0 or later, which always uses STARTTLS to Exchange Online');
    expect(d.stopGap).toBeNull();
  });

  it('a certificate error with an IP address in the settings: the host name instead', () => {
    const ctx = contextWith(
      smtpConnectionPlaybook,
      { ...settings, 'smtp.server': '52.97.146.2' },
      'System.Net.Mail.SmtpException: Failure sending mail. ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure.',
    );
    const d = decideConnection(ctx);
    expect(d.route).toBe('certificate');
    expect(d.verdict).toContain('The SMTP server is set as an IP address (52.97.146.2)');
    expect(all(connectionInstructions(ctx))).toContain('Set the SMTP server to the host name smtp.office365.com');
  });

  it('unreachable: the network path, with the check to run from each front-end', () => {
    const ctx = contextWith(smtpConnectionPlaybook, settings, 'Error sending email 6400: Unable to connect to the remote server');
    expect(decideConnection(ctx).route).toBe('network');
    expect(all(connectionInstructions(ctx))).toContain('Test-NetConnection smtp.office365.com -Port 587');
  });

  it('no form known: no verdict and no diagnosis facts', () => {
    const ctx = contextWith(smtpConnectionPlaybook, settings);
    expect(smtpConnectionPlaybook.verdict!(ctx)).toBeNull();
    expect(ctx.facts['diagnosis.verdict']).toBeUndefined();
  });
});
