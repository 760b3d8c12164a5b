import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmtpCheck } from '../../electron/services/smtp-check/run';
import { CONCURRENCY_PLAYBOOK_ID } from '../../shared/playbooks/concurrency';
import { SMTP_AUTH_PLAYBOOK_ID } from '../../shared/playbooks/smtp-auth';
import { smtpCheckRequestSchema, type SmtpCheckRequestInput } from '../../shared/smtp-check/request';
import { smtpCheckResultSchema, type SmtpCheckResult, type SmtpStage } from '../../shared/smtp-check/result';
import { hangingServer, listen, refusedPort } from '../support/fake-servers';
import { GOOD_PASSWORD, GOOD_TOKEN, GOOD_USER, makeCerts, REFUSALS, startSmtp, type Certs, type TestSmtp } from './smtp-check-servers';

/**
 * The live SMTP check against real servers on 127.0.0.1: Nodemailer's smtp-server with a
 * certificate made here, and servers that misbehave on purpose. What is asserted is what the
 * engineer reads: which stage failed, the reply, the playbook it is, and that nothing was sent
 * where TLS did not hold.
 */

let certs: Certs;
const servers: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  certs = await makeCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(options: Omit<Parameters<typeof startSmtp>[0], 'certs'> = {}): Promise<TestSmtp> {
  const s = await startSmtp({ certs, ...options });
  servers.push(s);
  return s;
}

function check(input: Partial<SmtpCheckRequestInput> & { port: number }, signal?: AbortSignal): Promise<SmtpCheckResult> {
  const request = smtpCheckRequestSchema.parse({ host: '127.0.0.1', trustedCaPem: certs.caPem, ...input });
  return runSmtpCheck(request, { signal });
}

const stage = (result: SmtpCheckResult, name: SmtpStage) => result.stages.find((s) => s.stage === name)!;
const password = { method: 'password' as const, user: GOOD_USER, password: GOOD_PASSWORD };

