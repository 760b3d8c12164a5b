import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type ToolkitBridge } from '../../shared/api/bridge';
import { methodNames } from '../../shared/api/contract';
import { apiEventSchema, type ApiEvent } from '../../shared/api/events';

// Exposes exactly the contract's methods and an event subscription. The renderer never sees
// ipcRenderer or the IPC event object.
const bridge: Record<string, unknown> = {};
for (const name of methodNames) {
  bridge[name] = (input: unknown, callId?: string) => ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${name}`, input, callId);
}
bridge.onEvent = (listener: (event: ApiEvent) => void) => {
  const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => {
    const parsed = apiEventSchema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  };
};

contextBridge.exposeInMainWorld('toolkit', bridge as ToolkitBridge);
