import { describe, expect, it } from 'vitest';
import { sendAsPlaybook } from '../../shared/playbooks/send-as';
import { decide as decideSendAs } from '../../shared/playbooks/send-as/decision';
import { sendAsInstructions } from '../../shared/playbooks/send-as/instructions';
import { smtpConnectionPlaybook } from '../../shared/playbooks/smtp-connection';
import { decide as decideConnection } from '../../shared/playbooks/smtp-connection/decision';
import { connectionInstructions } from '../../shared/playbooks/smtp-connection/instructions';
import type { SmtpCheckResult } from '../../shared/smtp-check/result';
import { contextOf } from '../../shared/wizard/context';
import { createSession, reduceSession } from '../../shared/wizard/engine';
import { fixOptions } from '../../shared/wizard/fix';
import type { Playbook, StepContext } from '../../shared/wizard/playbook';
import type { FactValue, SessionAction } from '../../shared/wizard/session';

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

describe('SMTP connection: a live check after the fix', () => {
  const start = Date.parse('2026-12-07T08:00:00.000Z');
  const at = (minute: number) => new Date(start + minute * 60_000).toISOString();

  function liveCheck(minute: number, tls: 'passed' | 'failed' | 'name-mismatch'): SmtpCheckResult {
    const ok = tls !== 'failed';
    return {
      format: 'support-toolkit.smtp-check',
      version: 1,
      host: 'smtp.office365.com',
      port: 587,
      tlsMode: 'starttls',
      user: null,
      loginMethod: null,
      startedAt: at(minute),
      finishedAt: at(minute),
      outcome: ok ? 'passed' : 'tls',
      exitCode: ok ? 0 : 3,
      summary: '',
      addresses: ['52.97.1.1'],
      extensions: [],
      authMechanisms: [],
      tls: ok
        ? {
            mode: 'starttls',
            protocol: 'TLSv1.2',
            cipher: null,
            certificate: null,
            trusted: true,
            validForHost: tls === 'passed',
            problem: tls === 'passed' ? null : 'The certificate does not name 52.97.1.1',
          }
        : null,
      stages: [
        { stage: 'connect', status: 'passed', ms: 20, detail: 'Connected' },
        { stage: 'tls', status: ok ? 'passed' : 'failed', ms: 30, detail: ok ? 'TLSv1.2' : 'TLS handshake failed: unsupported protocol' },
      ],
      concurrency: null,
      warnings: [],
    };
  }

  function verifiedWith(live: SmtpCheckResult | null) {
    const playbook = smtpConnectionPlaybook;
    let minute = 0;
    let session = createSession({ id: 'live', playbook, environment, offline: true, now: at(minute++) });
    const act = (action: SessionAction) => (session = reduceSession(session, action, playbook, at(minute++)));
    act({
      type: 'answer',
      facts: {
        'symptom.form': '421 4.7.66: TLS 1.0 and 1.1 are not supported (TLS 1.2 required)',
        'errors.count': 5,
        'platform.version': '11.38.0',
        'smtp.server': 'smtp.office365.com',
        'smtp.port': 587,
        'smtp.tls': 'STARTTLS',
      },
    });
    while (playbook.steps[session.current]!.kind !== 'apply') act({ type: 'continue' });
    act({ type: 'applied-manually', note: 'TLS 1.2 enabled on FE01', actor: 'Ana Souza', option: 'lasting' });
    act({ type: 'continue' });
    if (live) act({ type: 'probe-result', probe: 'connLiveCheck', result: live, origin: { kind: 'live-check', target: 'smtp.office365.com:587' } });
    act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 3 } });
    act({ type: 'verify' });
    return session;
  }

  it('a TLS connection since the fix, with a certificate valid for the host, is listed with the criteria as holding', () => {
    const session = verifiedWith(liveCheck(20, 'passed'));
    expect(session.facts.find((f) => f.key === 'after.smtp.tls')).toMatchObject({ value: true, source: 'checked' });
    expect(session.verification?.result).toBe('pass');
    expect(session.verification?.criteria?.find((c) => c.id === 'live-tls-since-fix')?.state).toBe('pass');
  });

  it('a TLS handshake that fails since the fix fails the verification, whatever the error log says', () => {
    const session = verifiedWith(liveCheck(20, 'failed'));
    expect(session.facts.find((f) => f.key === 'after.smtp.tls')?.detail).toContain('TLS handshake failed');
    expect(session.verification?.result).toBe('fail');
  });

  it('a certificate that does not name the host counts as a failure', () => {
    expect(verifiedWith(liveCheck(20, 'name-mismatch')).verification?.result).toBe('fail');
  });

  it('without a live check, the criterion blocks nothing', () => {
    const session = verifiedWith(null);
    expect(session.verification?.result).toBe('pass');
    expect(session.verification?.criteria?.find((c) => c.id === 'live-tls-since-fix')?.state).toBe('skipped');
  });
});

describe('Send As: the addresses in the error log', () => {
  it('names each login mailbox and From address pair of the sample messages, and takes the most frequent for the decision', () => {
    const start = '2026-12-07T08:00:00.000Z';
    const line = (n: number, from: string) =>
      `Error sending email ${n}: 554 5.2.252 SendAsDenied; svc-outsystems@fabrikam.com not allowed to send as ${from}; STOREDRV.Submission.Exception:SendAsDeniedException`;
    const samples = [line(1, 'hr@fabrikam.com'), line(2, 'alerts@fabrikam.com'), line(3, 'alerts@fabrikam.com')].map((message, i) => ({
      instant: `2026-12-07T07:0${i}:00.000Z`,
      server: 'FE01',
      message,
    }));
    const result = {
      windowStart: '2026-11-30T08:00:00.000Z',
      windowEnd: start,
      count: 3,
      capped: false,
      firstSeen: samples[0]!.instant,
      lastSeen: samples[2]!.instant,
      perServer: [{ server: 'FE01', count: 3 }],
      perHour: [],
      samples,
      summary: '3 Send As denials',
      perVariant: [{ variant: 'send-as-denied', label: '554 5.2.252 SendAsDenied', count: 3, firstSeen: samples[0]!.instant, lastSeen: samples[2]!.instant }],
      clock: undefined,
    };
    let session = createSession({ id: 'log', playbook: sendAsPlaybook, environment, offline: false, now: start });
    session = reduceSession(
      session,
      { type: 'probe-result', probe: 'sendAsErrors', result, origin: { kind: 'database', environment: 'Fabrikam PRD' } },
      sendAsPlaybook,
      start,
    );
    const facts = contextOf(session).facts;
    expect(facts['errors.perSender']?.value).toBe(
      'svc-outsystems@fabrikam.com not allowed to send as alerts@fabrikam.com: 2; svc-outsystems@fabrikam.com not allowed to send as hr@fabrikam.com: 1',
    );
    expect(facts['smtp.user']).toMatchObject({ value: 'svc-outsystems@fabrikam.com', source: 'derived' });
    expect(facts['sender.refused']?.value).toBe('alerts@fabrikam.com');
    expect(facts['symptom.forms']?.value).toBe('554 5.2.252 SendAsDenied: the login mailbox is not allowed to send as the From address (3 in the error log)');
  });
});
