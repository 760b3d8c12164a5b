import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contract, isMethodName } from '../../shared/api/contract';
import { ApiError, type ApiErrorCode, type Envelope } from '../../shared/api/errors';
import type { ApiEvent } from '../../shared/api/events';
import { APP_CSP } from '../../shared/csp';
import type { NoticeBoard } from '../services/context';
import type { Services } from '../services/create-services';
import { MAX_INPUT_DEPTH } from '../services/dispatch';
import { RENDERER_CONTENT_TYPES } from '../../shared/content-types';

export interface HttpHostOptions {
  services: Pick<Services, 'dispatch'>;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
  /** Notices added while the host runs are pushed to every open page as `notice` events. */
  notices?: Pick<NoticeBoard, 'subscribe'>;
}

export interface HttpHost {
  url: string;
  /** The URL to open, carrying the per-run token. */
  appUrl: string;
  token: string;
  port: number;
  /** Sends an event to every open page (`GET /api/events`). */
  broadcast(event: ApiEvent): void;
  close(): Promise<void>;
}

/** The largest request body: a profiles import (at most 5,000,000 characters) with room for escapes. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** The largest body of a method that carries a file (`upload` in the contract): 10 MB of file is about 13.4 MB of base64. */
export const MAX_UPLOAD_BODY_BYTES = 17 * 1024 * 1024;

/** Headers of every response: no content sniffing, nothing kept in a cache (answers carry customer data). */
const ALWAYS_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const;

const STATUS_OF: Partial<Record<ApiErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  locked: 423,
  // The caller stopped the call or went away: nothing failed on the server (nginx's "client closed request").
  cancelled: 499,
};

/**
 * The browser host: serves the built renderer and maps `POST /api/<method>` onto the same
 * dispatcher the Electron host uses. Bound to 127.0.0.1 only. Every API request must carry the
 * per-run token, and the Host and Origin headers must name this server, which keeps other local
 * pages (and DNS-rebinding tricks) away from the API.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  const eventClients = new Set<http.ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function emit(event: ApiEvent): void {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of eventClients) client.write(line);
  }

  function tokenMatches(given: string | undefined | null): boolean {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  function sendJson(res: http.ServerResponse, status: number, body: Envelope): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  function badRequest(res: http.ServerResponse, message: string): void {
    sendJson(res, 400, { ok: false, error: new ApiError('invalid_input', message).toJSON() });
  }

  function forbid(res: http.ServerResponse, message: string): void {
    sendJson(res, 403, { ok: false, error: new ApiError('forbidden', message).toJSON() });
  }

  async function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
    const tooLarge = () => new ApiError('invalid_input', `The request body can be at most ${limit / (1024 * 1024)} MB`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text.trim()) return {};
    // Measured before parsing: a body nested thousands of levels deep is refused here, never
    // handed to a parser or a schema that walks it recursively.
    if (jsonDepthExceeds(text, MAX_INPUT_DEPTH)) {
      throw new ApiError('invalid_input', `The request is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError('invalid_input', 'Request body is not valid JSON');
    }
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const decoded = safeDecode(pathname);
    if (decoded === null) return badRequest(res, 'The address has a malformed % escape');
    let relative = decoded.replace(/^\/+/, '');
    if (!relative) relative = 'index.html';
    let file = path.resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    let stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) {
      // Unknown paths without an extension are app routes: serve the app.
      if (path.extname(relative)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      file = path.join(rendererDir, 'index.html');
      stat = await fs.stat(file).catch(() => null);
      if (!stat) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('The renderer is not built. Run npm run build.');
        return;
      }
    }
    const isHtml = file.endsWith('.html');
    res.writeHead(200, {
      'content-type': RENDERER_CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'referrer-policy': 'no-referrer',
      ...(isHtml ? { 'content-security-policy': APP_CSP, 'x-frame-options': 'DENY' } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(ALWAYS_HEADERS)) res.setHeader(name, value);
    if (!allowedHosts().has(req.headers.host ?? '')) return forbid(res, 'Host header does not name this server');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return badRequest(res, 'The address cannot be read');
    }
    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url.pathname);

    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return forbid(res, 'Requests from other origins are not allowed');

    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!tokenMatches(url.searchParams.get('token'))) return forbid(res, 'Missing or wrong token');
      res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }

    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : (req.headers['x-toolkit-token'] as string | undefined);
    if (!tokenMatches(given)) return forbid(res, 'Missing or wrong token');
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    // Decoded only after the token check: a request without the token learns nothing, not even 400.
    const methodName = safeDecode(url.pathname.slice('/api/'.length));
    if (methodName === null) return badRequest(res, 'The address has a malformed % escape');
    let input: unknown;
    try {
      input = await readBody(req, isMethodName(methodName) && contract[methodName].upload ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('invalid_input', 'Could not read the request');
      return sendJson(res, 400, { ok: false, error: apiError.toJSON() });
    }
    const callIdHeader = req.headers['x-call-id'];
    // A page that closes, reloads or drops the connection waits for nothing: its call is cancelled.
    const callerGone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) callerGone.abort();
    });
    const envelope = await options.services.dispatch(methodName, input, {
      callId: typeof callIdHeader === 'string' && callIdHeader ? callIdHeader : undefined,
      emit,
      signal: callerGone.signal,
    });
    if (res.destroyed) return;
    sendJson(res, envelope.ok ? 200 : (STATUS_OF[envelope.error.code] ?? 500), envelope);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { ok: false, error: new ApiError('internal', (error as Error).message).toJSON() });
      } else res.end();
    });
  });

  // Requests Node's parser refuses (malformed request line or headers) get the same headers too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const unsubscribe = options.notices?.subscribe((message) => emit({ kind: 'notice', message }));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appUrl: `${url}/?token=${token}`,
    token,
    port,
    broadcast: emit,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe?.();
        for (const client of eventClients) client.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Whether the JSON text nests objects and lists deeper than `max`, counted in one pass over the
 * text (brackets inside strings do not count). Malformed text is left to JSON.parse to refuse.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