describe('a server that works', () => {
  it('passes every stage over STARTTLS and says what TLS and AUTH it found', async () => {
    const s = await server();
    const result = await check({ port: s.port, login: password });
    expect(smtpCheckResultSchema.parse(result)).toBeTruthy();
    expect(result.outcome).toBe('passed');
    expect(result.exitCode).toBe(0);
    expect(result.stages.filter((x) => x.status === 'failed')).toEqual([]);
    expect(result.stages.map((x) => x.stage).slice(0, 7)).toEqual(['dns', 'connect', 'banner', 'ehlo', 'tls', 'auth-offered', 'login']);
    expect(stage(result, 'banner').reply).toMatch(/^220 .*Microsoft ESMTP MAIL Service ready/);
    expect(result.tls).toMatchObject({ mode: 'starttls', trusted: true, validForHost: true, problem: null });
    expect(result.tls!.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.tls!.certificate).toMatchObject({
      subject: 'CN=127.0.0.1',
      subjectAltNames: ['IP Address:127.0.0.1'],
      issuerChain: ['CN=Smtp Check Test CA'],
    });
    expect(new Date(result.tls!.certificate!.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(result.authMechanisms).toEqual(['LOGIN', 'PLAIN', 'XOAUTH2']);
    expect(stage(result, 'login')).toMatchObject({ status: 'passed', command: 'AUTH LOGIN', reply: expect.stringMatching(/^235/) });
    expect(s.logins).toEqual([`LOGIN ${GOOD_USER}`]);
    for (const x of result.stages) if (x.status !== 'skipped') expect(x.ms).toEqual(expect.any(Number));
  });

  it('signs in with an OAuth 2.0 access token (XOAUTH2)', async () => {
    const s = await server();
    const result = await check({ port: s.port, login: { method: 'xoauth2', user: GOOD_USER, accessToken: GOOD_TOKEN } });
    expect(stage(result, 'login')).toMatchObject({ status: 'passed', command: 'AUTH XOAUTH2' });
    expect(s.logins).toEqual([`XOAUTH2 ${GOOD_USER}`]);
  });

  it('uses AUTH PLAIN when the server offers only that', async () => {
    const s = await server({ server: { authMethods: ['PLAIN'] } });
    const result = await check({ port: s.port, login: password });
    expect(stage(result, 'login')).toMatchObject({ status: 'passed', command: 'AUTH PLAIN' });
  });

  it('refuses a password login when only XOAUTH2 is offered, before sending anything', async () => {
    const s = await server({ server: { authMethods: ['XOAUTH2'] } });
    const result = await check({ port: s.port, login: password });
    expect(stage(result, 'auth-offered')).toMatchObject({ status: 'failed', detail: expect.stringContaining('only an OAuth 2.0 token') });
    expect(result.outcome).toBe('login-refused');
    expect(s.logins).toEqual([]);
  });

  it('works over implicit TLS, the handshake before the banner', async () => {
    const s = await server({ server: { secure: true } });
    const result = await check({ port: s.port, tls: 'implicit', login: password });
    expect(result.outcome).toBe('passed');
    expect(result.stages.map((x) => x.stage).slice(0, 4)).toEqual(['dns', 'connect', 'tls', 'banner']);
    expect(result.tls).toMatchObject({ mode: 'implicit', validForHost: true });
  });

  it('tries MAIL FROM and RCPT TO without DATA: nothing is delivered', async () => {
    const s = await server();
    const result = await check({ port: s.port, login: password, envelope: { from: GOOD_USER, to: 'helpdesk@contoso.com' } });
    expect(stage(result, 'envelope')).toMatchObject({ status: 'passed', detail: expect.stringContaining('nothing was sent') });
    expect(stage(result, 'message').status).toBe('skipped');
    expect(s.received).toEqual([]);
  });

  it('sends a real test email to the address given', async () => {
    const s = await server();
    const result = await check({ port: s.port, login: password, envelope: { from: GOOD_USER, to: 'helpdesk@contoso.com', send: true } });
    expect(stage(result, 'message')).toMatchObject({ status: 'passed', reply: expect.stringMatching(/^250 2\.0\.0 OK/) });
    expect(s.received).toEqual(['Support Toolkit SMTP check']);
  });

  it('names the refused recipient and the playbook its reply is', async () => {
    const s = await server({
      server: {
        onRcptTo(_address, _session, callback) {
          callback(Object.assign(new Error('5.7.60 SMTP; Client does not have permissions to send as this sender'), { responseCode: 550 }));
        },
      },
    });
    const result = await check({ port: s.port, login: password, envelope: { from: 'other@contoso.com', to: 'helpdesk@contoso.com' } });
    expect(stage(result, 'envelope')).toMatchObject({
      status: 'failed',
      command: 'RCPT TO:<helpdesk@contoso.com>',
      reply: expect.stringMatching(/^550 5\.7\.60/),
    });
    expect(result.outcome).toBe('send-refused');
    expect(result.exitCode).toBe(6);
  });

  it('warns when a login was asked for without TLS', async () => {
    const s = await server({ server: { hideSTARTTLS: true, allowInsecureAuth: true } });
    const result = await check({ port: s.port, tls: 'none', login: password });
    expect(result.outcome).toBe('passed');
    expect(stage(result, 'tls').status).toBe('skipped');
    expect(result.warnings.join(' ')).toMatch(/without TLS/);
  });
});

describe('a server out of reach', () => {
  it('a closed port: not reached, and why', async () => {
    const result = await check({ port: await refusedPort() });
    expect(stage(result, 'connect')).toMatchObject({ status: 'failed', detail: expect.stringContaining('refused the connection') });
    expect(result.outcome).toBe('not-reached');
    expect(result.exitCode).toBe(3);
    expect(stage(result, 'banner')).toMatchObject({ status: 'skipped' });
  });

  it('a banner that is slow beyond its time-out', async () => {
    const raw = await listen((socket) => {
      setTimeout(() => socket.write('220 late\r\n'), 5_000).unref();
    });
    servers.push(raw);
    const result = await check({ port: raw.port, timeoutsMs: { banner: 300 } });
    expect(stage(result, 'banner')).toMatchObject({ status: 'failed', detail: expect.stringContaining('no answer within 300 ms') });
    expect(result.outcome).toBe('not-reached');
  });

  it('a reply that never ends is cut at the stage time-out', async () => {
    const raw = await listen((socket) => {
      socket.write('220 endless.test ESMTP\r\n');
      socket.once('data', () => {
        socket.write('250-endless.test\r\n');
        const timer = setInterval(() => socket.write('250-AND-ANOTHER-LINE\r\n'), 20);
        socket.on('close', () => clearInterval(timer));
      });
    });
    servers.push(raw);
    const result = await check({ port: raw.port, timeoutsMs: { ehlo: 400 } });
    expect(stage(result, 'banner').status).toBe('passed');
    expect(stage(result, 'ehlo')).toMatchObject({ status: 'failed', detail: expect.stringContaining('no answer within 400 ms') });
    expect(result.outcome).toBe('protocol');
    expect(result.exitCode).toBe(8);
  });

  it('a reply that never ends, sent fast, is cut at its size before it fills memory', async () => {
    const raw = await listen((socket) => {
      socket.write('220 flood.test ESMTP\r\n');
      socket.once('data', () => socket.write('250-FLOOD-OF-EXTENSIONS-THAT-NEVER-ENDS\r\n'.repeat(10_000)));
    });
    servers.push(raw);
    const result = await check({ port: raw.port });
    expect(stage(result, 'ehlo')).toMatchObject({ status: 'failed', errorCode: 'EPROTOCOL', detail: expect.stringContaining('exceeds maximum allowed size') });
    expect(result.exitCode).toBe(8);
  });

  it('cancel stops the check at once', async () => {
    const raw = await hangingServer();
    servers.push(raw);
    const controller = new AbortController();
    const running = check({ port: raw.port }, controller.signal);
    setTimeout(() => controller.abort(new Error('Cancelled by the user')), 200);
    await expect(running).rejects.toThrow('Cancelled by the user');
  });
});

describe('TLS that does not hold: no password is sent', () => {
  it('a server that offers only TLS 1.0', async () => {
    const s = await server({ server: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as never });
    const result = await check({ port: s.port, login: password });
    expect(stage(result, 'tls')).toMatchObject({ status: 'failed', detail: expect.stringContaining('TLS 1.2 or later') });
    expect(result.outcome).toBe('tls');
    expect(result.exitCode).toBe(4);
    expect(stage(result, 'login').status).toBe('skipped');
    expect(s.logins).toEqual([]);
  });

  it('a certificate for another name', async () => {
    const s = await server({ cert: 'otherName' });
    const result = await check({ port: s.port, login: password });
    expect(result.tls).toMatchObject({ trusted: true, validForHost: false });
    expect(stage(result, 'tls')).toMatchObject({ status: 'failed', detail: expect.stringContaining('not for 127.0.0.1') });
    expect(result.tls!.certificate!.subjectAltNames).toEqual(['DNS:mail.other.example']);
    expect(s.logins).toEqual([]);
  });

  it('an expired certificate', async () => {
    const s = await server({ cert: 'expired' });
    const result = await check({ port: s.port, login: password });
    expect(result.tls).toMatchObject({ trusted: false });
    expect(stage(result, 'tls')).toMatchObject({ status: 'failed', detail: expect.stringContaining('expired on') });
    expect(s.logins).toEqual([]);
  });

  it('a certificate from an authority this computer does not trust', async () => {
    const s = await server();
    const result = await runSmtpCheck(smtpCheckRequestSchema.parse({ host: '127.0.0.1', port: s.port, login: password }));
    expect(stage(result, 'tls')).toMatchObject({ status: 'failed', detail: expect.stringContaining('does not trust') });
    expect(s.logins).toEqual([]);
  });

  it('STARTTLS not offered', async () => {
    const s = await server({ server: { hideSTARTTLS: true } });
    const result = await check({ port: s.port, login: password });
    expect(stage(result, 'ehlo').status).toBe('passed');
    expect(stage(result, 'tls')).toMatchObject({ status: 'failed', detail: expect.stringContaining('did not offer STARTTLS') });
    expect(result.outcome).toBe('tls');
    expect(s.logins).toEqual([]);
  });
});

describe('refused logins name the playbook and its form', () => {
  const forms: Record<string, string> = {
    'tenant@contoso.com': 'tenant-disabled',
    'credentials@contoso.com': 'credentials-incorrect',
    'basic@contoso.com': 'basic-disabled',
    'criteria@contoso.com': 'criteria-not-met',
    'bare@contoso.com': 'reason-not-given',
  };
  for (const [user, form] of Object.entries(forms)) {
    it(`535 ${REFUSALS[user]!.slice(0, 70)}`, async () => {
      const s = await server();
      const result = await check({ port: s.port, login: { method: 'password', user, password: GOOD_PASSWORD } });
      const login = stage(result, 'login');
      expect(login.status).toBe('failed');
      expect(login.reply).toBe(`535 ${REFUSALS[user]}`);
      expect(login.match?.playbookId).toBe(SMTP_AUTH_PLAYBOOK_ID);
      expect(login.match?.form).toBe(form);
      expect(result.outcome).toBe('login-refused');
      expect(result.exitCode).toBe(5);
      expect(result.summary).toContain(login.match!.playbookTitle);
    });
  }
});

describe('the concurrency measure', () => {
  it('sees 432 at the end of DATA on the 4th connection open at once', async () => {
    const s = await server({ limit: 3 });
    const result = await check({
      port: s.port,
      login: password,
      envelope: { from: GOOD_USER, to: 'helpdesk@contoso.com', send: true },
      concurrency: { connections: 5, consent: true },
    });
    expect(result.concurrency).toMatchObject({ requested: 5, accepted: 3 });
    const refused = result.concurrency!.connections.filter((c) => c.status === 'refused');
    expect(refused.map((c) => c.stage)).toEqual(['message', 'message']);
    expect(refused[0]!.reply).toMatch(/^432 4\.3\.2 Concurrent connections limit exceeded/);
    expect(refused[0]!.match?.playbookId).toBe(CONCURRENCY_PLAYBOOK_ID);
    expect(stage(result, 'concurrency')).toMatchObject({ status: 'failed', detail: expect.stringMatching(/^3 of 5 connections/) });
    expect(result.outcome).toBe('limit-reached');
    expect(result.exitCode).toBe(7);
    // The check's own test email, then one per connection that got through.
    expect(s.received).toHaveLength(4);
  });

  it('passes when the server takes every connection', async () => {
    const s = await server();
    const result = await check({
      port: s.port,
      login: password,
      envelope: { from: GOOD_USER, to: 'helpdesk@contoso.com' },
      concurrency: { connections: 3, consent: true },
    });
    expect(result.concurrency).toMatchObject({ requested: 3, accepted: 3 });
    expect(result.outcome).toBe('passed');
  });
});
