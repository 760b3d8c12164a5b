import type { Database } from 'sql.js';
import type { DemoScenario } from '../../../shared/probes/types';
import { zoneOffsetMinutes } from '../../../shared/profiles/time-zone';
import { demoLocalText, logCycle, offsetAt, type ClockOffset } from '../probes/db-time';
import { NULL_DATE, schemaStatements, type DemoLayout } from './schema';
import { THREADS_PARAMETER } from '../../../shared/capacity/providers';

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

export { THREADS_PARAMETER };
/** Where the fiveServers scenario keeps "Send Emails": per-host parameter rows (one plausible layout). */
export const SEND_EMAILS_PARAMETER = 'Scheduler.SendEmails';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Texts of the incident as Exchange Online words them (domain.md section 1). */
export const CONCURRENCY_MESSAGES = [
  'Error sending email {id}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information. [Hostname=AM9PR04MB1234.eurprd04.prod.outlook.com]',
  'Error sending email {id}: 432 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending for more information',
  'Error sending email {id}: 432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=BN8PR12MB3333.namprd12.prod.outlook.com]',
];

/** Other errors a real log holds around the 432s, some of them SMTP errors the toolkit must not count. */
export const OTHER_MESSAGES = [
  'Error sending email {id}: 421 4.3.2 Service not available, closing transmission channel',
  'Error sending email {id}: 554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
  'Error sending email {id}: 421 4.7.0 Temporary server error. Please try again later',
  'Error sending email {id}: Unable to connect to the remote server',
  "Timer 'SendDailyDigest' took more than 20 minutes to execute and was aborted",
  'Object reference not set to an instance of an object.',
  'The operation has timed out',
  'Invalid Login: the user name or password is not correct',
];

/**
 * Texts of the SMTP authentication incident (domain.md 4b; shared/samples/smtp-errors-by-playbook.tsv):
 * SMTP AUTH disabled for the tenant, and Basic auth retired for client submission.
 */
export const SMTP_AUTH_TENANT_MESSAGE =
  'Error sending email {id}: 535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.';
export const SMTP_AUTH_BASIC_RETIRED_MESSAGE = 'Error sending email {id}: 550 5.7.30 Basic authentication is not supported for Client Submission.';

/** Texts of the daily recipient quota incident (domain.md 4b). */
export const QUOTA_MESSAGES = [
  'Error sending email {id}: 554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Message submission quota exceeded.[EndDiagnosticData]',
  "Error sending email {id}: The message can't be submitted because the sender's submission quota was exceeded.",
];

/** A small deterministic generator (mulberry32), so seeds do not change between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** `count` errors at working hours over the last `days` days, newest no later than one hour ago. */
function spread(now: Date, random: () => number, count: number, days: number, servers: string[], messages: readonly string[], module: string) {
  const rows: DemoSeed['errors'] = [];
  for (let i = 0; i < count; i++) {
    const instant = new Date(now.getTime() - HOUR - Math.floor(random() * (days * DAY - HOUR)));
    rows.push({ instant, server: pick(random, servers), message: pick(random, messages).replace('{id}', String(40000 + i)), module });
  }
  return rows;
}

/** `count` errors between `fromMs` and `toMs` before now, ids from `firstId`. */
function between(
  now: Date,
  random: () => number,
  count: number,
  fromMs: number,
  toMs: number,
  servers: string[],
  messages: readonly string[],
  module: string,
  firstId: number,
) {
  const rows: DemoSeed['errors'] = [];
  for (let i = 0; i < count; i++) {
    const instant = new Date(now.getTime() - toMs - Math.floor(random() * (fromMs - toMs)));
    rows.push({ instant, server: pick(random, servers), message: pick(random, messages).replace('{id}', String(firstId + i)), module });
  }
  return rows;
}

const PLATFORM_PARAMETERS: DemoSeed['parameters'] = [
  { name: 'Scheduler.EmailBackoffMaxDays', val: '2' },
  { name: 'Scheduler.NumberOfThreadsForTimers', val: '3' },
  { name: 'Scheduler.NumberOfThreadsForProcesses', val: '10' },
];

