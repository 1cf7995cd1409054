// A fake `electron` module that records what the shell asks of it. Only what the shell uses exists.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Fn = (...args: never[]) => unknown;

export const recorded = {
  singleInstanceLock: 0,
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
  permissionRequestHandler: undefined as Fn | undefined,
  permissionCheckHandler: undefined as Fn | undefined,
  devicePermissionHandler: undefined as Fn | undefined,
  beforeRequest: undefined as ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined,
  openedExternal: [] as string[],
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  rendererListeners: new Map<string, Set<Fn>>(),
  userData: mkdtempSync(join(tmpdir(), 'sdh-shell-')),
  /** What Menu.setApplicationMenu was given: undefined until called, null for no menu. */
  applicationMenu: undefined as unknown,
};

class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  requestSingleInstanceLock() {
    recorded.singleInstanceLock++;
    return this.lock;
  }
  enableSandbox() {
    recorded.sandboxEnabled = true;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(_name: string) {
    return recorded.userData;
  }
  getVersion() {
    return '0.0.0-test';
  }
  quit() {
    this.emit('quit-called');
  }
}
export const app = new FakeApp();

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: unknown) {
    recorded.applicationMenu = menu;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.privilegedSchemes.push(...schemes);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (f: Fn) => void (recorded.permissionRequestHandler = f),
    setPermissionCheckHandler: (f: Fn) => void (recorded.permissionCheckHandler = f),
    setDevicePermissionHandler: (f: Fn) => void (recorded.devicePermissionHandler = f),
    webRequest: { onBeforeRequest: (f: typeof recorded.beforeRequest) => void (recorded.beforeRequest = f) },
    protocol: { handle: (scheme: string, f: (req: Request) => Promise<Response>) => void recorded.protocolHandlers.set(scheme, f) },
  },
};

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | undefined;
  sent: [string, unknown][] = [];
  setWindowOpenHandler(f: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = f;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows() {
    return BrowserWindow.instances;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  show() {}
  focus() {}
  restore() {}
}

export const ipcMain = {
  handlers: new Map<string, (event: unknown, arg: unknown) => unknown>(),
  handle(channel: string, f: (event: unknown, arg: unknown) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, f);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
};

export const shell = {
  openExternal: async (url: string) => {
    recorded.openedExternal.push(url);
  },
};

export const nativeTheme = { shouldUseDarkColors: false };

export const contextBridge = {
  exposeInMainWorld(key: string, value: unknown) {
    recorded.exposed.set(key, value);
  },
};

export const ipcRenderer = {
  invoke: async (channel: string, arg: unknown) => {
    recorded.invoked.push([channel, arg]);
    return { ok: true, value: null };
  },
  on(channel: string, f: Fn) {
    const set = recorded.rendererListeners.get(channel) ?? new Set();
    set.add(f);
    recorded.rendererListeners.set(channel, set);
  },
  removeListener(channel: string, f: Fn) {
    recorded.rendererListeners.get(channel)?.delete(f);
  },
};

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
  showSaveDialog: async () => ({ canceled: true, filePath: undefined as string | undefined }),
  /** Answers of the next message boxes (0: the first button); cancel when none is queued. */
  messageBoxAnswers: [] as number[],
  shownMessageBoxes: [] as unknown[],
  showMessageBox: async (...args: unknown[]) => {
    dialog.shownMessageBoxes.push(args[args.length - 1]);
    return { response: dialog.messageBoxAnswers.shift() ?? 1, checkboxChecked: false };
  },
};

export const webUtils = {
  getPathForFile: (file: { name: string }) => `/dropped/${file.name}`,
};
