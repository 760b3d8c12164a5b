import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeBoard } from '../../electron/services/context';
import { createServices } from '../../electron/services/create-services';
import { createInProcessClient } from '../../electron/services/in-process-client';
import type { SmtpCheckRequestInput } from '../../shared/smtp-check/request';
import { removeDir, tempDataDir } from '../support/host';
import { GOOD_PASSWORD, GOOD_TOKEN, GOOD_USER, makeCerts, runSmtpCheckCommand, startSmtp, type Certs, type TestSmtp } from '../integration/smtp-check-servers';

/**
 * The password or token typed for a live SMTP check is used for that check only: it never appears in
 * the result, the progress, anything logged, any file of the data folder, the report, or the
 * command line's output, in clear or in the base64 forms AUTH LOGIN, PLAIN and XOAUTH2 send.
 */

const dataDir = tempDataDir('st-smtp-secret-');
const services = await createServices({ dataDir, hostKind: 'cli', appVersion: 'test', notices: createNoticeBoard() });
const api = createInProcessClient(services);
let certs: Certs;
let smtp: TestSmtp;
let limited: TestSmtp;
let tls10: TestSmtp;
let plain: TestSmtp;
beforeAll(async () => {
  certs = await makeCerts();
  smtp = await startSmtp({ certs });
  limited = await startSmtp({ certs, limit: 3 });
  tls10 = await startSmtp({ certs, server: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as never });
  plain = await startSmtp({ certs, server: { hideSTARTTLS: true, allowInsecureAuth: true } });
});
afterAll(async () => {
  await Promise.all([smtp, limited, tls10, plain].map((s) => s?.close()));
  await services.close();
  removeDir(dataDir);
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** Every form the secrets could take on the way out. */
function forms(user: string): string[] {
  return [
    GOOD_PASSWORD,
    GOOD_TOKEN,
    b64(GOOD_PASSWORD),
    b64(GOOD_TOKEN),
    b64(`\u0000${user}\u0000${GOOD_PASSWORD}`),
    b64(`user=${user}\u0001auth=Bearer ${GOOD_TOKEN}\u0001\u0001`),
    encodeURIComponent(GOOD_PASSWORD),
  ];
}
const SECRETS = [...new Set([...forms(GOOD_USER), ...forms('tenant@contoso.com')])];

function expectNoSecret(text: string, where: string) {
  for (const secret of SECRETS) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const password = (user = GOOD_USER) => ({ method: 'password' as const, user, password: GOOD_PASSWORD });
const envelope = { from: GOOD_USER, to: 'helpdesk@contoso.com' };

describe('the password and the token stay in the check', () => {
  const captured: string[] = [];
  const results: string[] = [];
  const restore: Array<() => void> = [];

  beforeAll(async () => {
    // Everything the process writes while the checks run.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        captured.push(String(chunk));
        return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        captured.push(args.map(String).join(' '));
        original(...args);
      };
      restore.push(() => (console[level] = original));
    }
    const requests: Array<SmtpCheckRequestInput> = [
      { host: '127.0.0.1', port: smtp.port, login: password(), envelope: { ...envelope, send: true } },
      { host: '127.0.0.1', port: smtp.port, login: password('tenant@contoso.com') },
      { host: '127.0.0.1', port: smtp.port, login: { method: 'xoauth2', user: GOOD_USER, accessToken: GOOD_TOKEN } },
      { host: '127.0.0.1', port: smtp.port, login: { method: 'xoauth2', user: 'tenant@contoso.com', accessToken: GOOD_TOKEN } },
      { host: '127.0.0.1', port: limited.port, login: password(), envelope, concurrency: { connections: 4, consent: true } },
      { host: '127.0.0.1', port: tls10.port, login: password() },
      { host: '127.0.0.1', port: plain.port, tls: 'none', login: password() },
    ];
    try {
      for (const request of requests) {
        const result = await api['smtpCheck.run']({ trustedCaPem: certs.caPem, ...request }, { onProgress: (p) => captured.push(JSON.stringify(p)) });
        results.push(JSON.stringify(result));
      }
      const error = await services.dispatch('smtpCheck.run', { host: '127.0.0.1', port: 0, login: password() });
      results.push(JSON.stringify(error));
    } finally {
      for (const undo of restore) undo();
    }
    const id = (await api['sessions.create']({ playbookId: 'exchange-smtp-auth', profileId: null, environmentName: 'Contoso PRD', ticket: 'CS-1' })).session.id;
    for (const [i, json] of results.slice(0, -1).entries()) await api['sessions.attach']({ id, fileName: `check-${i}.json`, contentBase64: b64(json) });
    results.push((await api['reports.preview']({ sessionId: id })).html);
    for (const format of ['md', 'json'] as const)
      results.push(Buffer.from((await api['reports.export']({ sessionId: id, format })).base64!, 'base64').toString('utf8'));
  }, 60_000);

  it('the checks really signed in (so a secret had something to leak)', () => {
    expect(smtp.logins).toEqual(expect.arrayContaining([`LOGIN ${GOOD_USER}`, 'LOGIN tenant@contoso.com', `XOAUTH2 ${GOOD_USER}`]));
    expect(plain.logins).toEqual([`LOGIN ${GOOD_USER}`]);
    expect(tls10.logins).toEqual([]);
    expect(results).toHaveLength(11);
  });

  it('no result, error, progress event or report holds it', () => {
    for (const [i, text] of results.entries()) expectNoSecret(text, `result ${i}`);
    expectNoSecret(captured.join('\n'), 'what the process wrote');
  });

  it('no file of the data folder holds it', () => {
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('.json') && f.includes('attachments'))).toBe(true);
    for (const file of files) expectNoSecret(readFileSync(file).toString('latin1'), file);
  });
});

describe('the command line', () => {
  it('prints neither the password (text or JSON, signed in or refused) nor the token', async () => {
    const ca = path.join(dataDir, 'ca.pem');
    writeFileSync(ca, certs.caPem);
    const base = ['--host', '127.0.0.1', '--port', String(smtp.port), '--ca', ca];
    // One after another: the first run builds the command line's bundle when it is stale.
    const runs = [
      await runSmtpCheckCommand([...base, '--user', GOOD_USER], { SMTP_CHECK_PASSWORD: GOOD_PASSWORD }),
      await runSmtpCheckCommand([...base, '--user', 'tenant@contoso.com', '--json'], { SMTP_CHECK_PASSWORD: GOOD_PASSWORD }),
      await runSmtpCheckCommand([...base, '--user', GOOD_USER, '--xoauth2', '--json'], { SMTP_CHECK_TOKEN: GOOD_TOKEN }),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 5, 0]);
    for (const r of runs) expectNoSecret(r.stdout + r.stderr, 'the command output');
  }, 90_000);
});
