import type { BudgetResult } from '../../../../shared/capacity/types';

const BAR = 18;
const GAP = 6;
const GROUP_GAP = 18;
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 320;
const TOP = 22;

/**
 * Connections per mailbox against the limit: a bar for today and, when there is a plan, one for
 * after the recommended plan; a dashed line at the limit. Drawn as inline SVG (no chart library);
 * the per-mailbox table next to it says the same in text.
 */
export function BudgetChart({ result }: { result: BudgetResult }) {
  const plan = result.plans[0];
  const limit = result.provider.limit;
  const rows = result.mailboxes.map((m) => ({
    mailbox: m.mailbox,
    now: m.connections,
    after: plan ? plan.connectionsAfter[m.mailbox] : undefined,
  }));
  const max = Math.max(limit, ...rows.map((r) => Math.max(r.now, r.after ?? 0))) * 1.15 || 1;
  const x = (value: number) => LABEL_WIDTH + (value / max) * PLOT_WIDTH;
  const perGroup = plan ? BAR * 2 + GAP : BAR;
  const height = TOP + rows.length * (perGroup + GROUP_GAP) + 6;
  const summary = rows
    .map((r) => `${r.mailbox}: ${r.now} now${r.after !== undefined ? `, ${r.after} after the recommended plan` : ''}`)
    .join('; ');

  return (
    <figure className="whatif-chart">
      <svg
        role="img"
        aria-label={`Connections per mailbox against the limit of ${limit}. ${summary}.`}
        viewBox={`0 0 ${LABEL_WIDTH + PLOT_WIDTH + 50} ${height}`}
        width="100%"
      >
        <text x={x(limit)} y={12} textAnchor="middle" className="whatif-chart-limit-label">
          limit {limit}
        </text>
        {rows.map((row, i) => {
          const y = TOP + i * (perGroup + GROUP_GAP);
          return (
            <g key={row.mailbox}>
              <text x={LABEL_WIDTH - 8} y={y + BAR - 5} textAnchor="end" className="whatif-chart-label">
                {truncate(row.mailbox, 26)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={Math.max(1, x(row.now) - LABEL_WIDTH)} height={BAR} rx={3} className={row.now > limit ? 'bar-over' : 'bar-ok'} />
              <text x={x(row.now) + 6} y={y + BAR - 5} className="whatif-chart-value">
                {row.now} now
              </text>
              {row.after !== undefined && (
                <>
                  <rect x={LABEL_WIDTH} y={y + BAR + GAP} width={Math.max(1, x(row.after) - LABEL_WIDTH)} height={BAR} rx={3} className="bar-after" />
                  <text x={x(row.after) + 6} y={y + 2 * BAR + GAP - 5} className="whatif-chart-value">
                    {row.after} after
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
        {plan && (
          <>
            {' '}
            <span className="legend legend-after" aria-hidden="true" /> after the recommended plan
          </>
        )}{' '}
        · dashed line: the limit of {limit} connections per mailbox
      </figcaption>
    </figure>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
