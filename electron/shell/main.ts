// Electron's main entry: the thin shell. Every service lives in electron/services (plain Node).
import { writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { createAppServices, type AppServices } from '../services/app-services.ts';
import { createLogger, fileSink } from '../services/log/logger.ts';
import { KnownSecrets } from '../services/log/redact.ts';
import { setAppMenu } from './app-menu.ts';
import { registerAppScheme, serveApp } from './app-protocol.ts';
import { connectRouter } from './ipc.ts';
import { logPathsFromArgv, openWithQueue } from './open-with.ts';
import { APP_ORIGIN } from './policy.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createMainWindow } from './window.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');
// The log indexer runs in worker threads; the build puts its bundle beside main.mjs.
const logsWorkerUrl = new URL('./worker.cjs', import.meta.url);

export function startShell(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();

  const knownSecrets = new KnownSecrets();
  const log = createLogger(fileSink(join(app.getPath('userData'), 'logs', 'main.log')), undefined, knownSecrets);
  hardenWebContents(app, log);
  let services: AppServices | undefined;
  let window: BrowserWindow | undefined;

  // Logs the OS asks to open (command line, file association, macOS open-file, a second launch) go to
  // the running window's Logs area as handles minted in main.
  const openWith = openWithQueue();
  openWith.add(logPathsFromArgv(process.argv, { packaged: app.isPackaged, cwd: process.cwd() }));
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openWith.add(logPathsFromArgv(['', path], { packaged: true, cwd: process.cwd() }));
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    openWith.add(logPathsFromArgv(argv, { packaged: app.isPackaged, cwd: workingDirectory }));
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.whenReady().then(async () => {
    setAppMenu(process.platform);
    hardenSession(session.defaultSession, log);
    serveApp(session.defaultSession, rendererDir);
    services = await createAppServices({
      host: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      dataDir: app.getPath('userData'),
      trustedOrigins: [APP_ORIGIN],
      logger: log,
      tenantPolicy: 'any',
      knownSecrets,
      logsWorkerUrl,
      openExternal: (url) => shell.openExternal(url),
      saveFile: async (suggestedName, content) => {
        const options: Electron.SaveDialogOptions = { title: 'Export', defaultPath: suggestedName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return null;
        await writeFile(result.filePath, content, 'utf8');
        return result.filePath;
      },
      dialogs: {
        openLogs: async (kind) => {
          const options: Electron.OpenDialogOptions = {
            title: kind === 'folder' ? 'Open a folder of device logs' : 'Open device logs',
            properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
            filters: kind === 'folder' ? [] : [{ name: 'Logs and bundles', extensions: ['log', 'lo_', 'txt', 'zip', 'json'] }, { name: 'All files', extensions: ['*'] }],
          };
          const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
          return result.canceled ? null : result.filePaths;
        },
        // Main's own question for typed or dropped paths that do not look like logs (docs/logs-open-rule.md).
        confirmOpen: async (paths) => {
          const options: Electron.MessageBoxOptions = {
            type: 'question',
            title: 'Open these paths?',
            message: paths.length === 1 ? 'Open this path? It is not named like a log file.' : `Open these ${paths.length} paths? They are not named like log files.`,
            detail: `${paths.slice(0, 10).join('\n')}${paths.length > 10 ? `\n… and ${paths.length - 10} more` : ''}\n\nFolders are searched for .log, .lo_, .txt, .json and .zip files.`,
            buttons: ['Open', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
            noLink: true,
          };
          const result = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
          return result.response === 0;
        },
      },
    });
    connectRouter(services.router, () => BrowserWindow.getAllWindows());
    window = createMainWindow(preloadPath);
    const ready = services;
    openWith.connect((paths) => ready.offerLogs(paths));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const s = services;
    services = undefined;
    void s.dispose().finally(() => app.quit());
  });
}

startShell();
