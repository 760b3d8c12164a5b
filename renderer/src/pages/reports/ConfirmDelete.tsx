import { useEffect, useRef } from 'react';
import type { ReportEntry } from '../../../../shared/api/methods/reports';

/** Asks before a report and its exported files are deleted. Escape or Cancel keeps it. */
export function ConfirmDelete({ report, onCancel, onConfirm }: { report: ReportEntry | null; onCancel(): void; onConfirm(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (report && !el.open) el.showModal();
    else if (!report && el.open) el.close();
  }, [report]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="delete-report-title" onClose={onCancel}>
      <h2 id="delete-report-title">Delete this report?</h2>
      {report && (
        <p>
          The report for <strong>{report.environment}</strong> and its exported files ({report.files.map((f) => f.format.toUpperCase()).join(', ')}) are
          removed from the Reports list and the data folder. Copies you saved or sent elsewhere are not affected.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          Delete report
        </button>
      </div>
    </dialog>
  );
}
