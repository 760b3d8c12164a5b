/**
 * The desktop window's page comes from app://toolkit/, not file:// (Electron security checklist 18).
 * The scheme's handler serves the built renderer folder and nothing else: these tests run its
 * decisions and file reads (electron/main/app-protocol.ts, no `electron` import) on a real folder
 * with a secret next to it and a link inside it that points out.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONTENT_TYPES, APP_PAGE_URL, APP_SCHEME_PRIVILEGES, appResponseHeaders, loadAppFile, resolveAppRequest } from '../../electron/main/app-protocol';
import { APP_CSP } from '../../shared/csp';
import { PROJECT_ROOT, removeDir, tempDataDir } from '../support/host';

let base: string;
let rendererDir: string;

beforeAll(() => {
  base = tempDataDir('st-app-scheme-');
  rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Support Toolkit</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'export const x = 1;');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(rendererDir, 'assets', 'noto.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js.map'), '{}');
  writeFileSync(path.join(base, 'secret.txt'), 'the data folder');
  writeFileSync(path.join(base, 'renderer-other.txt'), 'a sibling whose name starts like the folder');
  symlinkSync(path.join(base, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
});
afterAll(() => removeDir(base));

const text = (body: unknown) => (body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : String(body));

describe('app:// scheme handler', () => {
  it('serves the app page at /index.html and /, with the CSP, nosniff and no-store', async () => {
    for (const url of [APP_PAGE_URL, 'app://toolkit/', `${APP_PAGE_URL}#/whatif`, `${APP_PAGE_URL}?x=1`]) {
      const answer = await loadAppFile(rendererDir, url);
      expect(answer.status, url).toBe(200);
      expect(text(answer.body)).toContain('<title>Support Toolkit</title>');
      expect(answer.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': APP_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    }
  });

  it('gives each asset its own type, so module scripts and fonts load under strict MIME checking', async () => {
    const cases: Array<[string, string]> = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc.css', 'text/css; charset=utf-8'],
      ['assets/noto.woff2', 'font/woff2'],
    ];
    for (const [file, type] of cases) {
      const answer = await loadAppFile(rendererDir, `app://toolkit/${file}`);
      expect(answer.status, file).toBe(200);
      expect(answer.headers['content-type'], file).toBe(type);
      expect(Buffer.from(answer.body as Uint8Array)).toEqual(readFileSync(path.join(rendererDir, file)));
    }
    const head = await loadAppFile(rendererDir, 'app://toolkit/assets/index-abc.js', 'HEAD');
    expect(head).toMatchObject({ status: 200, body: null });
  });

  it('never leaves the renderer folder: dot segments, encoded or not, backslashes, NUL, absolute paths, links out', async () => {
    const escapes = [
      'app://toolkit/../secret.txt',
      'app://toolkit/%2e%2e/secret.txt',
      'app://toolkit/%2E%2E%2Fsecret.txt',
      'app://toolkit/assets/..%2f..%2fsecret.txt',
      'app://toolkit/..%5csecret.txt',
      'app://toolkit/assets%5c..%5c..%5csecret.txt',
      `app://toolkit/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      'app://toolkit/%2e%2e/renderer-other.txt',
      'app://toolkit/index.html%00.js',
      'app://toolkit/assets/link.txt',
    ];
    for (const url of escapes) {
      const answer = await loadAppFile(rendererDir, url);
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      expect(text(answer.body), url).not.toContain('the data folder');
      expect(text(answer.body), url).not.toContain('a sibling');
    }
    // The link resolves inside the folder by name, and is refused by its real path.
    expect(resolveAppRequest(rendererDir, 'app://toolkit/assets/link.txt')).toMatchObject({ ok: true });
    expect((await loadAppFile(rendererDir, 'app://toolkit/assets/link.txt')).status).toBe(403);
  });

  it('answers only its own host, only GET and HEAD, only the types the app serves, and 404 for what is missing', async () => {
    expect(resolveAppRequest(rendererDir, 'app://other/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest(rendererDir, 'app://u:p@toolkit/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest(rendererDir, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppRequest(rendererDir, APP_PAGE_URL, 'POST')).toMatchObject({ ok: false, status: 405 });
    expect(resolveAppRequest(rendererDir, 'app://toolkit/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(await loadAppFile(rendererDir, 'app://toolkit/assets/index-abc.js.map')).toMatchObject({ status: 404 });
    expect(await loadAppFile(rendererDir, 'app://toolkit/assets/missing.js')).toMatchObject({ status: 404 });
    expect(await loadAppFile(rendererDir, 'app://toolkit/assets')).toMatchObject({ status: 404 });
  });

  it('headers and privileges: CSP on every file, no CORS grant, no service workers, no CSP bypass', () => {
    expect(appResponseHeaders(APP_CONTENT_TYPES['.js']!)).toMatchObject({ 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff' });
    expect(Object.keys(appResponseHeaders('text/html')).some((h) => h.startsWith('access-control-'))).toBe(false);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, allowServiceWorkers: false, bypassCSP: false });
  });
});

describe('the desktop window uses the app scheme', () => {
  const main = readFileSync(path.join(PROJECT_ROOT, 'electron', 'main', 'index.ts'), 'utf8');

  it('registers the scheme before the app is ready, handles it, and loads the page from it, never from a file', () => {
    const registered = main.indexOf('registerAppScheme();');
    expect(registered).toBeGreaterThan(-1);
    expect(registered).toBeLessThan(main.search(/app\s*\.whenReady\(\)/));
    expect(main).toContain('handleAppScheme(rendererDir)');
    expect(main).toContain('loadURL(APP_PAGE_URL)');
    expect(main).not.toMatch(/\.loadFile\(|pathToFileURL|file:\/\//);
  });
});
