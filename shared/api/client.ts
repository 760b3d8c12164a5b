import { isLongMethod, methodNames, type LongMethodName, type MethodInput, type MethodName, type MethodResult } from './contract';
import { ApiError, type Envelope } from './errors';
import type { ApiEvent } from './events';

/**
 * How calls travel: the Electron preload bridge and HTTP in the renderer, the dispatcher itself in
 * the CLI and the tests. A transport never throws for an API error: it returns the envelope.
 */
export interface Transport {
  /** `callId` is given for long methods only (they report progress and can be cancelled). */
  invoke(method: MethodName, input: unknown, callId?: string): Promise<Envelope>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/** Options of one call to a long method (see `long` in define.ts). */
export interface CallOptions {
  /** Lets the caller cancel the call with `app.cancel` and match progress events. */
  callId?: string;
  onProgress?: (event: { message: string; fraction?: number }) => void;
}

type Call<M extends MethodName> = M extends LongMethodName
  ? (input: MethodInput<M>, options?: CallOptions) => Promise<MethodResult<M>>
  : (input: MethodInput<M>) => Promise<MethodResult<M>>;

/**
 * The typed client every caller uses, whatever transport is behind it: `client['reports.export']({...})`.
 * A wrong method name or input is a type error; an API error is thrown as an ApiError (its `code`,
 * `field` and message intact), so `await expect(call).rejects.toMatchObject({ code: 'invalid_input' })`.
 */
export type ToolkitClient = { [M in MethodName]: Call<M> };

/** The shape of the back end's dispatcher (electron/services/create-services.ts), for in-process use. */
export type Dispatch = (name: string, input: unknown, options?: { callId?: string; emit?: (event: ApiEvent) => void }) => Promise<Envelope>;

let counter = 0;
export function newCallId(): string {
  counter += 1;
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Builds the typed client over a transport: unwraps envelopes into values or ApiError throws. */
export function createClient(transport: Transport): ToolkitClient {
  const client = {} as Record<MethodName, (input: unknown, options?: CallOptions) => Promise<unknown>>;
  for (const name of methodNames) {
    const long = isLongMethod(name);
    client[name] = async (input, options = {}) => {
      const callId = long ? (options.callId ?? newCallId()) : undefined;
      const onProgress = long ? options.onProgress : undefined;
      const stop = onProgress
        ? transport.onEvent((event) => {
            if (event.kind === 'progress' && event.callId === callId) onProgress({ message: event.message, fraction: event.fraction });
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

/**
 * A transport over the dispatcher in this process (the CLI, tests): the same validation and error
 * mapping as IPC and HTTP, without a process boundary. Progress events go to its subscribers.
 */
export function inProcessTransport(dispatch: Dispatch): Transport {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    invoke: (method, input, callId) =>
      dispatch(method, input, {
        callId,
        emit: (event) => {
          for (const listener of listeners) listener(event);
        },
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
