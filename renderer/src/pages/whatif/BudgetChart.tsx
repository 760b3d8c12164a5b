import type { BudgetResult, QuotaResult } from '../../../../shared/capacity/types';
import { thousands } from '../../../../shared/capacity/wording';

const BAR = 18;
const GAP = 6;
const GROUP_GAP = 18;
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 320;
const TOP = 22;

interface ChartRow {
  label: string;
  now: number;
  /** After the recommended plan, when there is one. */
  after?: number;
}

/**
 * Connections per mailbox against the limit: a bar for today and, when there is a plan, one for
 * after the recommended plan; a dashed line at the limit. Drawn as inline SVG (no chart library);
 * the per-mailbox table next to it says the same in text.
 */
export function BudgetChart({ result }: { result: BudgetResult }) {
  const plan = result.plans[0];
  const limit = result.provider.limit;
  const rows = result.mailboxes.map((m) => ({
    label: m.mailbox,
    now: m.connections,
    ...(plan && plan.connectionsAfter[m.mailbox] !== undefined ? { after: plan.connectionsAfter[m.mailbox] } : {}),
  }));
  const summary = rows
    .map((r) => `${r.label}: ${r.now} now${r.after !== undefined ? `, ${r.after} after the recommended plan` : ''}`)
    .join('; ');
  return (
    <LimitChart
      rows={rows}
      limit={limit}
      hasAfter={Boolean(plan)}
      ariaLabel={`Connections per mailbox against the limit of ${limit}. ${summary}.`}
      limitWords={`the limit of ${limit} connections per mailbox`}
    />
  );
}

/** Recipients per 24 h per checked mailbox against the quota, the same way (today only). */
export function QuotaChart({ quota }: { quota: QuotaResult }) {
  const limit = quota.limit;
  const rows = quota.mailboxes.filter((m) => m.status !== 'not-checked').map((m) => ({ label: m.mailbox, now: m.recipients }));
  if (limit === null || rows.length === 0) return null;
  const summary = rows.map((r) => `${r.label}: ${thousands(r.now)}`).join('; ');
  return (
    <LimitChart
      rows={rows}
      limit={limit}
      hasAfter={false}
      ariaLabel={`Recipients per 24 h per mailbox against the limit of ${thousands(limit)}. ${summary}.`}
      limitWords={`the limit of ${thousands(limit)} recipients per 24 h`}
    />
  );
}

function LimitChart({
  rows,
  limit,
  hasAfter,
  ariaLabel,
  limitWords,
}: {
  rows: ChartRow[];
  limit: number;
  hasAfter: boolean;
  ariaLabel: string;
  limitWords: string;
}) {
  const max = Math.max(limit, ...rows.map((r) => Math.max(r.now, r.after ?? 0))) * 1.15 || 1;
  const x = (value: number) => LABEL_WIDTH + (value / max) * PLOT_WIDTH;
  const perGroup = hasAfter ? BAR * 2 + GAP : BAR;
  const height = TOP + rows.length * (perGroup + GROUP_GAP) + 6;
  // Value labels past the bar need room on the right for "11,200 now".
  const right = Math.max(50, ...rows.map((r) => `${thousands(Math.max(r.now, r.after ?? 0))} after`.length * 7 + 8));

  return (
    <figure className="whatif-chart">
      <svg role="img" aria-label={ariaLabel} viewBox={`0 0 ${LABEL_WIDTH + PLOT_WIDTH + right} ${height}`} width="100%">
        <text x={x(limit)} y={12} textAnchor="middle" className="whatif-chart-limit-label">
          limit {thousands(limit)}
        </text>
        {rows.map((row, i) => {
          const y = TOP + i * (perGroup + GROUP_GAP);
          return (
            <g key={row.label}>
              <text x={LABEL_WIDTH - 8} y={y + BAR - 5} textAnchor="end" className="whatif-chart-label">
                {truncate(row.label, 26)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={Math.max(1, x(row.now) - LABEL_WIDTH)} height={BAR} rx={3} className={row.now > limit ? 'bar-over' : 'bar-ok'} />
              <text x={x(row.now) + 6} y={y + BAR - 5} className="whatif-chart-value">
                {thousands(row.now)} now
              </text>
              {row.after !== undefined && (
                <>
                  <rect x={LABEL_WIDTH} y={y + BAR + GAP} width={Math.max(1, x(row.after) - LABEL_WIDTH)} height={BAR} rx={3} className="bar-after" />
                  <text x={x(row.after) + 6} y={y + 2 * BAR + GAP - 5} className="whatif-chart-value">
                    {thousands(row.after)} after
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line x1={x(limit)} x2={x(limit)} y1={16} y2={height} className="whatif-chart-limit" />
      </svg>
      <figcaption className="muted small">
        <span className="legend legend-now" aria-hidden="true" /> now
        {hasAfter && (
          <>
            {' '}
            <span className="legend legend-after" aria-hidden="true" /> after the recommended plan
          </>
        )}{' '}
        · dashed line: {limitWords}
      </figcaption>
    </figure>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
