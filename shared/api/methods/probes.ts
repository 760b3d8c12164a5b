import { z } from 'zod';
import { method } from '../define';

/**
 * Probes, Apply and Undo are not API methods: pages run probes and write to a platform database
 * only through a session (sessions.runProbe, sessions.apply, sessions.undo), which passes the
 * session's guards. The one probe-side method left is the demo reset.
 */
export const probeMethods = {
  'demo.reset': method(z.object({}).strict()).returns<{ reset: true }>(),
};
