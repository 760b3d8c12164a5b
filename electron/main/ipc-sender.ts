/**
 * The IPC sender check of the Electron security checklist, on structural types so it is unit-tested
 * without Electron: a call is accepted only from our own window's web contents, from its main frame
 * (not an iframe such as the report preview), showing the app's own page.
 */
export interface IpcSenderFrame {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

export interface IpcSenderLike<Contents> {
  readonly sender: Contents & { readonly mainFrame: IpcSenderFrame };
  readonly senderFrame: IpcSenderFrame | null;
}

export function isTrustedIpcSender<Contents>(
  event: IpcSenderLike<Contents>,
  ourContents: Contents | null | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !ourContents) return false;
  if (event.sender !== ourContents) return false;
  // Frame objects are compared by their ids, which identify a frame for its lifetime.
  const main = event.sender.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}
