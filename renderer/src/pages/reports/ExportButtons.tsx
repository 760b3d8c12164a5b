import { useState } from 'react';
import type { ReportFormat } from '../../../../shared/api/methods/reports';
import { api } from '../../api/client';
import { withErrorBanner } from '../../stores/ui';
import { downloadExport, exportMessage } from './download';

const FORMATS: Array<{ format: ReportFormat; label: string }> = [
  { format: 'pdf', label: 'Export PDF' },
  { format: 'md', label: 'Export Markdown' },
  { format: 'json', label: 'Export JSON' },
];

/** PDF, Markdown and JSON export of a session's report (sessionId) or of a stored one (reportId). */
export function ExportButtons(props: { sessionId?: string; reportId?: string; onExported?: () => void }) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function run(format: ReportFormat) {
    if (busy) return;
    setBusy(format);
    setMessage(null);
    const target = props.reportId ? { reportId: props.reportId } : { sessionId: props.sessionId };
    const result = await withErrorBanner(() => api['reports.export']({ ...target, format }));
    setBusy(null);
    if (!result) return;
    downloadExport(result);
    setMessage(exportMessage(result));
    props.onExported?.();
  }

  return (
    <div className="row" role="group" aria-label="Export the report">
      {FORMATS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className={format === 'pdf' ? 'btn btn-primary' : 'btn'}
          // The button pressed stays enabled (and focused) while it works: a disabled button drops
          // the keyboard focus to the page. A second press is ignored.
          disabled={busy !== null && busy !== format}
          aria-disabled={busy === format}
          aria-busy={busy === format}
          onClick={() => void run(format)}
        >
          {busy === format ? `${label}…` : label}
        </button>
      ))}
      <span className="muted small" role="status">
        {message}
      </span>
    </div>
  );
}
