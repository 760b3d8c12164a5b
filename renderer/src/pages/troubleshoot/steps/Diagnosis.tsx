import type { BudgetResult } from '../../../../../shared/capacity/types';
import { BudgetTable, connectionRows } from '../../../components/BudgetTable';

/** The verdict in one sentence and the arithmetic per mailbox behind it. */
export function Diagnosis({ result, computesBudget }: { result: BudgetResult | null; computesBudget: boolean }) {
  // A playbook without a connection budget says its diagnosis in its facts.
  if (!result) return computesBudget ? <p className="muted">The calculation appears once the facts it needs are known (see "Still needed" below).</p> : null;
  return (
    <div className="stack">
      <div role="status" className={`banner ${result.allWithinLimit ? 'banner-warning' : 'banner-error'}`}>
        <div className="banner-body">
          <strong>{result.allWithinLimit ? 'Within the limit.' : 'Over the limit.'}</strong> {result.verdict}
        </div>
      </div>
      <div className="card">
        <BudgetTable
          caption={`Connections per mailbox (${result.provider.name}, limit ${result.provider.limit})`}
          amountHeader="Connections"
          columns={['arithmetic', 'amount', 'headroom']}
          rows={connectionRows(result.mailboxes)}
          mono
        />
      </div>
      {result.noPlan.map((n) => (
        <div key={n.mailbox} className="banner banner-warning">
          <div className="banner-body">
            <strong>{n.mailbox}:</strong> {n.reason}
            <ul>
              {n.alternatives.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </div>
        </div>
      ))}
    </div>
  );
}
