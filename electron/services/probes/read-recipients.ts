import { ApiError } from '../../../shared/api/errors';
import type { RecipientsProbeResult } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { formatUtcMinute, toDatabaseLocal, type ClockOffset } from './db-time';
import { probeFailure, unreadableReason } from './failures';
import { findStatusTable, joinWords } from './read-email-queue';
import { readOnly } from './read-only';
import { recipientsSql, type RecipientsAt } from './sql/recipients';
import type { RecipientsProbeOptions } from './types';
import { count } from './values';

const HOUR = 3_600_000;
/** Exchange Online's recipient quota counts a rolling 24 hours (domain.md 4b). */
export const DEFAULT_RECIPIENT_HOURS = 24;
/** At most a week back: the quota is a day, and the count must stay cheap. */
export const MAX_RECIPIENT_HOURS = 168;
/** At most this many sent emails are read; their recipients are summed in the database. */
export const RECIPIENTS_ROW_CAP = 20_000;

/**
 * Recipient columns of OSSYS_EMAIL (Sent_Email), whose names are not documented: To, Cc and Bcc
 * under the names a platform may give them (TO, TO_ADDRESS, EMAIL_TO, CC_LIST...), else one
 * RECIPIENTS column. One column per kind, so no recipient is counted twice: the exact name first,
 * then the shortest.
 */
const KIND_COLUMN = /^(?:(?:EMAIL|MAIL|SEND|MSG|MESSAGE)_?)?(TO|CC|BCC)(?:_?(?:ADDRESS|ADDRESSES|ADDR|ADDRS|LIST|RECIPIENT|RECIPIENTS|EMAIL|EMAILS))?$/;
const RECIPIENTS_COLUMN = /^RECIPIENTS?(?:_?(?:LIST|ADDRESS|ADDRESSES|EMAILS))?$/;

export function recipientColumnsOf(columns: Iterable<string>): string[] {
  const all = [...columns].map((c) => c.toUpperCase()).sort();
  const byKind = new Map<string, string>();
  for (const column of all) {
    const kind = KIND_COLUMN.exec(column)?.[1];
    if (!kind) continue;
    const chosen = byKind.get(kind);
    if (!chosen || (chosen !== kind && (column === kind || column.length < chosen.length))) byKind.set(kind, column);
  }
  if (byKind.size) return ['TO', 'CC', 'BCC'].flatMap((kind) => (byKind.has(kind) ? [byKind.get(kind)!] : []));
  const recipients = all.filter((c) => RECIPIENTS_COLUMN.test(c)).sort((a, b) => a.length - b.length);
  return recipients.slice(0, 1);
}

/** The window asked for, in hours; refused with invalid_input on `hours` unless more than 0 and at most a week. */
export function windowHours(hours: unknown): number {
  const h = hours ?? DEFAULT_RECIPIENT_HOURS;
  if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > MAX_RECIPIENT_HOURS) {
    throw new ApiError('invalid_input', `The window is more than 0 and at most ${MAX_RECIPIENT_HOURS} hours`, { field: 'hours' });
  }
  return h;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/**
 * Emails marked sent in the last `hours` (SENT on the status table, database-local) and, when
 * OSSYS_EMAIL has recipient columns, their recipients: separators counted in SQL, one row per sent
 * email, at most RECIPIENTS_ROW_CAP of them. What the catalog showed of OSSYS_EMAIL is kept as evidence.
 */
