import type { DemoScenario } from '../../../shared/probes/types';
import { THREADS_PARAMETER } from '../../../shared/capacity/providers';
import type { DemoLayout } from './schema';

/**
 * What the demo platform database holds: the incident of the first playbook and scenario variants
 * for tests. Times are relative to `now`, so the data is always "recent"; a fixed pseudo-random
 * sequence keeps every seed identical from one run to the next. A seed's times are real instants;
 * `applySeed` stores them as local wall-clock text in the demo's zone, as a platform database does.
 */
export interface DemoSeed {
  name: string;
  /** The playbook whose incident this is (what "the fix took effect" simulates); default 'concurrency'. */
  scenario?: DemoScenario;
  layout: DemoLayout;
  servers: Array<{ name: string; ip: string; active: boolean; sendsEmail: boolean; zone?: string }>;
  parameters: Array<{ name: string; val: string; host?: string }>;
  errors: Array<{ instant: Date; server: string; message: string; module: string }>;
  /**
   * Email counts: `failing` were created in the last day and are still retried, `abandoned` failed
   * and were created more than Scheduler.EmailBackoffMaxDays (2) ago, so the platform gave up.
   */
  emails: {
    failing: number;
    pending: number;
    sentLast24h: number;
    sentOlder: number;
    abandoned?: number;
    /** Recipients per email (To, Cc and Bcc together), drawn between min and max; default 1 to 3. */
    recipients?: { min: number; max: number };
    /** Hours back the emails sent in the last 24 h were created, from..to; default 24..0. */
    recentHours?: { from: number; to: number };
    /** Hours back the failing emails were created, from..to; default 24..0. */
    failingHours?: { from: number; to: number };
    /** Older sent emails were created this many days ago and up to 6 days before; default 1. */
    olderFromDays?: number;
  };
}

/** Where the fiveServers scenario keeps "Send Emails": per-host parameter rows (one plausible layout). */
export const SEND_EMAILS_PARAMETER = 'Scheduler.SendEmails';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Parameters every demo farm has beside the threads. */
export const PLATFORM_PARAMETERS: DemoSeed['parameters'] = [
  { name: 'Scheduler.EmailBackoffMaxDays', val: '2' },
  { name: 'Scheduler.NumberOfThreadsForTimers', val: '3' },
  { name: 'Scheduler.NumberOfThreadsForProcesses', val: '10' },
];

/** Two front-ends within the connection limit (1 thread each): the other playbooks' farm. */
export const WITHIN_LIMIT: Pick<DemoSeed, 'layout' | 'servers' | 'parameters'> = {
  layout: { sendEmailsColumn: true, zones: true, emailStatus: true, recipientColumns: true },
  servers: [
    { name: 'FE01', ip: '10.0.1.11', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE02', ip: '10.0.1.12', active: true, sendsEmail: true, zone: 'Global' },
  ],
  parameters: [{ name: THREADS_PARAMETER, val: '1' }, ...PLATFORM_PARAMETERS],
};
