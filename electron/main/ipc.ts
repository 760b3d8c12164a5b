import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../../shared/api/bridge';
import { methodNames } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Services } from '../services/create-services';

/**
 * One ipcMain.handle per contract method. Each call is accepted only when `isTrustedSender` says
 * so (our own window's main frame showing the app: the sender check of the Electron security
 * checklist) and goes through the same dispatcher as the browser host, so input validation and
 * error mapping are identical.
 */
export function registerIpc(services: Services, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const name of methodNames) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${name}`, async (event, input: unknown, callId: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: new ApiError('forbidden', 'This window may not call the Support Toolkit API').toJSON() };
      }
      // A window that closes waits for nothing: its long call is cancelled.
      const windowGone = new AbortController();
      const onDestroyed = () => windowGone.abort();
      event.sender.once('destroyed', onDestroyed);
      return services
        .dispatch(name, input, {
          signal: windowGone.signal,
          callId: typeof callId === 'string' ? callId : undefined,
          emit: (apiEvent) => {
            if (!event.sender.isDestroyed()) event.sender.send(IPC_EVENT_CHANNEL, apiEvent);
          },
        })
        .finally(() => event.sender.off('destroyed', onDestroyed));
    });
  }
}
