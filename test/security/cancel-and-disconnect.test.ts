import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api/errors';
import { startHttpHost, type HttpHost } from '../../electron/server/http-host';
import type { DispatchOptions } from '../../electron/services/dispatch';
import { PROJECT_ROOT, removeDir, startTestHost, tempDataDir, type RunningHost } from '../support/host';

/**
 * Work stops when nobody waits for it: a page that goes away cancels its call, and a cancelled call
 * is answered as cancelled (4xx), never as a server failure (500).
 */
const TOKEN = 't'.repeat(48);
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A CSV export big enough that reading it takes a while: 120,000 rows (about 7 MB). */
function bigCsv(): string {
  const rows = Array.from(
    { length: 120_000 },
    (_, i) => `2026-12-01 10:${String(i % 60).padStart(2, '0')}:00,Error ${i}: 432 4.3.2 Concurrent connections limit exceeded,FE0${i % 2}`,
  );
  return Buffer.from(`Time,Message,Server\n${rows.join('\n')}\n`).toString('base64');
}

function post(host: HttpHost, method: string, body: unknown, init: { callId?: string; signal?: AbortSignal } = {}) {
  return fetch(`${host.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}`, ...(init.callId ? { 'x-call-id': init.callId } : {}) },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

describe('a call nobody waits for any more', () => {
  it('is cancelled when the page that made it disconnects', async () => {
    let called!: () => void;
    const arrived = new Promise<void>((resolve) => (called = resolve));
    let gone!: () => void;
    const cancelled = new Promise<void>((resolve) => (gone = resolve));
    const host = await startHttpHost({
      token: TOKEN,
      rendererDir: path.join(PROJECT_ROOT, 'out', 'renderer'),
      services: {
        dispatch: (_name: string, _input: unknown, options?: DispatchOptions) =>
          new Promise<Envelope>((resolve) => {
            called();
            options?.signal?.addEventListener('abort', () => {
              gone();
              resolve({ ok: false, error: { code: 'cancelled', message: 'Cancelled: the caller went away' } });
            });
          }),
      },
    });
    stops.push(() => host.close());
    const page = new AbortController();
    const request = post(host, 'evidence.preview', { fileName: 'a.csv', contentBase64: 'YQ==' }, { signal: page.signal }).catch((error: Error) => error);
    await arrived;
    page.abort();
    expect(await request).toBeInstanceOf(Error);
    // Resolves only when the host aborts the call's signal; on a host that ignores the disconnect the test times out.
    await cancelled;
  });

  it('is cancelled in the services when the caller’s signal aborts: the reader stops and says so', async () => {
    const dir = tempDataDir('st-cancel-');
    const running: RunningHost = await startTestHost(dir);
    stops.push(async () => {
      await running.stop();
      removeDir(dir);
    });
    const caller = new AbortController();
    const pending = running.services.dispatch('evidence.preview', { fileName: 'big.csv', contentBase64: bigCsv() }, { signal: caller.signal });
    caller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('a cancelled call over HTTP', () => {
  it('answers 499 with the code cancelled, not 500', async () => {
    const dir = tempDataDir('st-cancel-http-');
    const running = await startTestHost(dir);
    stops.push(async () => {
      await running.stop();
      removeDir(dir);
    });
    const callId = 'cancel-me';
    const answer = post(running.host, 'evidence.preview', { fileName: 'big.csv', contentBase64: bigCsv() }, { callId });
    let settled = false;
    void answer.finally(() => (settled = true));
    // Cancel as soon as the call is known to the host (as the page's Cancel button does).
    for (;;) {
      const response = await post(running.host, 'app.cancel', { callId });
      const body = (await response.json()) as { value: { cancelled: boolean } };
      if (body.value.cancelled || settled) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const response = await answer;
    expect(response.status).toBe(499);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'Cancelled by the user' } });
  });
});
