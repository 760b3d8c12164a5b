import type { z } from 'zod';

/**
 * One API method: the zod schema of its input and, as a phantom type, its result.
 * Declared once in shared/ and used by every host, so the renderer, the Electron IPC layer,
 * the HTTP host and the CLI cannot drift apart.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, R = unknown> {
  readonly input: I;
  /** Never read at run time: carries the result type. */
  readonly __result?: R;
  /** Long-running methods (probes, PDF export) may report progress and be cancelled. */
  readonly long?: boolean;
  /** Carries a file (base64): the HTTP host accepts a larger body for it. */
  readonly upload?: boolean;
}

/** `method(schema).returns<Result>()` keeps input inference and lets the result be named. */
export function method<I extends z.ZodType>(input: I, options: { long?: boolean; upload?: boolean } = {}) {
  return {
    returns<R>(): MethodDef<I, R> {
      return { input, long: options.long ?? false, upload: options.upload ?? false };
    },
  };
}

export type MethodMap = Record<string, MethodDef>;
