import type net from 'node:net';
import type tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { TimedStage } from '../../../shared/smtp-check/request';

/**
 * One SMTP session driven by Nodemailer's SMTPConnection, watched line by line so every stage gets
 * its own time-out and timing. The dialogue is read from the connection's transaction log, which
 * Nodemailer already writes without secrets; the client lines are masked again here, so nothing
 * typed for a login can reach a reply, a stage or an error.
 */

export interface DialogueLine {
  /** performance.now() when the line was sent or received. */
  at: number;
  dir: 'client' | 'server';
  text: string;
}

/** A stage that took longer than its time-out. */
export class StageTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly stage: TimedStage,
    readonly ms: number,
  ) {
    super(`No answer within ${new Intl.NumberFormat('en').format(ms)} ms`);
  }
}

/** The error Nodemailer hands back: its code, the server's reply and the command in flight. */
export interface SmtpError extends Error {
  code?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

const SAFE_COMMAND = /^(?:EHLO|HELO|LHLO|STARTTLS|MAIL FROM|RCPT TO|DATA|RSET|QUIT|NOOP)\b/i;

/** The command as the check records it: SMTP verbs whole, AUTH with its mechanism only, anything else hidden. */
export function maskClientLine(line: string): string {
  if (SAFE_COMMAND.test(line)) return line;
  const auth = /^AUTH\s+[A-Za-z0-9_-]+/i.exec(line);
  if (auth) return auth[0].toUpperCase();
  return '(credentials, not shown)';
}

export interface DialogueOptions {
  /** Connected (and for implicit TLS, already secured) socket. */
  socket: net.Socket;
  host: string;
  port: number;
  secured: boolean;
  /** No STARTTLS even when offered (TLS mode "none"). */
  ignoreTLS: boolean;
  tls: tls.ConnectionOptions;
  timeoutMs: (stage: TimedStage) => number;
  onStage?: (stage: TimedStage) => void;
  /** Cancels whatever step is waiting, at once, and closes the connection. */
  signal: AbortSignal;
}

type Custom = SMTPConnection.CustomAuthenticationContext;

export class SmtpDialogue {
  readonly lines: DialogueLine[] = [];
  readonly conn: SMTPConnection;
  private current: TimedStage = 'banner';
  private timer: NodeJS.Timeout | undefined;
  private pendingReject: ((error: Error) => void) | undefined;
  private failure: Error | undefined;
  private commandChannel: ((ctx: Custom) => Promise<void>) | undefined;

  constructor(private readonly o: DialogueOptions) {
    const record =
      (dir: DialogueLine['dir']) =>
      (_meta: unknown, message: unknown, ...args: unknown[]) => {
        if (typeof message !== 'string' || args.length > 0) return;
        this.onLine(dir, message);
      };
    const ignore = () => undefined;
    const logger = {
      trace: ignore,
      info: ignore,
      warn: ignore,
      error: ignore,
      fatal: ignore,
      debug: (meta: { tnx?: string }, message: unknown, ...args: unknown[]) => {
        if (meta?.tnx === 'client') record('client')(meta, message, ...args);
        else if (meta?.tnx === 'server') record('server')(meta, message, ...args);
      },
    };
    const longest = Math.max(...(['banner', 'ehlo', 'tls', 'login', 'envelope', 'message'] as const).map((s) => o.timeoutMs(s)));
    this.conn = new SMTPConnection({
      host: o.host,
      port: o.port,
      connection: o.socket,
      secure: o.secured,
      secured: o.secured,
      ignoreTLS: o.ignoreTLS,
      tls: o.tls,
      logger,
      transactionLog: true,
      // The check's own stage timers decide; Nodemailer's are a backstop just behind them.
      greetingTimeout: longest + 1_000,
      socketTimeout: longest + 1_000,
      socketCloseTimeout: 0,
      // A reply that never ends is cut here rather than held in memory.
      maxResponseSize: 256 * 1024,
      name: 'support-toolkit.smtp-check',
      customAuth: {
        // Nodemailer's public API sends DATA right after RCPT TO; its custom command channel is the
        // supported way to send MAIL FROM / RCPT TO / RSET alone and read each parsed reply.
        'X-TOOLKIT-COMMANDS': (ctx) => this.commandChannel?.(ctx),
      },
    });
    this.conn.on('error', (error: Error) => this.fail(error));
    const onAbort = () => this.fail(o.signal.reason instanceof Error ? o.signal.reason : new Error('Cancelled'));
    o.signal.addEventListener('abort', onAbort, { once: true });
    this.conn.on('end', () => {
      o.signal.removeEventListener('abort', onAbort);
      this.fail(this.closedError());
    });
  }

