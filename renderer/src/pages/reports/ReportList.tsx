import { useEffect, useState } from 'react';
import type { ReportEntry } from '../../../../shared/api/methods/reports';
import { matchesSearch } from '../../lib/list-search';
import { ListFilters } from '../../components/ListFilters';
import { RowActions } from '../../components/RowActions';
import { ALL_PLAYBOOKS, matchesPlaybook, playbookChoices } from '../../components/playbook-filter';
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
  const [playbook, setPlaybook] = useState(ALL_PLAYBOOKS);

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
  const choices = playbookChoices(reports.map((r) => r.playbook));
  const shown = reports.filter(
    (r) =>
      matchesPlaybook(playbook, r.playbook?.id) &&
      matchesSearch(query, [
        r.ticket,
        r.environment,
        r.customer,
        r.title,
        r.playbook?.title,
        r.outcomeLabel,
        formatDay(r.sessionStartedAt),
        r.sessionStartedAt.slice(0, 10),
      ]),
  );
  return (
    <>
      <ListFilters
        noun="report"
        query={query}
        onQuery={setQuery}
        choices={choices}
        playbook={playbook}
        onPlaybook={setPlaybook}
        nothingShown={shown.length === 0}
      />
      {/* Eight facts in six columns: the customer under the environment, the formats over the last export, so the table fits a 1024 px window. */}
      <div className="table-scroll">
        <table className="table list-table reports-table" aria-label="Exported reports">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Environment</th>
              <th scope="col">Playbook</th>
              <th scope="col">Session date</th>
              <th scope="col">Outcome</th>
              <th scope="col">Exported</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td className="list-wrap">{r.ticket ?? <span className="muted">—</span>}</td>
                <td className="list-wrap">
                  <strong>{r.environment}</strong>
                  {r.customer && <div className="muted small">{r.customer}</div>}
                </td>
                <td>{r.playbook?.title ?? <span className="muted">—</span>}</td>
                <td>{formatDay(r.sessionStartedAt)}</td>
                <td>
                  <span className={OUTCOME_BADGE[r.outcome]}>{r.outcomeLabel}</span>
                </td>
                <td>
                  {r.files.map((f) => f.format.toUpperCase()).join(', ')}
                  <div className="muted small">{formatDayTime(r.updatedAt)}</div>
                </td>
                <td>
                  <RowActions
                    open="Open"
                    openLabel={`Open the report for ${r.environment}`}
                    onOpen={() => navigate('reports', r.id)}
                    deleteLabel={`Delete the report for ${r.environment}`}
                    onDelete={() => setToDelete(r)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
