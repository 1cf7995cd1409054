// The preload: puts the contract's typed API on `window.helpdesk` and nothing else.
// Runs sandboxed and context-isolated; bundled to CommonJS because sandboxed preloads cannot be ESM.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from '../common/ipc/build-api.ts';
import { ipcName } from '../common/ipc/channel.ts';
import type { Result } from '../common/errors.ts';

const api = buildApi({
  invoke: (channel, arg) => ipcRenderer.invoke(ipcName(channel), arg) as Promise<Result<unknown>>,
  pageArg: (channel, arg) => {
    if (channel !== 'logsOpenDropped') return arg;
    // Only the preload can see where a dropped file lives; anything that is not a File is dropped here.
    const files = (arg as { files?: unknown } | undefined)?.files;
    const paths = Array.isArray(files) ? files.filter((f): f is File => f instanceof File).map((f) => webUtils.getPathForFile(f)).filter(Boolean) : [];
    return { paths };
  },
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
