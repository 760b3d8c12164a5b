import { BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { APP_CSP } from '../../shared/csp';
import { confirmLinkDialog, externalLinkDecision, OPEN_LINK_BUTTON } from './external-url';

/**
 * Links leave the app only through here: documentation hosts on the list open in the browser,
 * another http(s) link only after a native dialog showing its full address, anything else never.
 */
export function openExternalSafely(url: string, from?: WebContents): void {
  const decision = externalLinkDecision(url);
  if (decision.action === 'refuse') return;
  if (decision.action === 'open') {
    void shell.openExternal(decision.url);
    return;
  }
  const parent = from ? BrowserWindow.fromWebContents(from) : null;
  const options = confirmLinkDialog(decision.url);
  const asking = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  void asking.then(({ response }) => {
    if (response === OPEN_LINK_BUTTON) void shell.openExternal(decision.url);
  });
}

/** Applies the checklist's per-window rules: no new windows, no navigation away, links to the browser. */
export function lockDownContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url, contents);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternalSafely(url, contents);
    }
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A page that asks before it is left (unsaved What-if input): Electron shows no question of its
  // own and would keep the window open without a word, so ask here. Leave = go on with the unload.
  contents.on('will-prevent-unload', (event) => {
    const parent = BrowserWindow.fromWebContents(contents);
    const options = {
      type: 'question' as const,
      buttons: ['Leave', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Leave without saving?',
      message: 'The What-if calculator has changes that are not saved as a scenario.',
      detail: 'Leave to lose them, or stay and save them with Save scenario.',
    };
    const choice = parent ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options);
    if (choice === 0) event.preventDefault();
  });
}

/**
 * CSP on every response of the app session (the app scheme's handler sets it too, and the page
 * carries it in a meta tag), and no permission (camera, notifications...) granted or even reported
 * as grantable.
 */
export function hardenSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
