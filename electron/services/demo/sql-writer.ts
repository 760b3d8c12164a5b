import type { Database } from 'sql.js';
import { zoneOffsetMinutes } from '../../../shared/profiles/time-zone';
import { demoLocalText, logCycle, offsetAt, type ClockOffset } from '../probes/db-time';
import { seededRandom } from './random';
import { NULL_DATE, schemaStatements } from './schema';
import { DAY, HOUR, type DemoSeed } from './seed-model';

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
