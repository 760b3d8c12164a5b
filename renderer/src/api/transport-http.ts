import { apiEventSchema, type ApiEvent } from '../../../shared/api/events';
import type { Transport } from '../../../shared/api/client';
import type { Envelope } from '../../../shared/api/errors';

const TOKEN_KEY = 'support-toolkit.token';

/**
 * The browser host prints a URL with `?token=…`. Keep it for this tab (sessionStorage, so a
 * reload works) and take it out of the address bar so it is not shared by accident.
 */
export function takeTokenFromUrl(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createHttpTransport(token: string | null): Transport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | null = null;
  return {
    async invoke(method, input, callId) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token ?? ''}`,
            ...(callId ? { 'x-call-id': callId } : {}),
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: { code: 'unavailable', message: 'The Support Toolkit server is not reachable. Is `npm run serve` still running?' },
        };
      }
      try {
        return (await response.json()) as Envelope;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The server answered ${response.status} without a readable body` } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source && token) {
        source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (message) => {
          const parsed = apiEventSchema.safeParse(JSON.parse(message.data as string));
          if (parsed.success) for (const l of listeners) l(parsed.data);
        };
      }
      return () => listeners.delete(listener);
    },
  };
}
