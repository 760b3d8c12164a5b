import { downloadBlob } from '../../api/download';
import type { ReportExportResult } from '../../../../shared/api/methods/reports';

/** Browser host: turns the exported bytes into a file download the browser saves. */
export function downloadExport(result: ReportExportResult): void {
  if (!result.base64) return;
  const binary = atob(result.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: result.mime }), result.fileName);
}

/** What to tell the user after an export, or null when they closed the save dialog. */
export function exportMessage(result: ReportExportResult): string | null {
  if (result.savedTo === null) return null;
  if (result.savedTo) return `Saved ${result.fileName} to ${result.savedTo}`;
  return `Downloaded ${result.fileName}`;
}
