import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmtpCheckCli, type SmtpCheckCliDeps } from '../../electron/cli/smtp-check-run';
import { runSmtpCheck } from '../../electron/services/smtp-check/run';
import { SMTP_AUTH_PLAYBOOK_ID } from '../../shared/playbooks/smtp-auth';
import { smtpCheckResultSchema } from '../../shared/smtp-check/result';
import { removeDir, tempDataDir } from '../support/host';
import { GOOD_PASSWORD, GOOD_USER, makeCerts, runSmtpCheckCommand, startSmtp, type Certs, type TestSmtp } from './smtp-check-servers';

/**
 * `npm run -s smtp-check`: what a customer runs on a front-end server and sends back. The exit code
 * says the outcome, the JSON names each stage and the playbook of a refused reply, and a wrong
 * command line is refused before anything is sent or asked.
 */

let certs: Certs;
let smtp: TestSmtp;
let dir: string;
let caFile: string;
beforeAll(async () => {
  certs = await makeCerts();
  smtp = await startSmtp({ certs });
  dir = tempDataDir('st-smtp-cli-');
  caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, certs.caPem);
});
afterAll(async () => {
  await smtp.close();
  removeDir(dir);
});

function deps(over: Partial<SmtpCheckCliDeps> = {}): SmtpCheckCliDeps & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    run: runSmtpCheck,
    env: {},
    promptHidden: async (q) => {
      prompts.push(q);
      return GOOD_PASSWORD;
    },
    readFile: async () => certs.caPem,
    prompts,
    ...over,
  };
}

describe('the command line refuses what is wrong before sending anything', () => {
  const cases: Array<[string[], RegExp]> = [
    [[], /--host is required/],
    [['--host', 'smtp.office365.com', '--port', 'abc'], /--port must be a number, not "abc"/],
    [['--host', 'smtp.office365.com', '--port', '70000'], /--port: Port must be between 1 and 65535/],
    [['--host', 'smtp.office365.com', '--tls', 'ssl'], /--tls: TLS must be starttls, implicit or none/],
    [['--host', 'https://smtp.office365.com'], /--host: Host must be a host name or an IP address/],
    [['--host', 'smtp.office365.com', '--from', 'a@contoso.com'], /--from and --to go together/],
    [
      ['--host', 'smtp.office365.com', '--user', 'a@contoso.com', '--from', 'a@contoso.com', '--to', 'b@contoso.com', '--concurrency', '4'],
      /--yes-send-test-emails/,
    ],
    [
      [
        '--host',
        'smtp.office365.com',
        '--user',
        'a@contoso.com',
        '--from',
        'a@contoso.com',
        '--to',
        'b@contoso.com',
        '--concurrency',
        '9',
        '--yes-send-test-emails',
      ],
      /--concurrency: Open at most 6/,
    ],
    [['--host', 'smtp.office365.com', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' ') || '(nothing)', async () => {
      const d = deps({ run: () => Promise.reject(new Error('must not run')) });
      const out = await runSmtpCheckCli(argv, d);
      expect(out.exitCode).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).toContain('Nothing was sent');
      expect(d.prompts).toEqual([]);
    });
  }

  it('asks for the password without echo when SMTP_CHECK_PASSWORD is not set, and signs in with it', async () => {
    const d = deps();
    const out = await runSmtpCheckCli(['--host', '127.0.0.1', '--port', String(smtp.port), '--user', GOOD_USER, '--ca', caFile], d);
    expect(d.prompts).toEqual([`Password for ${GOOD_USER} (not shown): `]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/\[ok\] {3}Login/);
    expect(out.stdout).toContain('Exit code 0: every stage passed.');
  });

  it('says so when there is no terminal to ask in', async () => {
    const out = await runSmtpCheckCli(
      ['--host', '127.0.0.1', '--user', GOOD_USER],
      deps({ promptHidden: () => Promise.reject(new Error('No terminal to ask for the secret in: set SMTP_CHECK_PASSWORD')) }),
    );
    expect(out).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('set SMTP_CHECK_PASSWORD') });
  });
});

describe('the command a customer runs (npm run -s smtp-check)', () => {
  it('a refused login: exit code 5, and the JSON names the stage, the reply, the playbook and its form', async () => {
    const run = await runSmtpCheckCommand(['--host', '127.0.0.1', '--port', String(smtp.port), '--user', 'tenant@contoso.com', '--ca', caFile, '--json'], {
      SMTP_CHECK_PASSWORD: GOOD_PASSWORD,
    });
    expect(run.code).toBe(5);
    const result = smtpCheckResultSchema.parse(JSON.parse(run.stdout));
    const login = result.stages.find((s) => s.stage === 'login')!;
    expect(login).toMatchObject({
      status: 'failed',
      reply: expect.stringMatching(/^535 5\.7\.139/),
      match: { playbookId: SMTP_AUTH_PLAYBOOK_ID, form: 'tenant-disabled' },
    });
    expect(result.outcome).toBe('login-refused');
  }, 60_000);
});
