import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { ReportModel } from '../../shared/report/model';
import type { SmtpCheckResult } from '../../shared/smtp-check/result';
import { removeDir, tempDataDir } from '../support/host';
import { GOOD_PASSWORD, makeCerts, startSmtp, type TestSmtp } from './smtp-check-servers';

/**
 * The check through the API (the dispatcher every host uses), and its JSON attached to a session:
 * validated, refused with the reason when it is not a check, and shown in the report as tables.
 */
const dataDir = tempDataDir('st-smtp-attach-');
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

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const newSession = async () =>
  (await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: null, environmentName: 'Contoso PRD', ticket: 'CS-9001' })).session.id;

describe('smtpCheck.run', () => {
  it('reports each stage as progress and returns the stages', async () => {
    const progress: string[] = [];
    const result = await api['smtpCheck.run'](
      { host: '127.0.0.1', port: smtp.port, trustedCaPem: caPem, login: { method: 'password', user: 'tenant@contoso.com', password: GOOD_PASSWORD } },
      { onProgress: (p) => progress.push(p.message) },
    );
    expect(result.outcome).toBe('login-refused');
    expect(progress).toEqual(expect.arrayContaining(['Name resolution…', 'TCP connect…', 'Banner…', 'EHLO…', 'TLS…', 'Login…', 'Done']));
  });

  it('refuses a wrong request with the field named, before connecting anywhere', async () => {
    await expect(api['smtpCheck.run']({ host: 'smtp.office365.com', port: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'port',
      message: 'port: Port must be between 1 and 65535',
    });
    await expect(api['smtpCheck.run']({ host: 'smtp.office365.com', port: 587, concurrency: { connections: 4, consent: true } })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'login',
    });
    await expect(
      api['smtpCheck.run']({
        host: 'smtp.office365.com',
        port: 587,
        login: { method: 'password', user: 'a@contoso.com', password: 'x' },
        envelope: { from: 'a@contoso.com', to: 'b@contoso.com' },
        concurrency: { connections: 4, consent: false as true },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'concurrency.consent', message: expect.stringContaining('Tick the box') });
  });
});

describe("a check's JSON attached to a session", () => {
  let check: SmtpCheckResult;
  let id = '';
  beforeAll(async () => {
    check = await api['smtpCheck.run']({
      host: '127.0.0.1',
      port: smtp.port,
      trustedCaPem: caPem,
      login: { method: 'password', user: 'tenant@contoso.com', password: GOOD_PASSWORD },
    });
    id = await newSession();
  });

  it('is attached as an SMTP check, and the report shows its stages, the refused reply and its playbook', async () => {
    const view = await api['sessions.attach']({ id, fileName: 'smtp-check.json', contentBase64: b64(JSON.stringify(check, null, 2)) });
    const a = view.session.attachments!.at(-1)!;
    expect(a).toMatchObject({ type: 'smtp-check', fileName: 'smtp-check.json' });
    expect(view.session.events.at(-1)!.summary).toMatch(/^Attached smtp-check\.json \(SMTP check JSON, \d+ KB\)\.$/);

    const { html } = await api['reports.preview']({ sessionId: id });
    expect(html).toContain(`SMTP check of 127.0.0.1:${smtp.port} (STARTTLS) as tenant@contoso.com`);
    expect(html).toMatch(/<td>Login<\/td><td><strong>Failed<\/strong><\/td>/);
    expect(html).toContain('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.');
    expect(html).toContain('(form tenant-disabled)');
    expect(html).toContain('CN=Smtp Check Test CA');

    const md = Buffer.from((await api['reports.export']({ sessionId: id, format: 'md' })).base64!, 'base64').toString('utf8');
    expect(md).toMatch(/\| Login \| Failed \| \d+ ms \| The server refused the login/);
    expect(md).toContain('| Valid for 127.0.0.1 | yes |');

    const json = JSON.parse(Buffer.from((await api['reports.export']({ sessionId: id, format: 'json' })).base64!, 'base64').toString('utf8')) as ReportModel;
    const attached = json.appendix.attachments!.find((x) => x.type === 'smtp-check')!;
    expect(attached.smtpCheck!.stages.find((s) => s.stage === 'login')!.match).toMatchObject({ playbookId: 'exchange-smtp-auth', form: 'tenant-disabled' });
  });

  it('keeps only the fields of a check: anything else in the file is dropped', async () => {
    const other = await newSession();
    const withExtra = { ...check, startedAt: '2026-12-01T10:00:00.000Z', password: 'hunter2-extra', stages: check.stages.map((s) => ({ ...s, secret: 'x' })) };
    const view = await api['sessions.attach']({ id: other, fileName: 'extra.json', contentBase64: b64(JSON.stringify(withExtra)) });
    const kept = view.session.attachments!.at(-1)!.smtpCheck!;
    expect(JSON.stringify(kept)).not.toContain('hunter2-extra');
    expect(JSON.stringify(kept)).not.toContain('"secret"');
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['not JSON', 'this is not json {', /not valid JSON/],
    ['another JSON', JSON.stringify({ hello: 'world' }), /not the JSON of an SMTP check/],
    ['a check with a wrong field', JSON.stringify({ format: 'support-toolkit.smtp-check', version: 1, host: 'x' }), /wrong field: port/],
  ];
  for (const [what, text, message] of refusals) {
    it(`refuses ${what} with the reason, and keeps what was attached`, async () => {
      const before = (await api['sessions.get']({ id })).session.attachments!.length;
      await expect(api['sessions.attach']({ id, fileName: 'check.json', contentBase64: b64(text) })).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'contentBase64',
        message: expect.stringMatching(message),
      });
      expect((await api['sessions.get']({ id })).session.attachments).toHaveLength(before);
    });
  }

  it('refuses a check larger than a check can be', async () => {
    const big = { ...check, summary: 'x'.repeat(600 * 1024) };
    await expect(api['sessions.attach']({ id, fileName: 'big.json', contentBase64: b64(JSON.stringify(big)) })).rejects.toMatchObject({
      field: 'contentBase64',
      message: expect.stringContaining('larger than an SMTP check'),
    });
  });
});
