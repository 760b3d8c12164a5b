import { app, dialog, Menu } from 'electron';
import { menuTemplate } from './menu-template';

/** The usual roles; reload and devtools only in development builds. */
export function buildMenu(options: { isDev: boolean }): void {
  const template = menuTemplate({
    isDev: options.isDev,
    isMac: process.platform === 'darwin',
    onAbout: () => {
      void dialog.showMessageBox({
        type: 'info',
        title: 'About Support Toolkit',
        message: `Support Toolkit ${app.getVersion()}`,
        detail: 'Guided troubleshooting for OutSystems 11 platforms.\nElectron ' + process.versions.electron,
      });
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
