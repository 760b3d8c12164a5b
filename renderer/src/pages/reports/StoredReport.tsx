import { useEffect, useState } from 'react';
import type { ReportPreview } from '../../../../shared/api/methods/reports';
import { api } from '../../api/client';
import { useUi } from '../../stores/ui';
import { ConfirmDelete } from './ConfirmDelete';
import { ExportButtons } from './ExportButtons';
import { ReportFrame } from './ReportFrame';
import { useReports } from './store';
import './reports.css';

/** One exported report, exactly as it was exported: preview, export again, delete. */
export function StoredReport({ id }: { id: string }) {
  const navigate = useUi((s) => s.navigate);
  const reports = useReports((s) => s.reports);
  const load = useReports((s) => s.load);
  const remove = useReports((s) => s.remove);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const entry = reports.find((r) => r.id === id) ?? null;

  useEffect(() => {
    let current = true;
    setPreview(null);
    setError(null);
    void load();
    api['reports.open']({ id }).then(
      (value) => current && setPreview(value),
      (reason: unknown) => current && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      current = false;
    };
  }, [id, load]);

  return (
    <div className="report-preview">
      <div className="report-preview-bar">
        <button type="button" className="btn btn-ghost" onClick={() => navigate('reports')}>
          ← All reports
        </button>
        {preview && <ExportButtons reportId={id} onExported={() => void load()} />}
        <span className="spacer" />
        {entry && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            Delete report
          </button>
        )}
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          <div className="banner-body">{error}</div>
        </div>
      )}
      {!error && !preview && (
        <p className="muted" role="status">
          Opening the report…
        </p>
      )}
      {preview && <ReportFrame html={preview.html} title={`Report: ${preview.model.header.title}`} />}
      <ConfirmDelete
        report={confirming ? entry : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(id).then((ok) => ok && navigate('reports'));
        }}
      />
    </div>
  );
}
