import type { MailboxBudget, MailboxQuota } from '../../../shared/capacity/types';
import { thousands } from '../../../shared/capacity/wording';
import { Arithmetic } from './Arithmetic';
import { Breakable } from './Breakable';
import { TableHead } from './TableHead';

/** One mailbox's line: what it carries against its limit, the headroom, and the arithmetic behind it. */
export interface BudgetRow {
  mailbox: string;
  environments: string[];
  /** e.g. "4", "at least 12,000". */
  amount: string;
  /** e.g. "3"; null when no limit is known. */
  limit: string | null;
  status: 'within' | 'over' | 'not checked';
  headroom: string;
  arithmetic: string;
}

export type BudgetColumn = 'amount' | 'headroom' | 'arithmetic';

const HEADER: Record<Exclude<BudgetColumn, 'amount'>, string> = { headroom: 'Headroom', arithmetic: 'Arithmetic' };
const BADGE: Record<BudgetRow['status'], string> = { within: 'badge-success', over: 'badge-danger', 'not checked': 'badge-warning' };
/** "4 of 3 over" read as nonsense: the limit is named as such, and the badge says against what. */
const STATUS_WORDS: Record<BudgetRow['status'], string> = { within: 'within the limit', over: 'over the limit', 'not checked': 'not checked' };

/**
 * Per mailbox against a limit (connections, recipients per 24 h): the mailbox and its
 * environments, then the columns asked for, in their order.
 */
export function BudgetTable({
  caption,
  captionHidden = false,
  amountHeader,
  rows,
  columns = ['amount', 'headroom', 'arithmetic'],
  mono = false,
}: {
  caption: string;
  /** Read by assistive tech only, when a heading above already says it. */
  captionHidden?: boolean;
  amountHeader: string;
  rows: BudgetRow[];
  columns?: BudgetColumn[];
  /** The arithmetic in a fixed-width font (numbers of a few digits line up). */
  mono?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="table budget-table">
        <caption className={captionHidden ? 'visually-hidden' : 'table-caption'}>{caption}</caption>
        <TableHead columns={[{ key: 'mailbox', label: 'Mailbox' }, ...columns.map((c) => ({ key: c, label: c === 'amount' ? amountHeader : HEADER[c] }))]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.mailbox}>
              <th scope="row">
                <Breakable text={row.mailbox} />
                <div className="muted small">{row.environments.join(', ')}</div>
              </th>
              {columns.map((c) => (
                <BudgetCell key={c} column={c} row={row} mono={mono} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BudgetCell({ column, row, mono }: { column: BudgetColumn; row: BudgetRow; mono: boolean }) {
  switch (column) {
    case 'amount':
      return (
        <td>
          {row.amount}
          {row.limit !== null && <span className="muted small"> (limit {row.limit})</span>}{' '}
          <span className={`badge ${BADGE[row.status]}`}>{STATUS_WORDS[row.status]}</span>
        </td>
      );
    case 'headroom':
      return <td>{row.headroom}</td>;
    case 'arithmetic':
      return (
        <td className={`small budget-arithmetic ${mono ? 'mono' : ''}`}>
          <Arithmetic text={row.arithmetic} />
        </td>
      );
  }
}

/** The connection budget's rows. */
export function connectionRows(mailboxes: MailboxBudget[]): BudgetRow[] {
  return mailboxes.map((m) => ({
    mailbox: m.mailbox,
    environments: m.environments,
    amount: String(m.connections),
    limit: String(m.limit),
    status: m.withinLimit ? 'within' : 'over',
    headroom: String(m.headroom),
    arithmetic: m.arithmetic,
  }));
}

/** The recipients per 24 h quota's rows; a sum missing some senders is a lower bound. */
export function quotaRows(mailboxes: MailboxQuota[]): BudgetRow[] {
  return mailboxes.map((m) => ({
    mailbox: m.mailbox,
    environments: m.environments,
    amount: `${m.missing.length > 0 && m.status !== 'not-checked' ? 'at least ' : ''}${thousands(m.recipients)}`,
    limit: m.limit === null ? null : thousands(m.limit),
    status: m.status === 'not-checked' ? 'not checked' : m.status,
    headroom: m.headroom === null ? '–' : thousands(m.headroom),
    arithmetic: m.arithmetic,
  }));
}
