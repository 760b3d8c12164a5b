import { describe, expect, it } from 'vitest';
import { createAppUrlCheck } from '../../electron/main/app-url';
import { externalUrlOrNull } from '../../electron/main/external-url';
import { isTrustedIpcSender, type IpcSenderFrame } from '../../electron/main/ipc-sender';

const rendererFileUrl = 'file:///opt/Support%20Toolkit/resources/app.asar/out/renderer/index.html';

describe('app URL check (navigation and IPC allow-list)', () => {
  const isApp = createAppUrlCheck({ rendererFileUrl });

  it('accepts the app page with any route or query', () => {
    expect(isApp(rendererFileUrl)).toBe(true);
    expect(isApp(`${rendererFileUrl}#/troubleshoot/abc`)).toBe(true);
    expect(isApp(`${rendererFileUrl}?x=1#/whatif`)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isApp('file:///opt/Support%20Toolkit/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
    expect(isApp('file://evil-host/opt/Support%20Toolkit/resources/app.asar/out/renderer/index.html')).toBe(false);
    expect(isApp('https://example.com/out/renderer/index.html')).toBe(false);
    expect(isApp('about:blank')).toBe(false);
    expect(isApp('not a url')).toBe(false);
    expect(isApp('')).toBe(false);
  });

  it('with a dev server, accepts only its exact origin', () => {
    const dev = createAppUrlCheck({ devServerUrl: 'http://localhost:5173', rendererFileUrl });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/#/settings')).toBe(true);
    expect(dev('http://localhost:5173.evil.example/')).toBe(false);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('https://localhost:5173/')).toBe(false);
    expect(dev(rendererFileUrl)).toBe(false);
  });

  it('refuses to start with a renderer location that is not a file or http(s) URL', () => {
    expect(() => createAppUrlCheck({ rendererFileUrl: 'https://example.com/index.html' })).toThrow(/file: URL/);
    expect(() => createAppUrlCheck({ rendererFileUrl, devServerUrl: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
  });
});

describe('external links', () => {
  it('lets http(s) links through to the browser', () => {
    expect(externalUrlOrNull('https://learn.microsoft.com/exchange')).toBe('https://learn.microsoft.com/exchange');
    expect(externalUrlOrNull('http://example.com')).toBe('http://example.com/');
  });

  it('refuses every other scheme, links with credentials, and garbage', () => {
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'data:text/html,hi', 'mailto:a@b.c', 'https://support.example@evil.example/', 'nonsense', '']) {
      expect(externalUrlOrNull(url), url).toBeNull();
    }
  });
});

describe('IPC sender check', () => {
  const appUrl = `${rendererFileUrl}#/`;
  const isApp = createAppUrlCheck({ rendererFileUrl });
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
