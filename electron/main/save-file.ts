import { app, dialog, type BrowserWindow } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const FILTERS: Record<string, Electron.FileFilter> = {
  '.pdf': { name: 'PDF document', extensions: ['pdf'] },
  '.md': { name: 'Markdown', extensions: ['md'] },
  '.json': { name: 'JSON', extensions: ['json'] },
};

/**
 * The desktop app's save dialog for exports: suggests the file name in the Documents folder and
 * writes the bytes where the user chose. Returns the path, or null when the dialog was closed.
 */
export function createSaveFile(parent: () => BrowserWindow | null) {
  return async (suggestedName: string, data: Uint8Array): Promise<string | null> => {
    const filter = FILTERS[path.extname(suggestedName).toLowerCase()];
    const options: Electron.SaveDialogOptions = {
      title: 'Save the report',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: filter ? [filter] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = parent();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    await fs.writeFile(result.filePath, data);
    return result.filePath;
  };
}
