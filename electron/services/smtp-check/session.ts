import type net from 'node:net';
import type tls from 'node:tls';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import { stageTimeout, type SmtpCheckRequest, type SmtpLogin, type TimedStage } from '../../../shared/smtp-check/request';
import type { SmtpStageResult, SmtpTlsDetails } from '../../../shared/smtp-check/result';
import { SmtpDialogue, type DialogueLine } from './dialogue';
import { connectTcp, startImplicitTls, tlsOptions } from './network';
import { failed, networkWords, passed, skipped, timed } from './stages';
import { handshakeWords, tlsDetails } from './tls-details';

/**
 * One connection of the check, from TCP connect to the last EHLO over TLS, then the login: each
 * stage recorded as it happened. Used once by the check and once per connection of the
 * concurrency measure.
 */

export interface OpenedSession {
  stages: SmtpStageResult[];
  dialogue: SmtpDialogue | null;
  tls: SmtpTlsDetails | null;
  extensions: string[];
  authMechanisms: string[];
  /** False when a stage failed: the session is closed and nothing more is sent. */
  ok: boolean;
}

export interface SessionContext {
  request: SmtpCheckRequest;
  addresses: readonly string[];
  signal: AbortSignal;
  onStage?: (stage: TimedStage) => void;
}

const firstLine = (text: string) => text.split('\n')[0] ?? '';

/** The EHLO reply's extension lines, without the greeting line. */
function extensionsOf(reply: string): string[] {
  return reply
    .split('\n')
    .slice(1)
    .map((l) => l.replace(/^\d{3}[ -]/, '').trim())
    .filter(Boolean)
    .slice(0, 100);
}

function authOf(extensions: readonly string[]): string[] {
  const line = extensions.find((e) => /^AUTH[ =]/i.test(e));
  return line
    ? [
        ...new Set(
          line
            .slice(5)
            .split(/[\s=]+/)
            .filter(Boolean)
            .map((m) => m.toUpperCase()),
        ),
      ].slice(0, 30)
    : [];
}

/** The server line answering the client line at `index`. */
function replyTo(lines: readonly DialogueLine[], index: number): DialogueLine | undefined {
  return lines.slice(index + 1).find((l) => l.dir === 'server');
}

