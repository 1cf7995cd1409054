// Connects ipcMain to the router: one handler per invoke channel, events sent to the app's windows.
import { ipcMain, type BrowserWindow } from 'electron';
import { invokeNames } from '../common/ipc/contract.ts';
import { ipcName } from '../common/ipc/channel.ts';
import type { Router } from '../services/router/router.ts';

export function connectRouter(router: Router, windows: () => BrowserWindow[]): () => void {
  for (const name of invokeNames) {
    ipcMain.handle(ipcName(name), (event, arg: unknown) =>
      router.invoke(name, arg, { frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null }),
    );
  }
  const unsubscribe = router.subscribe((name, payload) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(ipcName(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of invokeNames) ipcMain.removeHandler(ipcName(name));
  };
}
