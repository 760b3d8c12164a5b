import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';

/** What every answer of the browser host carries, and how it meets a malformed address. */
describe('browser host responses', () => {
  let dir: string;
  let running: RunningHost;
  const url = (p: string) => `${running.host.url}${p}`;
  const auth = () => ({ authorization: `Bearer ${running.host.token}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    dir = tempDataDir('st-http-');
    running = await startTestHost(dir);
  });
  afterAll(async () => {
    await running.stop();
    removeDir(dir);
  });

  it('every response, whatever its status, says nosniff and no-store', async () => {
    const controller = new AbortController();
    const responses = await Promise.all([
      fetch(url('/api/app.info'), { method: 'POST', headers: auth(), body: '{}' }), // 200
      fetch(url('/api/sessions.get'), { method: 'POST', headers: auth(), body: '{"id":""}' }), // 400
      fetch(url('/api/app.info'), { method: 'POST', body: '{}' }), // 403 without the token
      fetch(url('/api/app.info'), { method: 'GET', headers: auth() }), // 405
      fetch(url('/api/no.such.method'), { method: 'POST', headers: auth(), body: '{}' }), // 404
      fetch(url('/')), // the app (or the sentence saying it is not built)
      fetch(url('/assets/missing.js')), // 404
      fetch(url('/index.html'), { method: 'PUT' }), // 405
      fetch(url(`/api/events?token=${running.host.token}`), { signal: controller.signal }), // the event stream
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 400, 403, 405, 404, expect.any(Number), 404, 405, 200]);
    for (const response of responses) {
      expect({ url: response.url, nosniff: response.headers.get('x-content-type-options') }).toEqual({ url: response.url, nosniff: 'nosniff' });
      expect({ url: response.url, cache: response.headers.get('cache-control') }).toEqual({ url: response.url, cache: 'no-store' });
    }
    controller.abort();
  });

  it('a malformed % escape in the address is a 400 invalid_input, after the token check (403 without it)', async () => {
    const bad = '/api/sessions.%E0%A4%A';
    const withoutToken = await fetch(url(bad), { method: 'POST', body: '{}' });
    expect(withoutToken.status).toBe(403);
    const withToken = await fetch(url(bad), { method: 'POST', headers: auth(), body: '{}' });
    expect(withToken.status).toBe(400);
    expect(await withToken.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The address has a malformed % escape' } });
    const page = await fetch(url('/assets/%E0%A4%A.js'));
    expect(page.status).toBe(400);
  });

  it('a request the HTTP parser refuses still gets a 400 with nosniff and no-store', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(running.host.port, '127.0.0.1', () => socket.write('GET /\x01bad HTTP/1.1\r\nHost: x\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('X-Content-Type-Options: nosniff');
    expect(answer).toContain('Cache-Control: no-store');
  });
});
