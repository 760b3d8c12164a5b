import { createClient, type ToolkitClient, type Transport } from '../../../shared/api/client';
import type { MethodName } from '../../../shared/api/contract';
import type { ToolkitBridge } from '../../../shared/api/bridge';
import type { ApiEvent } from '../../../shared/api/events';
import { createHttpTransport, takeTokenFromUrl } from './transport-http';

/** The typed client lives in shared/api/client.ts (one for every caller); this file picks the transport. */
export { newCallId } from '../../../shared/api/client';

declare global {
  interface Window {
    toolkit?: ToolkitBridge;
  }
}

function bridgeTransport(bridge: ToolkitBridge): Transport {
  return {
    invoke: (method, input, callId) => bridge[method](input, callId),
    onEvent: (listener) => bridge.onEvent(listener),
  };
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
