import { z } from 'zod';

/** Progress of a long call, sent through the host's event channel while the call runs. */
export const progressEventSchema = z.object({
  kind: z.literal('progress'),
  callId: z.string(),
  message: z.string(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
});

/**
 * Something the user must know that happened while the app runs (e.g. a damaged data file moved
 * aside), pushed to every open page when it happens. Those found at start are in `app.info`.
 */
export const noticeEventSchema = z.object({
  kind: z.literal('notice'),
  message: z.string(),
});

export const apiEventSchema = z.discriminatedUnion('kind', [progressEventSchema, noticeEventSchema]);
export type ApiEvent = z.infer<typeof apiEventSchema>;
