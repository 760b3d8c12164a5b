import type { BudgetResult, QuotaResult } from '../../../../shared/capacity/types';
import { thousands } from '../../../../shared/capacity/wording';
import { layoutLimitChart, type ChartGroup, type ChartTone } from '../../../../shared/report/chart';

const BAR_CLASS: Record<ChartTone, string> = { ok: 'bar-ok', over: 'bar-over', after: 'bar-after' };

/**
 * Connections per mailbox against the limit: a bar for today and, when there is a plan, one for
 * after the recommended plan; a dashed line at the limit. The report's chart, laid out by the same
 * function and drawn here as inline SVG in the page's colours; the per-mailbox table next to it
 * says the same in text.
 */
export function BudgetChart({ result }: { result: BudgetResult }) {
  const plan = result.plans[0];
  const limit = result.provider.limit;
  const groups: ChartGroup[] = result.mailboxes.map((m) => {
    const after = plan?.connectionsAfter[m.mailbox];
    return {
      name: m.mailbox,
      limit: m.limit,
      bars: [
        { label: 'now', value: m.connections, valueText: `${thousands(m.connections)} now`, tone: m.connections > m.limit ? 'over' : 'ok' },
        ...(after !== undefined ? [{ label: 'after', value: after, valueText: `${thousands(after)} after`, tone: 'after' as const }] : []),
      ],
    };
  });
  const summary = groups.map((g) => `${g.name}: ${g.bars[0]!.value} now${g.bars[1] ? `, ${g.bars[1].value} after the recommended plan` : ''}`).join('; ');
  return (
    <LimitChart
      groups={groups}
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
  if (limit === null) return null;
  const groups: ChartGroup[] = quota.mailboxes
    .filter((m) => m.status !== 'not-checked')
    .map((m) => ({
      name: m.mailbox,
      limit,
      bars: [{ label: 'now', value: m.recipients, valueText: `${thousands(m.recipients)} now`, tone: m.recipients > limit ? 'over' : 'ok' }],
    }));
  if (groups.length === 0) return null;
  const summary = groups.map((g) => `${g.name}: ${thousands(g.bars[0]!.value)}`).join('; ');
  return (
    <LimitChart
      groups={groups}
      limit={limit}
      hasAfter={false}
      ariaLabel={`Recipients per 24 h per mailbox against the limit of ${thousands(limit)}. ${summary}.`}
      limitWords={`the limit of ${thousands(limit)} recipients per 24 h`}
    />
  );
}

function LimitChart({
  groups,
  limit,
  hasAfter,
  ariaLabel,
  limitWords,
}: {
  groups: ChartGroup[];
  limit: number;
  hasAfter: boolean;
  ariaLabel: string;
  limitWords: string;
}) {
  const { width, height, marks } = layoutLimitChart(groups, limit, { nameGroups: true });
  return (
    <figure className="whatif-chart">
      <svg role="img" aria-label={ariaLabel} viewBox={`0 0 ${width} ${height}`} width="100%">
        {marks.map((mark, i) => {
          switch (mark.kind) {
            case 'label':
              return (
                <text key={i} x={mark.x} y={mark.y} textAnchor="end" className="whatif-chart-label">
                  {mark.text}
                </text>
              );
            case 'bar':
              return <rect key={i} x={mark.x} y={mark.y} width={mark.width} height={mark.height} rx={3} className={BAR_CLASS[mark.tone]} />;
            case 'value':
              return (
                <text key={i} x={mark.x} y={mark.y} className="whatif-chart-value">
                  {mark.text}
                </text>
              );
            case 'limit':
              return <line key={i} x1={mark.x} x2={mark.x} y1={mark.y1} y2={mark.y2} className="whatif-chart-limit" />;
            case 'axis':
              return <line key={i} x1={mark.x1} x2={mark.x2} y1={mark.y} y2={mark.y} className="whatif-chart-axis" />;
            case 'axis-label':
              return (
                <text key={i} x={mark.x} y={mark.y} textAnchor={mark.anchor} className={mark.limit ? 'whatif-chart-limit-label' : 'whatif-chart-label'}>
                  {mark.text}
                </text>
              );
          }
        })}
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
