import type { BudgetResult } from '../../../../../shared/capacity/types';
import { Arithmetic } from '../../../components/Arithmetic';

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
      <div className="card table-scroll">
        <table className="table">
          <caption className="ts-caption">
            Connections per mailbox ({result.provider.name}, limit {result.provider.limit})
          </caption>
          <thead>
            <tr>
              <th scope="col">Mailbox</th>
              <th scope="col">Arithmetic</th>
              <th scope="col">Connections</th>
              <th scope="col">Headroom</th>
            </tr>
          </thead>
          <tbody>
            {result.mailboxes.map((m) => (
              <tr key={m.mailbox}>
                <td>{m.mailbox}</td>
                <td className="mono">
                  <Arithmetic text={m.arithmetic} />
                </td>
                <td>
                  {m.connections} / {m.limit}
                </td>
                <td>
                  <span className={m.withinLimit ? 'badge badge-success' : 'badge badge-danger'}>{m.headroom}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
