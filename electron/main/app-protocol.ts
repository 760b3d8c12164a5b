import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_CSP } from '../../shared/csp';
import { RENDERER_CONTENT_TYPES } from '../../shared/content-types';

/**
 * The desktop window loads the renderer from a privileged custom scheme, `app://toolkit/`, instead
 * of file:// (Electron security checklist 18): a file: page may read other file: URLs, and the
 * scheme's handler serves only the files of the built renderer folder, with the CSP as a header.
 * This file decides everything (which file, which type, which headers) and imports nothing from
 * `electron`, so it is unit-tested; app-protocol-handler.ts is the thin Electron glue.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'toolkit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads; the IPC sender check and navigation rules accept exactly this page. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: real origin (`app://toolkit`), relative URLs and 'self' in the CSP work; secure: treated
 * like https (no mixed-content downgrade); supportFetchAPI + corsEnabled: the page's module scripts
 * and code-split chunks load. Responses carry no Access-Control-Allow-Origin, so no other origin can
 * read them. No service workers, no bypassing the CSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  allowServiceWorkers: false,
  bypassCSP: false,
  stream: false,
} as const;

/** The only types served; anything else in the folder (source maps, stray files) is not. */
export const APP_CONTENT_TYPES: Readonly<Record<string, string>> = { ...RENDERER_CONTENT_TYPES, '.txt': 'text/plain; charset=utf-8' };

export type AppRequestDecision = { ok: true; file: string; contentType: string } | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/** True when `file` is `root` itself or lies inside it (both absolute, already resolved). */
export function isInside(root: string, file: string, pathApi: Pick<typeof path, 'relative' | 'isAbsolute' | 'sep'> = path): boolean {
  const relative = pathApi.relative(root, file);
  if (relative === '') return true;
  return !relative.startsWith(`..${pathApi.sep}`) && relative !== '..' && !pathApi.isAbsolute(relative);
}

/**
 * Maps a request on the app scheme to a file of the built renderer folder, or says why not:
 * another host, a method other than GET/HEAD, a path that cannot be decoded or holds a NUL or a
 * backslash, one that leaves the folder (`..`, encoded or not), or a type the app does not serve.
 * `/` is the app page.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string, method = 'GET', pathApi: typeof path = path): AppRequestDecision {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `${method} is not served` };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'The address cannot be read' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return { ok: false, status: 403, reason: `Only ${APP_ORIGIN}/ is served` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'The address has a malformed % escape' };
  }
  // A backslash is a separator on Windows and a NUL ends a path in C: neither belongs in our URLs.
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400, reason: 'The path holds a character that is not allowed' };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = pathApi.resolve(rendererDir);
  const file = pathApi.resolve(root, relative);
  if (file === root || !isInside(root, file, pathApi)) return { ok: false, status: 403, reason: 'The path leaves the app folder' };
  const contentType = APP_CONTENT_TYPES[pathApi.extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 404, reason: 'Not a file the app serves' };
  return { ok: true, file, contentType };
}

/** Headers of every file served on the app scheme: its type, the CSP, no sniffing, no caching. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  /** null for HEAD. */
  body: Uint8Array<ArrayBuffer> | string | null;
}

// The callback forms: Electron's asar support patches them for files inside app.asar.
const realpath = promisify(fs.realpath);
const readFile = promisify(fs.readFile);

function refusal(status: number, reason: string): AppResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }, body: reason };
}

/**
 * Answers one request on the app scheme: resolveAppRequest decides, then the file's real path is
 * checked again (a link inside the folder may not point out of it) and the file is read.
 */
export async function loadAppFile(rendererDir: string, requestUrl: string, method = 'GET'): Promise<AppResponse> {
  const decision = resolveAppRequest(rendererDir, requestUrl, method);
  if (!decision.ok) return refusal(decision.status, decision.reason);
  try {
    const [root, real] = await Promise.all([realpath(rendererDir), realpath(decision.file)]);
    if (!isInside(root, real)) return refusal(403, 'The path leaves the app folder');
    const body = method === 'HEAD' ? null : new Uint8Array(await readFile(real));
    return { status: 200, headers: appResponseHeaders(decision.contentType), body };
  } catch {
    return refusal(404, 'Not found');
  }
}