  /** The stage the dialogue is in now. */
  get stage(): TimedStage {
    return this.current;
  }

  private closedError(): SmtpError {
    return Object.assign(new Error('The server closed the connection'), { code: 'ECONNECTION' });
  }

  private onLine(dir: DialogueLine['dir'], raw: string) {
    const text = dir === 'client' ? maskClientLine(raw) : raw;
    this.lines.push({ at: performance.now(), dir, text });
    if (dir !== 'client') return;
    if (/^(EHLO|HELO)\b/i.test(text)) this.enter('ehlo');
    else if (/^STARTTLS\b/i.test(text)) this.enter('tls');
    else if (/^DATA\b/i.test(text)) this.enter('message');
  }

  /** Starts the stage's timer; when it runs out the connection is closed and the waiting call fails. */
  enter(stage: TimedStage) {
    this.current = stage;
    clearTimeout(this.timer);
    const ms = this.o.timeoutMs(stage);
    this.timer = setTimeout(() => this.fail(new StageTimeoutError(stage, ms)), ms);
    this.o.onStage?.(stage);
  }

  private fail(error: Error) {
    this.failure ??= error;
    clearTimeout(this.timer);
    const reject = this.pendingReject;
    this.pendingReject = undefined;
    reject?.(this.failure);
    this.conn.close();
  }

  /** Runs one step; settles with its callback, or fails with the first time-out, error or close. */
  private step<T>(stage: TimedStage, start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    this.enter(stage);
    return new Promise<T>((resolve, reject) => {
      this.pendingReject = reject;
      start((error, value) => {
        if (this.pendingReject !== reject) return; // already failed by a time-out or a close
        this.pendingReject = undefined;
        clearTimeout(this.timer);
        if (error) reject(this.failure ?? error);
        else resolve(value as T);
      });
    });
  }

  /** Banner, EHLO, STARTTLS when offered and asked for, and EHLO again over TLS. */
  open(): Promise<void> {
    return this.step('banner', (done) => this.conn.connect((error) => done(error)));
  }

  login(auth: SMTPConnection.AuthenticationType): Promise<void> {
    return this.step('login', (done) => this.conn.login(auth, (error) => done(error)));
  }

  /**
   * Sends commands one at a time through the custom command channel and stops at the first refusal;
   * resolves with each reply received (the last one is the refusal, if any).
   */
  commands(stage: TimedStage, list: readonly string[]): Promise<Array<{ command: string; reply: string; ok: boolean }>> {
    const replies: Array<{ command: string; reply: string; ok: boolean }> = [];
    this.commandChannel = async (ctx) => {
      for (const command of list) {
        this.lines.push({ at: performance.now(), dir: 'client', text: maskClientLine(command) });
        const reply = await ctx.sendCommand(command);
        const ok = reply.status >= 200 && reply.status < 400;
        replies.push({ command, reply: reply.response, ok });
        if (!ok) break;
      }
      ctx.resolve();
    };
    return this.step<void>(stage, (done) => this.conn.login({ method: 'X-TOOLKIT-COMMANDS' }, (error) => done(error))).then(() => replies);
  }

  send(envelope: SMTPConnection.Envelope, message: string): Promise<SMTPConnection.SentMessageInfo> {
    return this.step('envelope', (done) => this.conn.send(envelope, message, done));
  }

  /**
   * QUIT politely, and close whatever happens (domain.md 4e: idle connections are not kept).
   * Resolves once the connection is closed, so a server counting connections no longer counts it.
   */
  quit(): Promise<void> {
    clearTimeout(this.timer);
    this.pendingReject = undefined;
    this.failure ??= new Error('closed');
    if (this.conn.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => this.conn.close(), 1_000);
      this.conn.once('end', () => {
        clearTimeout(force);
        resolve();
      });
      try {
        this.conn.quit();
      } catch {
        this.conn.close();
      }
    });
  }

  /** The socket now in use (the TLS one after STARTTLS). */
  get socket(): net.Socket | tls.TLSSocket | null {
    return this.conn._socket || null;
  }
}
