import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu as data (no `electron` import at run time, so it is unit-tested): the usual
 * Edit roles so copy and paste work in every field, and reload and developer tools only in
 * development, where a reloaded page is harmless and the tools are wanted.
 */
export function menuTemplate(options: { isDev: boolean; isMac: boolean; onAbout: () => void }): MenuItemConstructorOptions[] {
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : [{ label: 'File', submenu: [{ role: 'quit' as const }] }]),
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        ...(options.isDev
          ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Support Toolkit', click: options.onAbout }] },
  ];
}
