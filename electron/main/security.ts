import { session, shell, type WebContents } from 'electron';
import { APP_CSP } from '../../shared/csp';
import { externalUrlOrNull } from './external-url';

/** Only http(s) links leave the app, and only to the user's browser. */
export function openExternalSafely(url: string): void {
  const safe = externalUrlOrNull(url);
  if (safe) void shell.openExternal(safe);
}

/** Applies the checklist's per-window rules: no new windows, no navigation away, links to the browser. */
export function lockDownContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternalSafely(url);
    }
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * CSP on every response of the app session (the page also carries it in a meta tag, since file:
 * responses have no headers to add it to), and no permission (camera, notifications...) granted
 * or even reported as grantable.
 */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