/** The incident: 2 front-ends sending email, 2 threads each (4 > 3), 432s over the last days, a backlog. */
export function incidentSeed(now: Date): DemoSeed {
  const random = seededRandom(432);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'incident',
    scenario: 'concurrency',
    layout: { sendEmailsColumn: true, zones: true, emailStatus: true },
    servers: [
      { name: 'FE01', ip: '10.0.1.11', active: true, sendsEmail: true, zone: 'Global' },
      { name: 'FE02', ip: '10.0.1.12', active: true, sendsEmail: true, zone: 'Global' },
    ],
    parameters: [{ name: THREADS_PARAMETER, val: '2' }, ...PLATFORM_PARAMETERS],
    errors: [...spread(now, random, 84, 6, servers, CONCURRENCY_MESSAGES, 'EmailSender'), ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders')],
    // 43 queued (pending or still retried): more than the limit + 1 that a restart must send.
    emails: { failing: 25, abandoned: 12, pending: 18, sentLast24h: 240, sentOlder: 500 },
  };
}

/**
 * A larger farm: 5 servers, 2 of them not sending email, a per-host thread override on FE03, a
 * second zone, "Send Emails" kept as per-host parameter rows, and a noisy log where other errors
 * arrive in the same minutes as the 432s.
 */
export function fiveServersSeed(now: Date): DemoSeed {
  const random = seededRandom(5);
  const senders = ['FE01', 'FE02', 'FE03'];
  const servers: DemoSeed['servers'] = [
    { name: 'FE01', ip: '10.0.2.11', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE02', ip: '10.0.2.12', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE03', ip: '10.0.2.13', active: true, sendsEmail: true, zone: 'DMZ' },
    { name: 'FE04', ip: '10.0.2.14', active: true, sendsEmail: false, zone: 'Global' },
    { name: 'FE05', ip: '10.0.2.15', active: false, sendsEmail: false, zone: 'DMZ' },
  ];
  const incident = spread(now, random, 40, 5, senders, CONCURRENCY_MESSAGES, 'EmailSender');
  const noise = incident.flatMap((row, i) => [
    {
      ...row,
      instant: new Date(row.instant.getTime() - 20_000),
      message: OTHER_MESSAGES[i % OTHER_MESSAGES.length]!.replace('{id}', String(i)),
      module: 'Orders',
    },
    {
      ...row,
      instant: new Date(row.instant.getTime() + 15_000),
      message: OTHER_MESSAGES[(i + 3) % OTHER_MESSAGES.length]!.replace('{id}', String(i)),
      module: 'Portal',
    },
  ]);
  return {
    name: 'fiveServers',
    layout: { sendEmailsColumn: false, zones: true, emailStatus: true },
    servers,
    parameters: [
      { name: THREADS_PARAMETER, val: '2' },
      { name: THREADS_PARAMETER, val: '1', host: 'FE03' },
      ...servers.map((s) => ({ name: SEND_EMAILS_PARAMETER, val: s.sendsEmail ? 'True' : 'False', host: s.name })),
      ...PLATFORM_PARAMETERS,
    ],
    errors: [...incident, ...noise],
    emails: { failing: 9, abandoned: 3, pending: 4, sentLast24h: 80, sentOlder: 100 },
  };
}

/** The incident without the Scheduler.NumberOfThreadsForEmails row: the wizard must ask. */
export function missingParameterSeed(now: Date): DemoSeed {
  const seed = incidentSeed(now);
  return { ...seed, name: 'missingParameter', parameters: seed.parameters.filter((p) => p.name !== THREADS_PARAMETER) };
}

/** A database where "Send Emails", zones and the email status table are nowhere to be found. */
export function unknownLayoutSeed(now: Date): DemoSeed {
  return { ...incidentSeed(now), name: 'unknownLayout', layout: { sendEmailsColumn: false, zones: false, emailStatus: false } };
}

/** Two front-ends within the connection limit (1 thread each): the other playbooks' farm. */
const WITHIN_LIMIT: Pick<DemoSeed, 'layout' | 'servers' | 'parameters'> = {
  layout: { sendEmailsColumn: true, zones: true, emailStatus: true, recipientColumns: true },
  servers: [
    { name: 'FE01', ip: '10.0.1.11', active: true, sendsEmail: true, zone: 'Global' },
    { name: 'FE02', ip: '10.0.1.12', active: true, sendsEmail: true, zone: 'Global' },
  ],
  parameters: [{ name: THREADS_PARAMETER, val: '1' }, ...PLATFORM_PARAMETERS],
};

/** When the SMTP authentication incident began: this long before now. */
export const SMTP_AUTH_SINCE_MS = 2 * DAY;
export const SMTP_AUTH_TENANT_ERRORS = 150;
export const SMTP_AUTH_BASIC_RETIRED_ERRORS = 30;

