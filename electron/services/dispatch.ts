import { randomUUID } from 'node:crypto';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import { ApiError, zodToApiError, type Envelope } from '../../shared/api/errors';
import type { ApiEvent } from '../../shared/api/events';
import type { CallContext, HandlersFor } from './context';

export type ApiHandlers = HandlersFor<typeof contract>;

/**
 * How deeply any API input may nest. The deepest real input (a fact value, at most 8 levels, in
 * `sessions.act`) is about 12 levels down; anything deeper is refused before a schema walks it.
 */
export const MAX_INPUT_DEPTH = 32;

export interface DispatchOptions {
  callId?: string;
  /** Where progress events of this call go (IPC to the window, SSE to the browser). */
  emit?: (event: ApiEvent) => void;
  /** Aborted by the host when nobody waits for the answer any more (the page went away, the window closed). */
  signal?: AbortSignal;
}

/**
 * The one dispatcher every host (Electron IPC, HTTP, CLI) calls: it validates the input with the
 * method's schema, runs the handler with a cancellable context and returns an Envelope, so
 * validation and error mapping live in one place.
 */
export function createDispatcher(handlers: ApiHandlers) {
  /** The calls running now, by call id, so `app.cancel` and closing the app can stop them. */
  const running = new Map<string, AbortController>();

  async function dispatch(name: string, rawInput: unknown, options: DispatchOptions = {}): Promise<Envelope> {
    if (!isMethodName(name)) {
      return { ok: false, error: new ApiError('not_found', `Unknown API method "${name}"`).toJSON() };
    }
    const tooDeep = nestingBeyond(rawInput, MAX_INPUT_DEPTH);
    if (tooDeep) {
      return {
        ok: false,
        error: new ApiError(
          'invalid_input',
          `The request is nested more than ${MAX_INPUT_DEPTH} levels deep${tooDeep === '(root)' ? '' : ` (at ${tooDeep})`}`,
        ).toJSON(),
      };
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error).toJSON() };
    const callId = options.callId ?? randomUUID();
    const controller = new AbortController();
    running.set(callId, controller);
    const callerGone = () => controller.abort(new ApiError('cancelled', 'Cancelled: the caller went away'));
    if (options.signal?.aborted) callerGone();
    options.signal?.addEventListener('abort', callerGone, { once: true });
    const ctx: CallContext = {
      callId,
      signal: controller.signal,
      // Only long methods report progress (their callers alone subscribe to it); a short one's is dropped.
      progress: contract[name].long ? (message, fraction) => options.emit?.({ kind: 'progress', callId, message, fraction }) : () => undefined,
    };
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toApiError(error, name).toJSON() };
    } finally {
      running.delete(callId);
      options.signal?.removeEventListener('abort', callerGone);
    }
  }

  return {
    dispatch,
    /** Stops one running call; false when none has that id. */
    cancel(callId: string, reason: ApiError): boolean {
      const controller = running.get(callId);
      controller?.abort(reason);
      return Boolean(controller);
    },
    /** Stops every running call (the app is closing). */
    cancelAll(reason: ApiError): void {
      for (const controller of running.values()) controller.abort(reason);
    },
  };
}

/** Maps anything thrown to a typed error. Unexpected errors keep only their message, never a stack. */
export function toApiError(error: unknown, method: MethodName | string): ApiError {
  if (error instanceof ApiError) return error;
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown }).issues)) {
    return zodToApiError(error as Parameters<typeof zodToApiError>[0]);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', `Something went wrong in ${method}: ${message}`);
}

/**
 * The path where `value` first nests deeper than `max` objects or lists, or null. Iterative, so a
 * value nested thousands of levels deep is measured, never a stack overflow.
 */
export function nestingBeyond(value: unknown, max: number): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return path.split('.').slice(0, 6).join('.') || '(root)';
    for (const [key, child] of Object.entries(current)) stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
  }
  return null;
}
