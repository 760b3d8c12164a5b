import type { ReportEntry } from '../../../../shared/api/methods/reports';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Asks before a report and its exported files are deleted. Escape or Cancel keeps it. */
export function ConfirmDelete({ report, onCancel, onConfirm }: { report: ReportEntry | null; onCancel(): void; onConfirm(): void }) {
  return (
    <ConfirmDialog danger open={report !== null} title="Delete this report?" confirmLabel="Delete report" onCancel={onCancel} onConfirm={onConfirm}>
      {report && (
        <p>
          The report for <strong>{report.environment}</strong> and its exported files ({report.files.map((f) => f.format.toUpperCase()).join(', ')}) are removed
          from the Reports list and the data folder. Copies you saved or sent elsewhere are not affected.
        </p>
      )}
    </ConfirmDialog>
  );
}
