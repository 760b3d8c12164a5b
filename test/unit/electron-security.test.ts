import { describe, expect, it } from 'vitest';
import { createAppUrlCheck } from '../../electron/main/app-url';
import { confirmLinkDialog, externalLinkDecision, OPEN_LINK_BUTTON } from '../../electron/main/external-url';
import { isTrustedIpcSender, type IpcSenderFrame } from '../../electron/main/ipc-sender';

const appPage = 'app://toolkit/index.html';

describe('app URL check (navigation and IPC allow-list)', () => {
  const isApp = createAppUrlCheck();

  it('accepts the app page on the app scheme with any route or query', () => {
    expect(isApp(appPage)).toBe(true);
    expect(isApp(`${appPage}#/troubleshoot/abc`)).toBe(true);
    expect(isApp(`${appPage}?x=1#/whatif`)).toBe(true);
  });

  it('refuses other files, other hosts, other schemes, file: pages and garbage', () => {
    expect(isApp('app://toolkit/other.html')).toBe(false);
    expect(isApp('app://toolkit/assets/index.js')).toBe(false);
    expect(isApp('app://evil/index.html')).toBe(false);
    expect(isApp('app://user:pw@toolkit/index.html')).toBe(false);
    expect(isApp('file:///opt/Support%20Toolkit/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('https://toolkit/index.html')).toBe(false);
    expect(isApp('about:blank')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp('')).toBe(false);
  });

  it('with a dev server, accepts only its exact origin', () => {
    const dev = createAppUrlCheck({ devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/#/settings')).toBe(true);
    expect(dev('http://localhost:5173.evil.example/')).toBe(false);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev(appPage)).toBe(false);
  });

  it('refuses to start with a renderer location that is not on the app scheme, or a dev server that is not http(s)', () => {
    expect(() => createAppUrlCheck({ appPageUrl: 'file:///opt/app/index.html' })).toThrow(/app: URL/);
    expect(() => createAppUrlCheck({ appPageUrl: 'https://example.com/index.html' })).toThrow(/app: URL/);
    expect(() => createAppUrlCheck({ devServerUrl: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
  });
});

describe('external links', () => {
  it('opens the documentation hosts over https without asking', () => {
    for (const url of [
      'https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365',
      'https://aka.ms/smtp_auth_disabled',
      'https://techcommunity.microsoft.com/blog/exchange/x',
      'https://success.outsystems.com/documentation/11/',
      'https://www.outsystems.com/forums/',
      'https://OutSystems.com/',
    ]) {
      expect(externalLinkDecision(url), url).toEqual({ action: 'open', url: new URL(url).toString() });
    }
  });

  it('asks first, with the full address, for any other http(s) link: other hosts, look-alikes, subdomains, http, other ports', () => {
    for (const url of [
      'https://example.com/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil-learn.microsoft.com.example/',
      'https://attacker.outsystems.com/',
      'http://learn.microsoft.com/exchange',
      'https://learn.microsoft.com:8443/',
      'https://xn--outsystms-b9a.com/',
    ]) {
      expect(externalLinkDecision(url), url).toEqual({ action: 'ask', url: new URL(url).toString() });
    }
    const dialog = confirmLinkDialog('http://example.com/path?q=1');
    expect(dialog.detail).toContain('http://example.com/path?q=1');
    expect(dialog.detail).toContain('not encrypted');
    expect(dialog.buttons[OPEN_LINK_BUTTON]).toBe('Open in browser');
    expect(dialog.defaultId).not.toBe(OPEN_LINK_BUTTON);
    expect(dialog.cancelId).not.toBe(OPEN_LINK_BUTTON);
  });

  it('refuses every other scheme, links with credentials, and garbage', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'data:text/html,hi',
      'mailto:a@b.c',
      'app://toolkit/index.html',
      'https://support.example@evil.example/',
      'https://learn.microsoft.com@evil.example/',
      'https://user:pw@learn.microsoft.com/',
      'nonsense',
      '',
    ]) {
      expect(externalLinkDecision(url).action, url).toBe('refuse');
    }
  });
});

describe('IPC sender check', () => {
  const appUrl = `${appPage}#/`;
  const isApp = createAppUrlCheck();
  const mainFrame: IpcSenderFrame = { url: appUrl, processId: 4, routingId: 1 };
  const ours = { id: 1, mainFrame };

  it('accepts our window main frame showing the app', () => {
    expect(isTrustedIpcSender({ sender: ours, senderFrame: { ...mainFrame } }, ours, isApp)).toBe(true);
  });

  it('refuses another window, a subframe, a foreign page, a gone frame, or no window at all', () => {
    const other = { id: 2, mainFrame: { url: appUrl, processId: 5, routingId: 1 } };
    expect(isTrustedIpcSender({ sender: other, senderFrame: other.mainFrame }, ours, isApp)).toBe(false);
    expect(isTrustedIpcSender({ sender: ours, senderFrame: { url: appUrl, processId: 4, routingId: 7 } }, ours, isApp)).toBe(false);
    expect(isTrustedIpcSender({ sender: ours, senderFrame: { url: appUrl, processId: 9, routingId: 1 } }, ours, isApp)).toBe(false);
    const navigatedAway = { id: 1, mainFrame: { url: 'https://evil.example/', processId: 4, routingId: 1 } };
    expect(isTrustedIpcSender({ sender: navigatedAway, senderFrame: navigatedAway.mainFrame }, navigatedAway, isApp)).toBe(false);
    expect(isTrustedIpcSender({ sender: ours, senderFrame: null }, ours, isApp)).toBe(false);
    expect(isTrustedIpcSender({ sender: ours, senderFrame: mainFrame }, null, isApp)).toBe(false);
  });
});
