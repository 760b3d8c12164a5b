import { z } from 'zod';
import { method } from '../define';

export const hostKindSchema = z.enum(['electron', 'browser', 'cli']);
export type HostKind = z.infer<typeof hostKindSchema>;

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  hostKind: HostKind;
  /**
   * Things the user must know about, e.g. a data file that was corrupt and moved aside: those found
   * at start (every data file is read and checked then) and since. Each one found after start is
   * also pushed as a `notice` event (shared/api/events.ts) when it happens.
   */
  notices: string[];
}

export const appMethods = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),
  /** Cancels a long call started with the given call id; no error if it already ended. */
  'app.cancel': method(z.object({ callId: z.string().min(1) }).strict()).returns<{ cancelled: boolean }>(),
};
