// The preload: puts the contract's typed API on `window.helpdesk` and nothing else.
// Runs sandboxed and context-isolated; bundled to CommonJS because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../common/ipc/build-api.ts';
import { ipcName } from '../common/ipc/channel.ts';
import type { Result } from '../common/errors.ts';

const api = buildApi({
  invoke: (channel, arg) => ipcRenderer.invoke(ipcName(channel), arg) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    // The IPC event object (with its sender) never reaches the page: only the payload.
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(ipcName(channel), forward);
    return () => {
      ipcRenderer.removeListener(ipcName(channel), forward);
    };
  },
});

contextBridge.exposeInMainWorld('helpdesk', api);
