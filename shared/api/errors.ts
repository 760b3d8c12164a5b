import { z } from 'zod';

/** Error codes a user or a caller can act on. Never a stack trace. */
export const apiErrorCodeSchema = z.enum([
  'invalid_input', // a field is wrong; `field` names it
  'not_found',
  'conflict', // e.g. the stored value changed underneath
  'forbidden', // token, origin or sender check failed
  'unavailable', // a capability the host lacks (no OS encryption, no Chromium, ...)
  'locked', // secrets need a passphrase first
  'cancelled',
  'timeout',
  'connection_failed',
  'corrupt_data',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
  /** Technical detail for a support ticket (driver code, raw message). Never secrets. */
  details: z.string().optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly details?: string;
  constructor(code: ApiErrorCode, message: string, options: { field?: string; details?: string } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
  toJSON(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, { field: shape.field, details: shape.details });
  }
}

/** What crosses every transport: a value or a typed error, never a thrown exception. */
export type Envelope<R = unknown> = { ok: true; value: R } | { ok: false; error: ApiErrorShape };

/** Unknown keys named in an error: enough to find the typo, never the whole of a hostile body. */
export const MAX_KEYS_NAMED = 3;
const MAX_KEY_CHARS = 40;

function shortKey(key: string): string {
  return JSON.stringify(key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key);
}

/** "Unrecognized keys: "a", "b", "c" and 699,997 more": the message zod writes lists every key. */
export function unknownKeysMessage(keys: readonly string[]): string {
  const named = keys.slice(0, MAX_KEYS_NAMED).map(shortKey).join(', ');
  const rest = keys.length - MAX_KEYS_NAMED;
  return `Unrecognized key${keys.length === 1 ? '' : 's'}: ${named}${rest > 0 ? ` and ${rest.toLocaleString('en-US')} more` : ''}`;
}

/** Turns the first zod issue into a message that names the field, e.g. `servers.1.name: Required`. */
export function zodToApiError(error: z.ZodError, prefix?: string): ApiError {
  const issue = error.issues[0];
  const path = [...(prefix ? [prefix] : []), ...(issue?.path ?? []).map((part) => String(part).slice(0, MAX_KEY_CHARS))].join('.');
  const text = issue?.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : issue?.message;
  const message = text ? (path ? `${path}: ${text}` : text) : 'Invalid input';
  return new ApiError('invalid_input', message, { field: path || undefined });
}
