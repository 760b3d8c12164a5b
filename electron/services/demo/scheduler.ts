import { DEMO_SCENARIOS, type DemoScenario } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { canonicalZone } from '../../../shared/profiles/time-zone';
import { demoLocalText, localMillis, offsetAt, type ClockOffset } from '../probes/db-time';
import { NULL_DATE } from './schema';
import { THREADS_PARAMETER } from '../../../shared/capacity/providers';
import { SEND_EMAILS_PARAMETER } from './seed-model';
import { CONCURRENCY_MESSAGES } from './texts';

/** Exchange Online's concurrent connections per mailbox (domain.md 1): the demo's one mailbox. */
export const DEMO_CONNECTION_LIMIT = 3;
/** The demo Scheduler's threads for emails when the parameter has no global row. */
const DEFAULT_THREADS = 2;
const DEFAULT_BACKOFF_DAYS = 2;
const DAY = 86_400_000;
/** The first email goes this long after the restart, each next one this much later. */
const FIRST_SEND_MS = 100;
const SEND_STEP_MS = 5;

export interface DemoRestartOutcome {
  /** Connections the demo's Scheduler opens at once: active senders x threads, per-host overrides counted. */
  budget: number;
  sent: number;
  failed: number;
}

type Row = Record<string, unknown>;

function truthy(value: unknown): boolean | null {
  if (value === null || value === undefined || value === '') return null;
  const s = String(value).trim().toLowerCase();
  if (['1', 'true', 'y', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'n', 'no', 'off'].includes(s)) return false;
  return null;
}

function wholeNumber(value: unknown): number | null {
  return /^\s*\d+\s*$/.test(String(value ?? '')) ? Number(value) : null;
}

/**
 * What the demo's Scheduler works with: its zone, one slot per connection it opens (active servers
 * with Send Emails on x threads for emails, per-host overrides counted) and the queued emails
 * (pending, and failed ones still within Scheduler.EmailBackoffMaxDays), oldest first.
 */
async function schedulerState(tx: DbConnection, now: Date): Promise<{ offset: ClockOffset; slots: string[]; queued: Row[] }> {
  {
    const [clockRow] = await tx.query<Row>('SELECT UTC_OFFSET_MINUTES AS OFFSET, ZONE FROM DEMO_CLOCK LIMIT 1');
    const zone = typeof clockRow?.ZONE === 'string' ? canonicalZone(clockRow.ZONE) : null;
    // With a zone, its rules decide every local time (domain.md 4d); else the fixed offset.
    const offset: ClockOffset = { utcOffsetMinutes: Number(clockRow?.OFFSET ?? 0), timeZone: zone };

    const servers = await tx.query<Row>('SELECT * FROM OSSYS_SERVER ORDER BY NAME');
    const parameters = await tx.query<Row>('SELECT LOWER(NAME) AS NAME, VAL, HOST FROM OSSYS_PARAMETER WHERE LOWER(NAME) IN (:threads, :send, :backoff)', {
      threads: THREADS_PARAMETER.toLowerCase(),
      send: SEND_EMAILS_PARAMETER.toLowerCase(),
      backoff: 'scheduler.emailbackoffmaxdays',
    });
    const named = (name: string) => parameters.filter((p) => p.NAME === name.toLowerCase());
    const globalOf = (name: string) => named(name).find((p) => !p.HOST)?.VAL;
    const hostRow = (name: string, host: string) => named(name).find((p) => String(p.HOST ?? '').toLowerCase() === host.toLowerCase());

    const globalThreads = wholeNumber(globalOf(THREADS_PARAMETER)) ?? DEFAULT_THREADS;
    // One entry per connection: a server with 2 threads holds two slots.
    const slots: string[] = [];
    for (const server of servers) {
      const name = String(server.NAME);
      if (truthy(server.IS_ACTIVE) !== true) continue;
      const sends = 'SEND_EMAILS' in server ? truthy(server.SEND_EMAILS) : truthy(hostRow(SEND_EMAILS_PARAMETER, name)?.VAL);
      if (sends === false) continue;
      const threads = wholeNumber(hostRow(THREADS_PARAMETER, name)?.VAL) ?? globalThreads;
      for (let i = 0; i < threads; i++) slots.push(name);
    }
    const budget = slots.length;
    const backoffDays = Number(globalOf('Scheduler.EmailBackoffMaxDays')) > 0 ? Number(globalOf('Scheduler.EmailBackoffMaxDays')) : DEFAULT_BACKOFF_DAYS;

    const tables = await tx.query<Row>("SELECT name AS NAME FROM sqlite_master WHERE type = 'table' AND name = 'OSSYS_EMAIL_STATUS'");
    if (budget === 0 || tables.length === 0) return { offset, slots, queued: [] };

    // The demo's status table points at its email by EMAIL_ID, or by sharing its ID (layout statusKey).
    const withEmailId = await tx.query<Row>("SELECT name AS NAME FROM pragma_table_info('OSSYS_EMAIL_STATUS') WHERE name = 'EMAIL_ID'");
    const key = withEmailId.length ? 'EMAIL_ID' : 'ID';
    const unsent = await tx.query<Row>(
      `SELECT s.ID, s.${key} AS EMAIL_ID, s.ERROR_COUNT, e.CREATED FROM OSSYS_EMAIL_STATUS s JOIN OSSYS_EMAIL e ON e.ID = s.${key}
        WHERE s.SENT IS NULL OR s.SENT < '1900-01-02' ORDER BY s.ID`,
    );
    const giveUpBefore = now.getTime() + offsetAt(offset, now.getTime()) * 60_000 - backoffDays * DAY;
    return { offset, slots, queued: unsent.filter((e) => Number(e.ERROR_COUNT) === 0 || (localMillis(e.CREATED) ?? 0) >= giveUpBefore) };
  }
}

