import { useEffect, useState } from 'react';
import type { ReportPreview as Preview } from '../../../../shared/api/methods/reports';
import { api } from '../../api/client';
import { ExportButtons } from './ExportButtons';
import { ReportFrame } from './ReportFrame';
import './reports.css';

/**
 * The resolution report of one session: the same HTML that becomes the PDF, plus the exports.
 * Used by the Reports page and by the wizard's last step.
 */
export function ReportPreview({ sessionId, onExported }: { sessionId: string; onExported?: () => void }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setPreview(null);
    setError(null);
    api['reports.preview']({ sessionId }).then(
      (value) => current && setPreview(value),
      (reason: unknown) => current && setError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      current = false;
    };
  }, [sessionId]);

  if (error) {
    return (
      <div className="banner banner-error" role="alert">
        <div className="banner-body">The report could not be prepared: {error}</div>
      </div>
    );
  }
  if (!preview) {
    return (
      <p className="muted" role="status">
        Preparing the report…
      </p>
    );
  }
  return (
    <section className="report-preview" aria-label="Report preview">
      <div className="report-preview-bar">
        <ExportButtons sessionId={sessionId} onExported={onExported} />
      </div>
      <ReportFrame html={preview.html} title={`Preview: ${preview.model.header.title}`} />
    </section>
  );
}
