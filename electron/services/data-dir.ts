import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Support Toolkit';

/**
 * The folder Electron uses as `userData` for this app on each platform, so the desktop app, the
 * browser host and the CLI share one set of data by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SUPPORT_TOOLKIT_DATA) return path.resolve(env.SUPPORT_TOOLKIT_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