/**
 * SMTP authentication refused: two days ago Exchange Online started answering 535 5.7.139
 * (SMTP AUTH disabled for the tenant) and, for some attempts, 550 5.7.30 (Basic auth retired).
 * Nothing was sent since; the failing emails pile up. Threads 1 on 2 servers: within the
 * connection limit, so the 432 playbook does not apply.
 */
export function smtpAuthSeed(now: Date): DemoSeed {
  const random = seededRandom(5739);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'smtpAuth',
    scenario: 'smtp-auth',
    ...WITHIN_LIMIT,
    errors: [
      ...between(now, random, SMTP_AUTH_TENANT_ERRORS, SMTP_AUTH_SINCE_MS, 10 * 60_000, servers, [SMTP_AUTH_TENANT_MESSAGE], 'EmailSender', 60000),
      ...between(
        now,
        random,
        SMTP_AUTH_BASIC_RETIRED_ERRORS,
        SMTP_AUTH_SINCE_MS,
        10 * 60_000,
        servers,
        [SMTP_AUTH_BASIC_RETIRED_MESSAGE],
        'EmailSender',
        61000,
      ),
      ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders'),
    ],
    emails: { failing: 60, pending: 15, sentLast24h: 0, sentOlder: 400, failingHours: { from: 47, to: 0 }, olderFromDays: 2 },
  };
}

/** How long the recipient quota has been exceeded: errors over this many hours before now. */
export const QUOTA_ERROR_HOURS = 20;
export const QUOTA_ERRORS = 120;
/** Emails sent in the last 24 h and their recipients each: 1,400 x 3..15 is about 12,600, above 10,000. */
export const QUOTA_SENT_LAST_24H = 1400;
export const QUOTA_RECIPIENTS = { min: 3, max: 15 } as const;

/**
 * The daily recipient quota: a campaign sent 1,400 emails of 3 to 15 recipients each between 24 and
 * 20 hours ago, more than 10,000 recipients in the rolling 24 h; since then Exchange Online answers
 * 554 5.2.0 SubmissionQuotaExceededException and failing emails queue up.
 */
export function quotaSeed(now: Date): DemoSeed {
  const random = seededRandom(520);
  const servers = ['FE01', 'FE02'];
  return {
    name: 'quota',
    scenario: 'quota',
    ...WITHIN_LIMIT,
    errors: [
      ...between(now, random, QUOTA_ERRORS, QUOTA_ERROR_HOURS * HOUR, 5 * 60_000, servers, QUOTA_MESSAGES, 'EmailSender', 70000),
      ...spread(now, random, 60, 13, servers, OTHER_MESSAGES, 'Orders'),
    ],
    emails: {
      failing: 80,
      pending: 25,
      sentLast24h: QUOTA_SENT_LAST_24H,
      sentOlder: 600,
      recipients: QUOTA_RECIPIENTS,
      recentHours: { from: 23.5, to: QUOTA_ERROR_HOURS + 0.5 },
      failingHours: { from: QUOTA_ERROR_HOURS, to: 0 },
    },
  };
}

/** The seed of each playbook's demo scenario (what demo.reset seeds). */
export const demoScenarioSeeds: Record<DemoScenario, (now: Date) => DemoSeed> = {
  concurrency: incidentSeed,
  'smtp-auth': smtpAuthSeed,
  quota: quotaSeed,
};

export const scenarioSeeds = {
  incident: incidentSeed,
  fiveServers: fiveServersSeed,
  missingParameter: missingParameterSeed,
  unknownLayout: unknownLayoutSeed,
  smtpAuth: smtpAuthSeed,
  quota: quotaSeed,
} as const;
/** @internal */
export type ScenarioName = keyof typeof scenarioSeeds;

/**
 * The log table a row belongs to, as the platform rotates it (Fridays 23:45 local time): the
 * current cycle's rows go to OSLOG_ERROR_0 (the OSLOG_ERROR view), the previous cycle's to
 * OSLOG_ERROR_1 (OSLOG_ERROR_PREVIOUS); older rows are in neither view, so null.
 */
export function logTableFor(instant: Date, now: Date, clock: ClockOffset | number = 0): 'OSLOG_ERROR_0' | 'OSLOG_ERROR_1' | null {
  const c = typeof clock === 'number' ? { utcOffsetMinutes: clock } : clock;
  // Cycles rotate on the wall clock: each instant at its own offset.
  const current = logCycle(now.getTime() + offsetAt(c, now.getTime()) * 60_000).start;
  const local = instant.getTime() + offsetAt(c, instant.getTime()) * 60_000;
  if (local >= current) return 'OSLOG_ERROR_0';
  if (local >= current - 7 * DAY) return 'OSLOG_ERROR_1';
  return null;
}

