import { describe, expect, it } from 'vitest';
import { maskClientLine } from '../../electron/services/smtp-check/dialogue';
import { DEFAULT_SMTP_DRAFT, refusedReply, smtpCheckRequestOf } from '../../renderer/src/pages/environments/smtp-check-form';
import { CONCURRENCY_PLAYBOOK_ID } from '../../shared/playbooks/concurrency';
import { SMTP_AUTH_PLAYBOOK_ID } from '../../shared/playbooks/smtp-auth';
import { parseSmtpCheckJson } from '../../shared/smtp-check/attachment';
import { outcomeOf, recogniseReply, SMTP_EXIT_CODES, summaryOf } from '../../shared/smtp-check/outcome';
import { smtpCheckRequestSchema } from '../../shared/smtp-check/request';
import type { SmtpStageResult } from '../../shared/smtp-check/result';

const stage = (s: Partial<SmtpStageResult> & Pick<SmtpStageResult, 'stage' | 'status'>): SmtpStageResult => ({ ms: 1, detail: 'x', ...s });

describe('the outcome and exit code of a check', () => {
  it('is the first failed stage, each kind with its own exit code', () => {
    expect(outcomeOf([stage({ stage: 'dns', status: 'passed' }), stage({ stage: 'auth-offered', status: 'warning' })])).toBe('passed');
    expect(outcomeOf([stage({ stage: 'connect', status: 'failed' }), stage({ stage: 'login', status: 'skipped' })])).toBe('not-reached');
    expect(outcomeOf([stage({ stage: 'tls', status: 'failed' }), stage({ stage: 'login', status: 'failed' })])).toBe('tls');
    expect(outcomeOf([stage({ stage: 'message', status: 'failed' })])).toBe('send-refused');
    expect(outcomeOf([stage({ stage: 'concurrency', status: 'failed' })])).toBe('limit-reached');
    const codes = Object.values(SMTP_EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(SMTP_EXIT_CODES.passed).toBe(0);
  });

  it('says the failed stage and the playbook of its reply in the summary', () => {
    const summary = summaryOf('smtp.office365.com', 587, [
      stage({
        stage: 'login',
        status: 'failed',
        detail: 'Refused.',
        match: { playbookId: 'p', playbookTitle: 'SMTP authentication refused', form: 'tenant-disabled' },
      }),
    ]);
    expect(summary).toBe('smtp.office365.com:587: Login failed. Refused. This reply is the playbook “SMTP authentication refused” (form tenant-disabled).');
  });
});

describe('a refused reply through the playbooks’ matchers', () => {
  it('names the playbook and its form', () => {
    expect(recogniseReply('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.')).toMatchObject({
      playbookId: SMTP_AUTH_PLAYBOOK_ID,
      form: 'tenant-disabled',
    });
    expect(recogniseReply('432 4.3.2 Concurrent connections limit exceeded.\n[Hostname=AM0PR01]')?.playbookId).toBe(CONCURRENCY_PLAYBOOK_ID);
  });
  it('names none for a reply no playbook is about', () => {
    expect(recogniseReply('421 4.3.2 Service not available, closing transmission channel')).toBeUndefined();
    expect(recogniseReply(undefined)).toBeUndefined();
  });
});

describe('the request', () => {
  const refusal = (input: unknown) => {
    const r = smtpCheckRequestSchema.safeParse(input);
    return r.success ? null : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
  };
  it('names the wrong field in words', () => {
    expect(refusal({ host: 'smtp://smtp.office365.com', port: 587 })).toMatch(/^host: Host must be a host name or an IP address/);
    expect(refusal({ host: 'smtp.office365.com', port: 0 })).toBe('port: Port must be between 1 and 65535');
    expect(refusal({ host: 'smtp.office365.com', port: 587, envelope: { from: 'nobody', to: 'b@contoso.com' } })).toMatch(/^envelope\.from: The sender/);
    const login = { method: 'password', user: 'a@contoso.com', password: 'p' };
    const envelope = { from: 'a@contoso.com', to: 'b@contoso.com' };
    expect(refusal({ host: 'h', port: 587, login, envelope, concurrency: { connections: 7, consent: true } })).toBe(
      'concurrency.connections: Open at most 6 connections at once',
    );
    expect(refusal({ host: 'h', port: 587, login, envelope, concurrency: { connections: 4, consent: false } })).toMatch(/^concurrency\.consent: Tick the box/);
    expect(refusal({ host: 'h', port: 587, envelope, concurrency: { connections: 4, consent: true } })).toMatch(/^login: A concurrency measure signs in/);
  });
});

describe('the page’s form', () => {
  it('sends the secret only when signing in, and the measure with its login and envelope', () => {
    expect(smtpCheckRequestOf({ ...DEFAULT_SMTP_DRAFT, secret: 'typed-but-not-asked' })).toEqual({ host: 'smtp.office365.com', port: 587, tls: 'starttls' });
    const measured = smtpCheckRequestOf({
      ...DEFAULT_SMTP_DRAFT,
      measure: true,
      user: 'a@contoso.com',
      secret: 's',
      from: 'a@contoso.com',
      to: 'b@contoso.com',
      consent: true,
    });
    expect(measured).toMatchObject({
      login: { method: 'password', user: 'a@contoso.com' },
      envelope: { to: 'b@contoso.com' },
      concurrency: { connections: 4, consent: true },
    });
  });
  it('starts a session from the first refused reply only', () => {
    expect(refusedReply({ stages: [stage({ stage: 'tls', status: 'failed' })] } as never)).toBeNull();
    expect(refusedReply({ stages: [stage({ stage: 'login', status: 'failed', reply: '535 x' })] } as never)?.reply).toBe('535 x');
  });
});

describe('what the check records of the client’s lines', () => {
  it('keeps SMTP verbs and AUTH with its mechanism, hides anything else', () => {
    expect(maskClientLine('MAIL FROM:<a@contoso.com>')).toBe('MAIL FROM:<a@contoso.com>');
    expect(maskClientLine('AUTH PLAIN AHVzZXIAcGFzcw==')).toBe('AUTH PLAIN');
    expect(maskClientLine('dXNlckBjb250b3NvLmNvbQ==')).toBe('(credentials, not shown)');
  });
});

describe('a check’s JSON as a file', () => {
  it('is read with a byte-order mark, and refused with the reason otherwise', () => {
    expect(parseSmtpCheckJson(new TextEncoder().encode('\uFEFF{"format":"other"}'))).toEqual({
      ok: false,
      reason: expect.stringContaining('not the JSON of an SMTP check'),
    });
    expect(parseSmtpCheckJson(new Uint8Array([0xff, 0xfe, 0x00]))).toEqual({ ok: false, reason: expect.stringContaining('not valid JSON') });
  });
});
