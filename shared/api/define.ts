import type { z } from 'zod';

/**
 * One API method: the zod schema of its input and, as a phantom type, its result.
 * Declared once in shared/ and used by every host, so the renderer, the Electron IPC layer,
 * the HTTP host and the CLI cannot drift apart.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, R = unknown, L extends boolean = boolean> {
  readonly input: I;
  /** Never read at run time: carries the result type. */
  readonly __result?: R;
  /**
   * Long-running methods (probes, Apply, PDF export) report progress and can be cancelled: the
   * client gives only them a call id, a progress callback and `app.cancel`; the dispatcher sends
   * progress events only for them. A short method's options do not type-check.
   */
  readonly long: L;
  /** Carries a file (base64): the HTTP host accepts a larger body for it. */
  readonly upload?: boolean;
}

/** `method(schema).returns<Result>()` keeps input inference and lets the result be named. */
export function method<I extends z.ZodType, L extends boolean = false>(input: I, options: { long?: L; upload?: boolean } = {}) {
  return {
    returns<R>(): MethodDef<I, R, L> {
      return { input, long: (options.long ?? false) as L, upload: options.upload ?? false };
    },
  };
}