/**
 * Inserts log rows through one prepared statement (fast enough for the million-row bench log).
 * INSTANT is stored as local wall-clock text in the demo's zone (`clock`, default UTC).
 */
export function insertLogRows(
  db: Database,
  table: 'OSLOG_ERROR_0' | 'OSLOG_ERROR_1',
  rows: Iterable<DemoSeed['errors'][number]>,
  clock: ClockOffset | number = 0,
): number {
  const stmt = db.prepare(
    `INSERT INTO ${table} (INSTANT, SESSION_ID, MESSAGE, STACK, MODULE_NAME, SERVER, ESPACE_NAME, APPLICATION_NAME, TENANT_ID)
     VALUES (:instant, '', :message, '', :module, :server, :module, :module, 1)`,
  );
  let count = 0;
  try {
    for (const row of rows) {
      stmt.bind({ ':instant': demoLocalText(row.instant, clock), ':message': row.message, ':module': row.module, ':server': row.server });
      stmt.step();
      count++;
    }
  } finally {
    stmt.free();
  }
  return count;
}

/**
 * Creates the schema in an empty database and fills it with `seed`, its times as local text at
 * `utcOffsetMinutes` or, when `timeZone` is given, at that zone's offset of each instant (so a
 * window across a daylight-saving change is stored as a real platform database would hold it).
 */
export function applySeed(db: Database, seed: DemoSeed, now: Date, utcOffsetMinutes = 0, timeZone: string | null = null): void {
  const clock: ClockOffset = { utcOffsetMinutes: timeZone ? zoneOffsetMinutes(timeZone, now.getTime()) : utcOffsetMinutes, timeZone };
  db.run('BEGIN');
  try {
    for (const statement of schemaStatements(seed.layout)) db.run(statement);
    db.run('INSERT INTO DEMO_CLOCK (UTC_OFFSET_MINUTES, ZONE) VALUES (?, ?)', [clock.utcOffsetMinutes, timeZone]);
    db.run('INSERT INTO DEMO_SCENARIO (NAME) VALUES (?)', [seed.scenario ?? 'concurrency']);
    const zones = [...new Set(seed.servers.map((s) => s.zone).filter((z): z is string => Boolean(z)))];
    seed.servers.forEach((server, i) => {
      const id = i + 1;
      if (seed.layout.sendEmailsColumn) {
        db.run('INSERT INTO OSSYS_SERVER (ID, NAME, IP_ADDRESS, IS_ACTIVE, SEND_EMAILS) VALUES (?, ?, ?, ?, ?)', [
          id,
          server.name,
          server.ip,
          server.active ? 1 : 0,
          server.sendsEmail ? 1 : 0,
        ]);
      } else {
        db.run('INSERT INTO OSSYS_SERVER (ID, NAME, IP_ADDRESS, IS_ACTIVE) VALUES (?, ?, ?, ?)', [id, server.name, server.ip, server.active ? 1 : 0]);
      }
      if (seed.layout.zones && server.zone) {
        db.run('INSERT INTO OSSYS_ZONE_SERVER (ZONE_ID, SERVER_ID) VALUES (?, ?)', [zones.indexOf(server.zone) + 1, id]);
      }
    });
    if (seed.layout.zones) zones.forEach((zone, i) => db.run('INSERT INTO OSSYS_ZONE (ID, NAME) VALUES (?, ?)', [i + 1, zone]));
    for (const p of seed.parameters) {
      db.run('INSERT INTO OSSYS_PARAMETER (NAME, VAL, HOST, HOST_SERIAL) VALUES (?, ?, ?, ?)', [p.name, p.val, p.host ?? null, p.host ? `${p.host}-SN` : null]);
    }
    const sorted = [...seed.errors].sort((a, b) => a.instant.getTime() - b.instant.getTime());
    insertLogRows(
      db,
      'OSLOG_ERROR_1',
      sorted.filter((row) => logTableFor(row.instant, now, clock) === 'OSLOG_ERROR_1'),
      clock,
    );
    insertLogRows(
      db,
      'OSLOG_ERROR_0',
      sorted.filter((row) => logTableFor(row.instant, now, clock) === 'OSLOG_ERROR_0'),
      clock,
    );
    seedEmails(db, seed, now, clock);
    db.run('COMMIT');
  } catch (error) {
    db.run('ROLLBACK');
    throw error;
  }
}

