import type { EmailQueueProbeResult } from '../../../shared/probes/types';
import type { DbConnection } from '../db/types';
import { probeFailure, unreadableReason } from './failures';
import { readOnly } from './read-only';
import { readColumns } from './read-servers';
import { emailQueueSql } from './sql/email-queue';
import type { ProbeCallOptions } from './types';
import { count } from './values';

const NULL_DATE_LIMIT = new Date('1900-01-02T00:00:00.000Z');
const STATUS_COLUMNS = ['ERROR_COUNT', 'SENT'];

/** Pending, failing and sent-in-24-h counts of the Email_Status entity, once its table is found. */
export async function readEmailQueue(conn: DbConnection, opts: ProbeCallOptions, now: Date): Promise<Omit<EmailQueueProbeResult, 'readAt' | 'durationMs' | 'engine'>> {
  const unknown = (reason: string) => ({ known: false, reason, summary: `The email queue is unknown: ${reason}.` });
  return readOnly(conn, async (tx) => {
    opts.progress?.('Looking for the email status table', 0.2);
    let columns: Map<string, Set<string>>;
    try {
      columns = await readColumns(tx, opts.signal);
    } catch (error) {
      const reason = unreadableReason(error, 'the column catalog');
      if (reason === null) throw probeFailure(error, 'looking for the email status table');
      return unknown(reason);
    }
    const table = [...columns].find(([name, cols]) => name.startsWith('OSSYS_EMAIL') && STATUS_COLUMNS.every((c) => cols.has(c)))?.[0];
    if (!table) return unknown('no OSSYS_EMAIL… table with ERROR_COUNT and SENT columns (the Email_Status entity) was found');
    opts.progress?.(`Counting emails in ${table}`, 0.6);
    try {
      const [row] = await tx.query<Record<string, unknown>>(emailQueueSql(table)[tx.engine], { nullDateLimit: NULL_DATE_LIMIT, since: new Date(now.getTime() - 86_400_000) }, { signal: opts.signal });
      const pending = count(row?.PENDING);
      const failing = count(row?.FAILING);
      const sentLast24h = count(row?.SENT_24H);
      return {
        known: true,
        pending,
        failing,
        sentLast24h,
        summary: `${pending} email${pending === 1 ? '' : 's'} waiting, ${failing} failing (retried with growing delays), ${sentLast24h} sent in the last 24 hours (${table}).`,
      };
    } catch (error) {
      const reason = unreadableReason(error, table);
      if (reason === null) throw probeFailure(error, `counting emails in ${table}`);
      return unknown(reason);
    }
  });
}
