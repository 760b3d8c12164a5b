import { z } from 'zod';

/** Progress of a long call, sent through the host's event channel while the call runs. */
export const apiEventSchema = z.object({
  kind: z.literal('progress'),
  callId: z.string(),
  message: z.string(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
});
export type ApiEvent = z.infer<typeof apiEventSchema>;