/** `n` made-up addresses from `first` on, joined by `separator`. */
function addresses(first: number, n: number, separator: string): string {
  return Array.from({ length: n }, (_, i) => `user${first + i}@contoso.example`).join(separator);
}

function seedEmails(db: Database, seed: DemoSeed, now: Date, clock: ClockOffset): void {
  const random = seededRandom(25);
  // Recipients draw from a sequence of their own, so every other value stays as it was.
  const recipientRandom = seededRandom(24);
  const local = (date: Date) => demoLocalText(date, clock);
  const { failing, pending, sentLast24h, sentOlder, abandoned = 0 } = seed.emails;
  const { min: fewest, max: most } = seed.emails.recipients ?? { min: 1, max: 3 };
  const recent = seed.emails.recentHours ?? { from: 24, to: 0 };
  const failingWindow = seed.emails.failingHours ?? { from: 24, to: 0 };
  const withRecipients = seed.layout.recipientColumns !== false;
  const kinds = [
    ...Array.from({ length: failing }, () => 'failing' as const),
    ...Array.from({ length: pending }, () => 'pending' as const),
    ...Array.from({ length: sentLast24h }, () => 'recent' as const),
    ...Array.from({ length: sentOlder }, () => 'older' as const),
    ...Array.from({ length: abandoned }, () => 'abandoned' as const),
  ];
  kinds.forEach((kind, i) => {
    const id = i + 1;
    // Older sent emails 1 to 7 days ago; abandoned ones 3 to 9 days ago (past the 2-day back-off).
    const window =
      kind === 'older'
        ? { from: ((seed.emails.olderFromDays ?? 1) + 6) * 24, to: (seed.emails.olderFromDays ?? 1) * 24 }
        : kind === 'abandoned'
          ? { from: 9 * 24, to: 3 * 24 }
          : kind === 'recent'
            ? recent
            : kind === 'failing'
              ? failingWindow
              : { from: 24, to: 0 };
    const created = new Date(now.getTime() - Math.floor(random() * (window.from - window.to) * HOUR) - window.to * HOUR);
    const subject = `Order confirmation #${10000 + id}`;
    if (withRecipients) {
      // To, Cc and Bcc share the recipients; To takes the rest. ";" and ", " both separate, as people type them.
      const n = fewest + Math.floor(recipientRandom() * (most - fewest + 1));
      const cc = Math.floor(n / 3);
      const bcc = Math.floor(n / 4);
      const to = n - cc - bcc;
      db.run('INSERT INTO OSSYS_EMAIL (ID, SUBJECT, CREATED, SENDER, "TO", CC, BCC) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        id,
        subject,
        local(created),
        'noreply@contoso.example',
        addresses(id * 100, to, ';'),
        addresses(id * 100 + to, cc, ', '),
        addresses(id * 100 + to + cc, bcc, '; '),
      ]);
    } else {
      db.run('INSERT INTO OSSYS_EMAIL (ID, SUBJECT, CREATED, SENDER) VALUES (?, ?, ?, ?)', [id, subject, local(created), 'noreply@contoso.example']);
    }
    if (!seed.layout.emailStatus) return;
    const failed = kind === 'failing' || kind === 'abandoned';
    const sent = kind === 'recent' || kind === 'older' ? local(new Date(Math.min(now.getTime() - 60_000, created.getTime() + 60_000))) : NULL_DATE;
    const errorCount = kind === 'abandoned' ? 12 + Math.floor(random() * 6) : failed ? 1 + Math.floor(random() * 6) : 0;
    const nextRun = kind === 'failing' ? local(new Date(now.getTime() + errorCount * 10 * 60_000)) : kind === 'pending' ? local(now) : NULL_DATE;
    // The status row points at its email by EMAIL_ID, or (statusKey 'ID') by sharing its Id.
    const key = seed.layout.statusKey === 'ID' ? 'ID' : 'EMAIL_ID';
    db.run(`INSERT INTO OSSYS_EMAIL_STATUS (${key}, ERROR_COUNT, NEXT_RUN, SENT, LAST_ERROR_ID, IS_RUNNING_AT) VALUES (?, ?, ?, ?, ?, ?)`, [
      id,
      errorCount,
      nextRun,
      sent,
      failed ? `err-${id}` : '',
      NULL_DATE,
    ]);
  });
}
