import { z } from 'zod';
import { method } from '../define';
import { DEMO_SCENARIOS } from '../../probes/types';
import { canonicalZone } from '../../profiles/time-zone';

/**
 * The embedded demo platform database. Probes, Apply and Undo are not API methods: pages run probes
 * and write to a platform database only through a session (sessions.runProbe, sessions.apply,
 * sessions.undo), which passes the session's guards. The demo reset is the one probe-side method.
 */
export const demoMethods = {
  /**
   * Seeds the demo again with a scenario (default: 'concurrency', the 432 incident, whatever was
   * loaded before); `utcOffsetMinutes` (UTC-12:00 to UTC+14:00) sets a fixed offset, `timeZone` an IANA zone with its
   * daylight-saving rules, else it keeps its own.
   */
  'demo.reset': method(
    z
      .object({
        scenario: z.enum(DEMO_SCENARIOS).optional(),
        utcOffsetMinutes: z
          .number()
          .int('Use whole minutes')
          .min(-720, 'At least -720 minutes (UTC-12:00)')
          .max(840, 'At most 840 minutes (UTC+14:00)')
          .optional(),
        /** An IANA zone whose daylight-saving rules the demo's times then follow (domain.md 4d). */
        timeZone: z
          .string()
          .max(64, 'At most 64 characters')
          .refine((v) => canonicalZone(v) !== null, { message: 'Use an IANA time zone name such as America/New_York' })
          .optional(),
      })
      .strict(),
  ).returns<{ reset: true }>(),
};
