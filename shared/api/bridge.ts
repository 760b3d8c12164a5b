import type { MethodName, MethodResult } from './contract';
import type { Envelope } from './errors';
import type { ApiEvent } from './events';

/**
 * What the Electron preload exposes as `window.toolkit`: one function per contract method
 * (returning an Envelope, since errors cannot cross contextBridge as typed exceptions) and a
 * subscription to progress events. Nothing else: no ipcRenderer, no event objects.
 */
export type ToolkitBridge = {
  [M in MethodName]: (input: unknown, callId?: string) => Promise<Envelope<MethodResult<M>>>;
} & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
};

/** IPC channel names, shared by main and preload. */
export const IPC_INVOKE_PREFIX = 'toolkit:';
export const IPC_EVENT_CHANNEL = 'toolkit:event';
