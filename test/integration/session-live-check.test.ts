import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { EngineerAction } from '../../shared/api/methods/sessions';
import { removeDir, tempDataDir } from '../support/host';
import { GOOD_PASSWORD, GOOD_USER, makeCerts, startSmtp, type TestSmtp } from './smtp-check-servers';

/**
 * The live check of the mail server as the SMTP authentication playbook's evidence after the fix:
 * run from the Verify step against a real SMTP server on 127.0.0.1, recorded as checked live, a
 * login refused since the fix fails the verification, an accepted one is listed with the criteria;
 * the password typed for it is nowhere in the data folder or the report.
 */
const dataDir = tempDataDir('st-live-check-');
const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
const api = createInProcessClient(services);
let smtp: TestSmtp;
let caPem = '';
beforeAll(async () => {
  const certs = await makeCerts();
  caPem = certs.caPem;
  smtp = await startSmtp({ certs });
});
afterAll(async () => {
  await smtp.close();
  await services.close();
  removeDir(dataDir);
});

/** Offline SMTP authentication session walked to its Verify step, the fix recorded (the lasting one). */
async function atVerify(): Promise<{ id: string; act: (action: EngineerAction) => Promise<unknown> }> {
  const created = await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: null, environmentName: 'Contoso PRD' });
  const id = created.session.id;
  const act = (action: EngineerAction) => api['sessions.act']({ id, action });
  await act({ type: 'answer', facts: { 'errors.count': 12, 'symptom.form': '535 5.7.139: SMTP AUTH is disabled for the tenant' } });
  await act({ type: 'continue' });
  await act({ type: 'answer', facts: { 'platform.version': '11.38.0' } });
  await act({ type: 'continue' });
  await act({ type: 'answer', facts: { 'smtp.server': 'smtp.office365.com', 'smtp.auth': 'Basic' } });
  await act({ type: 'continue' });
  await act({ type: 'answer', facts: { mailbox: 'tenant@contoso.com', 'tenant.securityDefaults': 'No' } });
  await act({ type: 'continue' });
  await act({ type: 'continue' });
  await act({ type: 'applied-manually', note: 'OAuth 2.0 set up', option: 'lasting' });
  await act({ type: 'continue' });
  return { id, act };
}

const request = (user: string, password = GOOD_PASSWORD) => ({
  host: '127.0.0.1',
  port: smtp.port,
  trustedCaPem: caPem,
  login: { method: 'password' as const, user, password },
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the live check as a step of the wizard', () => {
  it('an accepted login since the fix is recorded as checked live and listed with the criteria', async () => {
    const { id, act } = await atVerify();
    const view = await api['sessions.liveCheck']({ id, probe: 'authLiveLogin', request: request(GOOD_USER) });
    const fact = view.session.facts.find((f) => f.key === 'after.smtp.login')!;
    expect(fact).toMatchObject({ value: true, source: 'checked', detail: expect.stringMatching(/^127\.0\.0\.1:\d+: login of sender@contoso\.com accepted/) });
    await act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 3 } });
    const verified = await api['sessions.act']({ id, action: { type: 'verify' } });
    expect(verified.session.verification!.result).toBe('pass');
    expect(verified.session.verification!.criteria!.find((c) => c.id === 'live-login-since-fix')).toMatchObject({
      state: 'pass',
      seen: expect.stringMatching(/accepted .*\(checked live, /),
    });
    const done = await api['sessions.act']({ id, action: { type: 'complete' } });
    expect(done.session.status).toBe('resolved');
    const report = await api['reports.preview']({ sessionId: id });
    expect(report.html).toContain('Checked live against the mail server');
    // The password typed for the check is in no file of the data folder and not in the report.
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).includes(GOOD_PASSWORD), file).toBe(false);
    expect(report.html).not.toContain(GOOD_PASSWORD);
  });

  it('a login refused since the fix fails the verification, even with emails sent', async () => {
    const { id, act } = await atVerify();
    // The test server answers this user as Exchange does with SMTP AUTH still off for the tenant.
    await api['sessions.liveCheck']({ id, probe: 'authLiveLogin', request: request('tenant@contoso.com') });
    await act({ type: 'answer', facts: { 'after.errors.count': 0, 'after.emails.sent': 3 } });
    const verified = await api['sessions.act']({ id, action: { type: 'verify' } });
    expect(verified.session.verification!.result).toBe('fail');
    expect(verified.session.verification!.summary).toMatch(
      /^Not fixed: a live login to the mail server is accepted since the fix: 127\.0\.0\.1:\d+: login of tenant@contoso\.com refused \(535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant/,
    );
  });

  it('refuses a probe that is not a live check, naming it', async () => {
    const { id } = await atVerify();
    await expect(api['sessions.liveCheck']({ id, probe: 'authErrorsAfter', request: request(GOOD_USER) })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'probe',
    });
  });
});
