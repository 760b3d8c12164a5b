import { useUi } from '../../stores/ui';
import { ReportList } from './ReportList';
import { ReportPreview } from './ReportPreview';
import { StoredReport } from './StoredReport';
import { useReports } from './store';

/**
 * Routes: #/reports (the list), #/reports/<reportId> (an exported report),
 * #/reports/session/<sessionId> (the report of a session as it is now).
 */
export function ReportsPage() {
  const rest = useUi((s) => s.route.rest);
  const navigate = useUi((s) => s.navigate);
  const load = useReports((s) => s.load);
  const sessionId = rest[0] === 'session' ? rest[1] : undefined;
  const reportId = rest[0] !== 'session' ? rest[0] : undefined;

  return (
    <section className="page">
      <header className="page-header">
        <h2>{sessionId ? 'Session report' : 'Reports'}</h2>
      </header>
      {sessionId ? (
        <div className="stack">
          <div>
            <button type="button" className="btn btn-ghost" onClick={() => navigate('reports')}>
              ← All reports
            </button>
          </div>
          <ReportPreview sessionId={sessionId} onExported={() => void load()} />
        </div>
      ) : reportId ? (
        <StoredReport id={reportId} />
      ) : (
        <ReportList />
      )}
    </section>
  );
}
