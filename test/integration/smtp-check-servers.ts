import { execFile } from 'node:child_process';
import type net from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { PROJECT_ROOT } from '../support/host';

/**
 * Real SMTP servers on 127.0.0.1 for the live SMTP check's tests: Nodemailer's smtp-server with a
 * certificate made here, imitating Exchange Online where it matters (AUTH only after STARTTLS, the
 * 5.7.139 refusals, 432 at the end of DATA on the 4th concurrent connection), and raw TCP servers
 * that misbehave on purpose.
 */

export const GOOD_USER = 'sender@contoso.com';
export const GOOD_PASSWORD = 'Pa55-smtp-check-Zq81x';
export const GOOD_TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6InRva2VuLWZvci10ZXN0cyJ9.smtp-check-token';

/** Users whose login the server refuses, with the exact reply (domain.md 4b, 4d). */
export const REFUSALS: Record<string, string> = {
  'tenant@contoso.com':
    '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
  'credentials@contoso.com': '5.7.139 Authentication unsuccessful, the user credentials were incorrect.',
  'basic@contoso.com': '5.7.139 Authentication unsuccessful, basic authentication is disabled.',
  'criteria@contoso.com':
    '5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.',
  'bare@contoso.com': '5.7.139 Authentication unsuccessful',
};

export interface Certs {
  caPem: string;
  good: { key: string; cert: string };
  otherName: { key: string; cert: string };
  expired: { key: string; cert: string };
}

const DAY = 24 * 3600 * 1000;

export async function makeCerts(): Promise<Certs> {
  const ca = await generate([{ name: 'commonName', value: 'Smtp Check Test CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = async (cn: string, altNames: Array<{ type: 2 | 7; value?: string; ip?: string }>, from: Date, to: Date) => {
    const made = await generate([{ name: 'commonName', value: cn }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: from,
      notAfterDate: to,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    });
    return { key: made.private, cert: made.cert };
  };
  const now = Date.now();
  return {
    caPem: ca.cert,
    good: await leaf('127.0.0.1', [{ type: 7, ip: '127.0.0.1' }], new Date(now - DAY), new Date(now + 30 * DAY)),
    otherName: await leaf('mail.other.example', [{ type: 2, value: 'mail.other.example' }], new Date(now - DAY), new Date(now + 30 * DAY)),
    expired: await leaf('127.0.0.1', [{ type: 7, ip: '127.0.0.1' }], new Date(now - 60 * DAY), new Date(now - 2 * DAY)),
  };
}

export interface TestSmtp {
  port: number;
  /** Subjects of the messages accepted. */
  received: string[];
  /** Every AUTH attempt: method and user (what a server is told, never checked against a file). */
  logins: string[];
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * Exchange-like smtp-server: STARTTLS, AUTH LOGIN/PLAIN/XOAUTH2 only after TLS, the refusals above,
 * and with `limit`, 432 at the end of DATA for a session opened while `limit` others were open.
 */
export async function startSmtp(options: {
  certs: Certs;
  cert?: 'good' | 'otherName' | 'expired';
  limit?: number;
  server?: Partial<SMTPServerOptions>;
}): Promise<TestSmtp> {
  const received: string[] = [];
  const logins: string[] = [];
  const open: string[] = [];
  const pair = options.certs[options.cert ?? 'good'];
  const server = new SMTPServer({
    key: pair.key,
    cert: pair.cert,
    logger: false,
    banner: 'Microsoft ESMTP MAIL Service ready (test)',
    authMethods: ['LOGIN', 'PLAIN', 'XOAUTH2'],
    onConnect(session: SMTPServerSession, callback) {
      open.push(session.id);
      callback();
    },
    onClose(session: SMTPServerSession) {
      const at = open.indexOf(session.id);
      if (at >= 0) open.splice(at, 1);
    },
    onAuth(auth, _session, callback) {
      logins.push(`${auth.method} ${auth.username}`);
      const refusal = auth.username ? REFUSALS[auth.username] : undefined;
      if (refusal) return callback(smtpError(535, refusal));
      const ok = auth.username === GOOD_USER && (auth.method === 'XOAUTH2' ? auth.accessToken === GOOD_TOKEN : auth.password === GOOD_PASSWORD);
      if (!ok) return callback(smtpError(535, '5.7.3 Authentication unsuccessful'));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (options.limit !== undefined && open.indexOf(session.id) >= options.limit) {
          return callback(
            smtpError(
              432,
              '4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=AM0PR01MB0001.eurprd01.prod.outlook.com]',
            ),
          );
        }
        const subject = /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
        received.push(subject);
        callback(null, '2.0.0 OK <test@contoso.com> [Hostname=AM0PR01MB0001]');
      });
    },
    ...options.server,
  });
  // A client that gives up on a handshake is what several tests do on purpose: not an error of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, received, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `npm run -s smtp-check -- …args` as a customer runs it (the command line's bundle), with `env` added. */
export function runSmtpCheckCommand(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'scripts', 'cli.cjs'), 'smtp-check', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