export async function openSession(ctx: SessionContext): Promise<OpenedSession> {
  const { request, signal } = ctx;
  const timeout = (stage: TimedStage) => stageTimeout(request, stage);
  const stages: SmtpStageResult[] = [];
  const result: OpenedSession = { stages, dialogue: null, tls: null, extensions: [], authMechanisms: [], ok: false };
  const options = tlsOptions(request.host, request.trustedCaPem);

  ctx.onStage?.('connect');
  let t = performance.now();
  let socket: net.Socket;
  try {
    socket = await connectTcp(ctx.addresses, request.port, timeout('connect'), signal);
    stages.push(
      passed('connect', t, `Connected to ${socket.remoteAddress ?? ctx.addresses[0]}:${request.port} from ${socket.localAddress ?? 'this computer'}.`),
    );
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const stage = failed('connect', t, error, 'Not connected');
    if (!(error as { stage?: string }).stage) stage.detail = `${networkWords(error, request.host, request.port)}.`;
    stages.push(stage);
    return result;
  }

  if (request.tls === 'implicit') {
    ctx.onStage?.('tls');
    t = performance.now();
    try {
      socket = await startImplicitTls(socket, options, timeout('tls'), signal);
    } catch (error) {
      socket.destroy();
      if (signal.aborted) throw signal.reason;
      const stage = failed('tls', t, error, 'No TLS');
      if (!(error as { stage?: string }).stage) stage.detail = handshakeWords(error);
      stages.push(stage);
      return result;
    }
    result.tls = tlsDetails(socket as tls.TLSSocket, request.host, 'implicit');
    stages.push(tlsStage(result.tls, t, performance.now()));
    if (result.tls.problem) {
      socket.destroy();
      return result;
    }
  }

  const dialogue = new SmtpDialogue({
    socket,
    host: request.host,
    port: request.port,
    secured: request.tls === 'implicit',
    ignoreTLS: request.tls === 'none',
    tls: options,
    timeoutMs: timeout,
    onStage: ctx.onStage,
    signal,
  });
  result.dialogue = dialogue;
  const openedAt = performance.now();
  let openError: unknown = null;
  try {
    await dialogue.open();
  } catch (error) {
    openError = error;
  }
  if (signal.aborted) {
    await dialogue.quit();
    throw signal.reason;
  }

  // The stages as the dialogue shows them: banner, first EHLO, STARTTLS, EHLO again over TLS.
  const lines = dialogue.lines;
  const banner = lines.find((l) => l.dir === 'server');
  const failedAt = dialogue.stage;
  if (!banner || (openError && failedAt === 'banner')) {
    stages.push(failed('banner', openedAt, openError, 'No banner'));
    await dialogue.quit();
    return result;
  }
  stages.push(timed('banner', 'passed', openedAt, banner.at, firstLine(banner.text), { reply: banner.text }));

  const ehloIndexes = lines.flatMap((l, i) => (l.dir === 'client' && /^(EHLO|HELO)\b/i.test(l.text) ? [i] : []));
  const starttlsIndex = lines.findIndex((l) => l.dir === 'client' && /^STARTTLS\b/i.test(l.text));
  const firstEhlo = ehloIndexes[0];
  const firstReply = firstEhlo === undefined ? undefined : replyTo(lines, firstEhlo);
  if (openError && failedAt === 'ehlo' && (starttlsIndex < 0 || ehloIndexes.length < 2)) {
    stages.push(failed('ehlo', firstEhlo === undefined ? banner.at : lines[firstEhlo]!.at, openError, 'EHLO failed'));
    await dialogue.quit();
    return result;
  }
  if (firstEhlo !== undefined && firstReply) {
    const ext = extensionsOf(firstReply.text);
    stages.push(
      timed('ehlo', 'passed', lines[firstEhlo]!.at, firstReply.at, `${ext.length} extension${ext.length === 1 ? '' : 's'}: ${ext.join(', ') || 'none'}.`, {
        command: lines[firstEhlo]!.text,
        reply: firstReply.text,
      }),
    );
    result.extensions = ext;
  }

  if (request.tls === 'starttls') {
    const tlsStart = starttlsIndex >= 0 ? lines[starttlsIndex]!.at : performance.now();
    if (openError) {
      // After the handshake, only EHLO over TLS was left: TLS itself held, the session over it did not.
      const afterHandshake = ehloIndexes.length >= 2 && dialogue.socket && 'getPeerCertificate' in dialogue.socket;
      if (afterHandshake) result.tls = tlsDetails(dialogue.socket, request.host, 'starttls');
      const stage = failed('tls', tlsStart, openError, afterHandshake ? 'TLS was set up, but EHLO over TLS failed' : 'STARTTLS failed');
      if (!afterHandshake && !stage.reply && !(openError as { stage?: string }).stage) stage.detail = handshakeWords(openError);
      stages.push({ ...stage, command: afterHandshake ? lines[ehloIndexes[1]!]!.text : 'STARTTLS' });
      await dialogue.quit();
      return result;
    }
    if (!dialogue.conn.secure || !dialogue.socket || !('getPeerCertificate' in dialogue.socket)) {
      stages.push(
        timed(
          'tls',
          'failed',
          tlsStart,
          tlsStart,
          `The server did not offer STARTTLS in its EHLO reply, so the connection stays unencrypted. No password or email was sent on it. Exchange Online offers STARTTLS on port 587; a proxy or firewall that removes it gives this.`,
        ),
      );
      await dialogue.quit();
      return result;
    }
    result.tls = tlsDetails(dialogue.socket, request.host, 'starttls');
    const secondEhlo = ehloIndexes[1];
    stages.push({ ...tlsStage(result.tls, tlsStart, secondEhlo === undefined ? performance.now() : lines[secondEhlo]!.at), command: 'STARTTLS' });
    if (result.tls.problem) {
      await dialogue.quit();
      return result;
    }
  } else if (openError) {
    stages.push(failed(failedAt === 'banner' ? 'banner' : 'ehlo', openedAt, openError, 'The dialogue failed'));
    await dialogue.quit();
    return result;
  } else if (request.tls === 'none') {
    stages.push(skipped('tls', 'Not asked for (TLS mode none): the connection is not encrypted.'));
  }

  // The last EHLO reply is the one that counts: over TLS, Exchange Online offers AUTH only there.
  const lastEhlo = ehloIndexes[ehloIndexes.length - 1];
  const lastReply = lastEhlo === undefined ? undefined : replyTo(lines, lastEhlo);
  if (lastReply) result.extensions = extensionsOf(lastReply.text);
  result.authMechanisms = authOf(result.extensions);
  stages.push(authOfferedStage(result.authMechanisms, request.login, lastEhlo === undefined ? null : lines[lastEhlo]!.at, lastReply?.at ?? null));
  if (stages.some((s) => s.status === 'failed')) {
    await dialogue.quit();
    return result;
  }
  result.ok = true;
  return result;
}