/** When the i-th queued email goes: just after `at`, never later than `now`. */
function sendTime(at: Date, now: Date, i: number): Date {
  return new Date(Math.max(at.getTime(), Math.min(at.getTime() + FIRST_SEND_MS + i * SEND_STEP_MS, now.getTime())));
}

/** The scenario the demo database holds; 'concurrency' when it keeps none. */
async function scenarioOf(tx: DbConnection): Promise<DemoScenario> {
  try {
    const name = (await tx.query<Row>('SELECT NAME FROM DEMO_SCENARIO LIMIT 1'))[0]?.NAME;
    return (DEMO_SCENARIOS as readonly unknown[]).includes(name) ? (name as DemoScenario) : 'concurrency';
  } catch {
    return 'concurrency';
  }
}

/**
 * The fix took effect at `at`, simulated by the demo's scenario: 'concurrency' restarts the
 * Scheduler (simulateSchedulerRestart: new 432s while its budget is over the limit); 'smtp-auth'
 * and 'quota' were fixed outside the app (authentication allowed again, the quota window passed),
 * so the queued emails are sent after `at` and no new error is logged.
 */
export async function simulateFixTookEffect(conn: DbConnection, at: Date, now: Date): Promise<DemoRestartOutcome & { scenario: DemoScenario }> {
  const scenario = await conn.transaction((tx) => scenarioOf(tx), { readOnly: true });
  if (scenario === 'concurrency') return { scenario, ...(await simulateSchedulerRestart(conn, at, now)) };
  return { scenario, ...(await simulateQueueSent(conn, at, now)) };
}

/** Every queued email is sent just after `at`, over whatever connections the Scheduler opens; nothing fails. */
export async function simulateQueueSent(conn: DbConnection, at: Date, now: Date): Promise<DemoRestartOutcome> {
  return conn.transaction(async (tx) => {
    const { offset, slots, queued } = await schedulerState(tx, now);
    for (const [i, email] of queued.entries()) {
      await tx.execute('UPDATE OSSYS_EMAIL_STATUS SET SENT = :sent, NEXT_RUN = :none, IS_RUNNING_AT = :none WHERE ID = :id', {
        sent: demoLocalText(sendTime(at, now, i), offset),
        none: NULL_DATE,
        id: Number(email.ID),
      });
    }
    return { budget: slots.length, sent: queued.length, failed: 0 };
  });
}

/**
 * The Scheduler of the embedded demo, restarted at `at`: it reads its own settings (active servers
 * with Send Emails on, threads for emails with per-host overrides), then sends the queued emails
 * (pending, and failed ones still within Scheduler.EmailBackoffMaxDays) over `budget` connections at
 * once. Exchange accepts DEMO_CONNECTION_LIMIT of them; while the budget is over the limit the
 * others get the 432 reply: that email fails once more and the 432 is logged on the sending server.
 * Times are just after `at` (a few hundred milliseconds), never later than `now`, stored in the
 * demo's local time. One transaction; the demo saves it to disk atomically.
 */
export async function simulateSchedulerRestart(conn: DbConnection, at: Date, now: Date): Promise<DemoRestartOutcome> {
  return conn.transaction(async (tx) => {
    const { offset, slots, queued } = await schedulerState(tx, now);
    const local = (date: Date) => demoLocalText(date, offset);
    const budget = slots.length;
    let sent = 0;
    let failed = 0;
    for (const [i, email] of queued.entries()) {
      const when = local(sendTime(at, now, i));
      const round = Math.floor(i / budget);
      const slot = i % budget;
      // Which connections Exchange turns away rotates from one round to the next.
      const accepted = (slot - round + budget * budget) % budget < DEMO_CONNECTION_LIMIT;
      if (accepted) {
        await tx.execute('UPDATE OSSYS_EMAIL_STATUS SET SENT = :sent, NEXT_RUN = :none, IS_RUNNING_AT = :none WHERE ID = :id', {
          sent: when,
          none: NULL_DATE,
          id: Number(email.ID),
        });
        sent++;
        continue;
      }
      const errors = Number(email.ERROR_COUNT) + 1;
      const errorId = `err-${String(email.EMAIL_ID)}-${errors}`;
      await tx.execute('UPDATE OSSYS_EMAIL_STATUS SET ERROR_COUNT = :errors, NEXT_RUN = :next, LAST_ERROR_ID = :errorId WHERE ID = :id', {
        errors,
        next: local(new Date(Math.max(at.getTime(), now.getTime()) + errors * 10 * 60_000)),
        errorId,
        id: Number(email.ID),
      });
      await tx.execute(
        `INSERT INTO OSLOG_ERROR_0 (INSTANT, SESSION_ID, MESSAGE, STACK, MODULE_NAME, SERVER, ESPACE_NAME, APPLICATION_NAME, TENANT_ID)
          VALUES (:instant, '', :message, '', 'EmailSender', :server, 'EmailSender', 'EmailSender', 1)`,
        { instant: when, message: CONCURRENCY_MESSAGES[failed % CONCURRENCY_MESSAGES.length]!.replace('{id}', String(email.EMAIL_ID)), server: slots[slot]! },
      );
      failed++;
    }
    return { budget, sent, failed };
  });
}
