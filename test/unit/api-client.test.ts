/**
 * The typed client (shared/api/client.ts) over a recording transport: only long methods get a call
 * id and progress (so only they can be cancelled), and an API error arrives as an ApiError that
 * still names its field.
 */
import { describe, expect, it } from 'vitest';
import { createClient, type Transport } from '../../shared/api/client';
import { isLongMethod, methodNames } from '../../shared/api/contract';
import { ApiError, type Envelope } from '../../shared/api/errors';
import type { ApiEvent } from '../../shared/api/events';

function recordingTransport(answer: (method: string) => Envelope) {
  const calls: Array<{ method: string; input: unknown; callId?: string }> = [];
  const listeners = new Set<(event: ApiEvent) => void>();
  const transport: Transport = {
    async invoke(method, input, callId) {
      calls.push({ method, input, callId });
      // A long call reports progress while it runs, as the hosts do through their event channel.
      if (callId) for (const l of listeners) l({ kind: 'progress', callId, message: 'Connecting to sql01:1433', fraction: 0.1 });
      for (const l of listeners) l({ kind: 'progress', callId: 'someone-else', message: 'Not mine' });
      return answer(method);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, calls, listeners };
}

describe('the typed client', () => {
  it('the probes, Apply, Undo, connection test and PDF export are the long methods', () => {
    expect(methodNames.filter(isLongMethod).sort()).toEqual(
      expect.arrayContaining([
        'profiles.test',
        'reports.export',
        'sessions.apply',
        'sessions.autoProbe',
        'sessions.runProbe',
        'sessions.undo',
        'sessions.verify',
      ]),
    );
    expect(isLongMethod('settings.get')).toBe(false);
    expect(isLongMethod('app.cancel')).toBe(false);
  });

  it('a long method gets a call id (to cancel it by) and its own progress, and stops listening when done', async () => {
    const { transport, calls, listeners } = recordingTransport(() => ({ ok: true, value: { ok: true, steps: [] } }));
    const client = createClient(transport);
    const progress: string[] = [];
    await client['profiles.test']({ id: 'p1' }, { callId: 'call-1', onProgress: (p) => progress.push(p.message) });
    expect(calls[0]).toEqual({ method: 'profiles.test', input: { id: 'p1' }, callId: 'call-1' });
    expect(progress).toEqual(['Connecting to sql01:1433']);
    expect(listeners.size).toBe(0);
    // Without one given, it makes one.
    await client['profiles.test']({ id: 'p1' });
    expect(calls[1]!.callId).toMatch(/\S/);
  });

  it('a short method gets no call id and no progress', async () => {
    const { transport, calls, listeners } = recordingTransport(() => ({ ok: true, value: { theme: 'dark' } }));
    const client = createClient(transport);
    // @ts-expect-error progress and cancel are for long methods only
    await client['settings.get']({}, { callId: 'x', onProgress: () => undefined });
    expect(calls[0]).toEqual({ method: 'settings.get', input: {}, callId: undefined });
    expect(listeners.size).toBe(0);
  });

  it('an error envelope is thrown as an ApiError that keeps its code, field and message', async () => {
    const { transport } = recordingTransport(() => ({
      ok: false,
      error: { code: 'invalid_input', message: 'pageSize: Page size must be A4 or Letter', field: 'pageSize' },
    }));
    const call = createClient(transport)['settings.set']({ theme: 'light' });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ code: 'invalid_input', field: 'pageSize', message: 'pageSize: Page size must be A4 or Letter' });
  });
});
