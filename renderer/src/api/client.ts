import { methodNames, type CallOptions, type MethodName, type ToolkitClient } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { ToolkitBridge } from '../../../shared/api/bridge';
import type { ApiEvent } from '../../../shared/api/events';
import { createHttpTransport, takeTokenFromUrl, type Transport } from './transport-http';

declare global {
  interface Window {
    toolkit?: ToolkitBridge;
  }
}

function bridgeTransport(bridge: ToolkitBridge): Transport {
  return {
    invoke: (method, input, callId) => bridge[method as MethodName](input, callId),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

let counter = 0;
export function newCallId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Builds the typed client over a transport: unwraps envelopes into values or ApiError throws. */
export function createClient(transport: Transport): ToolkitClient {
  const client = {} as Record<MethodName, (input: unknown, options?: CallOptions) => Promise<unknown>>;
  for (const name of methodNames) {
    client[name] = async (input, options = {}) => {
      const callId = options.callId ?? newCallId();
      const stop = options.onProgress
        ? transport.onEvent((event) => {
            if (event.kind === 'progress' && event.callId === callId) options.onProgress?.({ message: event.message, fraction: event.fraction });
          })
        : undefined;
      try {
        const envelope = await transport.invoke(name, input, callId);
        if (!envelope.ok) throw ApiError.from(envelope.error);
        return envelope.value;
      } finally {
        stop?.();
      }
    };
  }
  return client as unknown as ToolkitClient;
}

let singleton: ToolkitClient | null = null;
let sharedTransport: Transport | null = null;

function getTransport(): Transport {
  sharedTransport ??= window.toolkit ? bridgeTransport(window.toolkit) : createHttpTransport(takeTokenFromUrl());
  return sharedTransport;
}

/** The Electron bridge when the preload put one on window, else the HTTP host. */
export function getClient(): ToolkitClient {
  singleton ??= createClient(getTransport());
  return singleton;
}

/** Every event the back end pushes (progress of calls, notices); returns the unsubscribe function. */
export function onApiEvent(listener: (event: ApiEvent) => void): () => void {
  return getTransport().onEvent(listener);
}

export const api: ToolkitClient = new Proxy({} as ToolkitClient, {
  get: (_target, property: string) => getClient()[property as MethodName],
});