function tlsStage(details: SmtpTlsDetails, from: number, to: number): SmtpStageResult {
  const cert = details.certificate;
  const what = `${details.protocol ?? 'TLS'}, ${details.cipher ?? 'unknown cipher'}${cert ? `; certificate ${cert.subject}, valid to ${cert.validTo}` : ''}.`;
  return details.problem
    ? timed('tls', 'failed', from, to, `${details.problem} (${what}) No password or email was sent.`)
    : timed('tls', 'passed', from, to, what);
}

/** The mechanism a password login uses: LOGIN as the platform does, PLAIN when only that is offered. */
export function passwordMechanism(offered: readonly string[]): 'LOGIN' | 'PLAIN' | null {
  if (offered.includes('LOGIN')) return 'LOGIN';
  if (offered.includes('PLAIN')) return 'PLAIN';
  return null;
}

function authOfferedStage(offered: string[], login: SmtpLogin | undefined, from: number | null, to: number | null): SmtpStageResult {
  const list = offered.join(', ');
  const took = from !== null && to !== null ? Math.max(0, Math.round(to - from)) : null;
  const at = (status: SmtpStageResult['status'], detail: string): SmtpStageResult => ({ stage: 'auth-offered', status, ms: took, detail });
  if (!login)
    return offered.length
      ? at('passed', `Offered: ${list}.`)
      : at('warning', 'The server offers no AUTH mechanism here (a relay that accepts by IP address, or AUTH only after TLS).');
  if (!offered.length)
    return at('failed', 'The server offers no AUTH mechanism, so the login cannot be tried. Exchange Online offers AUTH only after STARTTLS.');
  if (login.method === 'xoauth2' && !offered.includes('XOAUTH2')) return at('failed', `The server does not offer XOAUTH2 (offered: ${list}).`);
  if (login.method === 'password' && !passwordMechanism(offered))
    return at('failed', `The server offers no mechanism for a password (offered: ${list}): only an OAuth 2.0 token can sign in.`);
  return at('passed', `Offered: ${list}.`);
}

/** Signs in with what was typed; the secret goes to Nodemailer and nowhere else. */
export async function login(dialogue: SmtpDialogue, credentials: SmtpLogin, offered: readonly string[]): Promise<SmtpStageResult> {
  const t = performance.now();
  const method = credentials.method === 'xoauth2' ? 'XOAUTH2' : passwordMechanism(offered)!;
  const auth =
    credentials.method === 'xoauth2'
      ? { type: 'OAuth2', user: credentials.user, method, oauth2: new XOAuth2({ user: credentials.user, accessToken: credentials.accessToken }) }
      : { user: credentials.user, pass: credentials.password, method };
  const before = dialogue.lines.length;
  try {
    await dialogue.login(auth);
    const reply = dialogue.lines
      .slice(before)
      .filter((l) => l.dir === 'server')
      .pop()?.text;
    return passed('login', t, `Signed in as ${credentials.user} with AUTH ${method}.`, { command: `AUTH ${method}`, ...(reply ? { reply } : {}) });
  } catch (error) {
    return { ...failed('login', t, error, `The server refused the login of ${credentials.user} with AUTH ${method}`), command: `AUTH ${method}` };
  }
}
