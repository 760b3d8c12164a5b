import type { BudgetResult } from '../../../../../shared/capacity/types';
import type { SessionView } from '../../../../../shared/wizard/view';
import { BudgetTable, connectionRows } from '../../../components/BudgetTable';
import { formatLocalTime } from '../../../format-time';

/**
 * The verdict in one banner, then what it rests on: the arithmetic per mailbox for a connection
 * budget, or each form of the error found for a playbook that words its own verdict.
 */
export function Diagnosis({ view }: { view: SessionView }) {
  const result = view.session.diagnosis;
  return (
    <div className="stack">
      {result ? (
        <BudgetDiagnosis result={result} />
      ) : (
        view.playbook.computesBudget && <p className="muted">The calculation appears once the facts it needs are known (see "Still needed" below).</p>
      )}
      {!result && view.verdict && (
        <div role="status" className={`banner ${view.verdict.tone === 'problem' ? 'banner-error' : 'banner-warning'}`}>
          <div className="banner-body">
            <strong>{view.verdict.headline.replace(/\.?$/, '.')}</strong> {view.verdict.text}
          </div>
        </div>
      )}
      {view.forms.length > 0 && (
        <div className="card">
          <table className="table">
            <caption className="ts-caption">Forms of the error found</caption>
            <thead>
              <tr>
                <th scope="col">Form</th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {view.forms.map((f) => (
                <tr key={f.label}>
                  <td>{f.label}</td>
                  <td className="num">{f.count.toLocaleString()}</td>
                  <td>{formatLocalTime(f.firstSeen)}</td>
                  <td>{formatLocalTime(f.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function BudgetDiagnosis({ result }: { result: BudgetResult }) {
  return (
    <>
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
    </>
  );
}
