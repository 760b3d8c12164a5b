import { useEffect, useState } from 'react';
import type { ReportEntry } from '../../../../shared/api/methods/reports';
import { matchesSearch } from '../../lib/list-search';
import { useUi } from '../../stores/ui';
import { ConfirmDelete } from './ConfirmDelete';
import { formatDay, formatDayTime, OUTCOME_BADGE } from './format';
import { useReports } from './store';
import './reports.css';

/** Every exported report: environment, date, outcome and formats; open or delete. */
export function ReportList() {
  const reports = useReports((s) => s.reports);
  const loaded = useReports((s) => s.loaded);
  const load = useReports((s) => s.load);
  const remove = useReports((s) => s.remove);
  const navigate = useUi((s) => s.navigate);
  const [toDelete, setToDelete] = useState<ReportEntry | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  if (!loaded)
    return (
      <p className="muted" role="status">
        Loading reports…
      </p>
    );
  if (reports.length === 0) {
    return <p className="empty">No reports yet. Finish a troubleshooting session and export its report (PDF, Markdown or JSON); it is listed here.</p>;
  }
  const shown = reports.filter((r) =>
    matchesSearch(query, [r.ticket, r.environment, r.customer, r.title, r.outcomeLabel, formatDay(r.sessionStartedAt), r.sessionStartedAt.slice(0, 10)]),
  );
  return (
    <>
      <div className="field reports-search">
        <label htmlFor="reports-search">Search reports</label>
        <input id="reports-search" type="search" value={query} placeholder="Ticket, environment, customer or date" onChange={(e) => setQuery(e.target.value)} />
      </div>
      {shown.length === 0 && <p className="muted">No report matches “{query}”.</p>}
      <table className="table reports-table" aria-label="Exported reports">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Environment</th>
            <th scope="col">Customer</th>
            <th scope="col">Session date</th>
            <th scope="col">Outcome</th>
            <th scope="col">Formats</th>
            <th scope="col">Last export</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.id}>
              <td>{r.ticket ?? <span className="muted">—</span>}</td>
              <td>
                <strong>{r.environment}</strong>
              </td>
              <td>{r.customer ?? <span className="muted">—</span>}</td>
              <td>{formatDay(r.sessionStartedAt)}</td>
              <td>
                <span className={OUTCOME_BADGE[r.outcome]}>{r.outcomeLabel}</span>
              </td>
              <td>{r.files.map((f) => f.format.toUpperCase()).join(', ')}</td>
              <td className="small">{formatDayTime(r.updatedAt)}</td>
              <td>
                <div className="row">
                  <button type="button" className="btn btn-small" aria-label={`Open the report for ${r.environment}`} onClick={() => navigate('reports', r.id)}>
                    Open
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={`Delete the report for ${r.environment}`}
                    onClick={() => setToDelete(r)}
                  >
                    Delete
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDelete
        report={toDelete}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const id = toDelete?.id;
          setToDelete(null);
          if (id) void remove(id);
        }}
      />
    </>
  );
}