export async function readRecipients(
  conn: DbConnection,
  opts: RecipientsProbeOptions,
  now: Date,
  clock: ClockOffset,
): Promise<Omit<RecipientsProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const hours = windowHours(opts.hours);
  const since = new Date(now.getTime() - hours * HOUR);
  const window = `in the last ${plural(hours, 'hour')} (since ${formatUtcMinute(since)})`;
  const base = { since: since.toISOString(), hours };
  const unknown = (reason: string, evidence?: RecipientsProbeResult['evidence']) => ({
    ...base,
    known: false,
    reason,
    ...(evidence ? { evidence } : {}),
    summary: `Emails sent ${window} and their recipients are unknown: ${reason}. Type the emails sent and the average recipients per email.`,
  });
  return readOnly(conn, async (tx) => {
    opts.progress?.('Looking for the email tables', 0.2);
    const found = await findStatusTable(tx, opts.signal);
    if ('reason' in found) return unknown(found.reason);
    const emailColumns = [...(found.columns.get('OSSYS_EMAIL') ?? [])].sort();
    const recipientColumns = recipientColumnsOf(emailColumns);
    const at: RecipientsAt = recipientColumns.length === 0 ? null : found.table === 'OSSYS_EMAIL' ? 'status' : found.joinKey ? 'email' : null;
    const evidence = { emailColumns, ...(recipientColumns.length ? { recipientColumns } : {}) };
    let noRecipients: string | null =
      emailColumns.length === 0
        ? 'OSSYS_EMAIL (Sent_Email) was not found, so no recipient column either'
        : recipientColumns.length === 0
          ? `no recipient column (To, Cc, Bcc, Recipients) was found on OSSYS_EMAIL, whose columns are ${emailColumns.join(', ')}`
          : at === null
            ? `${found.table} has neither EMAIL_ID nor ID to join OSSYS_EMAIL's recipient columns (${recipientColumns.join(', ')}) to the sent emails`
            : null;
    const params = { since: toDatabaseLocal(since, clock, tx.engine), cap: RECIPIENTS_ROW_CAP };
    opts.progress?.(`Counting emails sent in ${found.table}`, 0.5);
    let row: Record<string, unknown> | undefined;
    try {
      [row] = await tx.query<Record<string, unknown>>(
        recipientsSql(found.table, recipientColumns, noRecipients ? null : at, found.joinKey ?? undefined)[tx.engine],
        params,
        {
          signal: opts.signal,
        },
      );
    } catch (error) {
      const reason = unreadableReason(error, noRecipients ? found.table : 'OSSYS_EMAIL');
      if (reason === null) throw probeFailure(error, `counting the recipients of the emails sent in ${found.table}`);
      if (noRecipients) return unknown(reason, evidence);
      // The recipients could not be read: count the emails alone.
      noRecipients = reason;
      try {
        [row] = await tx.query<Record<string, unknown>>(recipientsSql(found.table, [], null)[tx.engine], params, { signal: opts.signal });
      } catch (again) {
        const why = unreadableReason(again, found.table);
        if (why === null) throw probeFailure(again, `counting the emails sent in ${found.table}`);
        return unknown(why, evidence);
      }
    }
    const emails = count(row?.N);
    const capped = emails >= RECIPIENTS_ROW_CAP;
    const atLeast = capped ? 'at least ' : '';
    const capNote = capped
      ? ` The count stopped at the newest ${RECIPIENTS_ROW_CAP.toLocaleString('en-US')} emails to spare the database; the numbers are lower bounds.`
      : '';
    if (noRecipients) {
      return {
        ...base,
        known: true,
        emails,
        recipients: null,
        capped,
        evidence,
        reason: noRecipients,
        summary: `${capped ? 'At least ' : ''}${plural(emails, 'email')} sent ${window} (${found.table}); their recipients are unknown: ${noRecipients}. Type the average number of recipients per email.${capNote}`,
      };
    }
    const recipients = count(row?.RECIPIENTS);
    return {
      ...base,
      known: true,
      emails,
      recipients,
      capped,
      evidence,
      summary: `${capped ? 'At least ' : ''}${plural(emails, 'email')} sent ${window}, to ${atLeast}${plural(recipients, 'recipient')} (addresses counted by their ; and , separators in OSSYS_EMAIL ${recipientColumns.join(', ')}${at === 'email' && found.joinKey ? `, ${joinWords(found.table, found.joinKey)}` : ''}).${capNote}`,
    };
  });
}
