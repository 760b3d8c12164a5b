import { useEffect, useState } from 'react';
import type { SessionSummary } from '../../../../shared/wizard/view';
import { api } from '../../api/client';
import { useUi, withErrorBanner } from '../../stores/ui';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { matchesSearch } from '../../lib/list-search';
import { ListFilters } from '../../components/ListFilters';
import { RowActions } from '../../components/RowActions';
import { ALL_PLAYBOOKS, matchesPlaybook, playbookChoices } from '../../components/playbook-filter';
import { formatDateTime, STATUS_LABELS } from './format';

/** The Troubleshoot page: saved sessions (resume, delete) and the way into a new one. */
export function SessionList() {
  const navigate = useUi((s) => s.navigate);
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [deleting, setDeleting] = useState<SessionSummary | null>(null);
  const [query, setQuery] = useState('');
  const [playbook, setPlaybook] = useState(ALL_PLAYBOOKS);
  const choices = playbookChoices((sessions ?? []).map((s) => ({ id: s.playbookId, title: s.playbookTitle })));
  const shown = (sessions ?? []).filter(
    (s) =>
      matchesPlaybook(playbook, s.playbookId) &&
      matchesSearch(query, [
        s.ticket,
        s.environment,
        s.customer,
        s.playbookTitle,
        STATUS_LABELS[s.status].label,
        formatDateTime(s.createdAt),
        s.createdAt.slice(0, 10),
      ]),
  );

  async function refresh() {
    const list = await withErrorBanner(() => api['sessions.list']({}));
    setSessions(list ?? []);
  }
  useEffect(() => {
    void refresh();
  }, []);

  async function confirmDelete() {
    if (!deleting) return;
    const done = await withErrorBanner(() => api['sessions.delete']({ id: deleting.id }));
    setDeleting(null);
    if (done) await refresh();
  }

  return (
    <section className="page" aria-labelledby="troubleshoot-title">
      <header className="page-header">
        <h2 id="troubleshoot-title">Troubleshoot</h2>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => navigate('troubleshoot', 'new')}>
          New session
        </button>
      </header>
      {sessions === null ? (
        <p className="muted">Loading sessions…</p>
      ) : sessions.length === 0 ? (
        <div className="empty card">
          <p>No troubleshooting sessions yet.</p>
          <p className="muted">Start one on a saved environment, on the embedded demo, or offline with facts you type in.</p>
        </div>
      ) : (
        <div className="card stack">
          <ListFilters
            noun="session"
            query={query}
            onQuery={setQuery}
            choices={choices}
            playbook={playbook}
            onPlaybook={setPlaybook}
            nothingShown={shown.length === 0}
          />
          <div className="table-scroll">
            <table className="table list-table">
              <caption className="visually-hidden">Troubleshooting sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Playbook</th>
                  <th scope="col">Started</th>
                  <th scope="col">State</th>
                  <th scope="col">Last change</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((s) => (
                  <tr key={s.id}>
                    <td className="list-wrap">{s.ticket ?? <span className="muted">—</span>}</td>
                    <td className="list-wrap">
                      {s.environment}
                      {s.offline && <span className="badge ts-offline">offline</span>}
                      {s.customer && <div className="muted small">{s.customer}</div>}
                    </td>
                    <td>{s.playbookTitle}</td>
                    <td>
                      <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                    </td>
                    <td>
                      <span className={STATUS_LABELS[s.status].badge}>{STATUS_LABELS[s.status].label}</span>
                      {s.status === 'in-progress' && <span className="muted small"> · step: {s.step}</span>}
                    </td>
                    <td>
                      <time dateTime={s.lastChange.at}>{formatDateTime(s.lastChange.at)}</time>
                      <div className="muted small list-clip" title={s.lastChange.summary}>
                        {s.lastChange.summary}
                      </div>
                    </td>
                    <td>
                      <RowActions
                        open={s.status === 'in-progress' ? 'Resume' : 'Open'}
                        openLabel={`${s.status === 'in-progress' ? 'Resume' : 'Open'} session on ${s.environment}${s.ticket ? ` (${s.ticket})` : ''}`}
                        onOpen={() => navigate('troubleshoot', s.id)}
                        deleteLabel={`Delete session on ${s.environment}${s.ticket ? ` (${s.ticket})` : ''}`}
                        onDelete={() => setDeleting(s)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this session?"
          confirmLabel="Delete session"
          cancelLabel="Keep it"
          danger
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>
            The session on {deleting.environment} ({deleting.playbookTitle}) and its event log are removed. Reports already exported are kept.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
