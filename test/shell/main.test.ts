// The real shell (electron/shell/main.ts) started against a fake `electron` module.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import type * as FakeElectron from './support/fake-electron.ts';
import { invokeNames } from '../../electron/common/ipc/contract.ts';
import { ipcName } from '../../electron/common/ipc/channel.ts';

register(new URL('./support/hooks.mjs', import.meta.url));
const fake = (await import('./support/fake-electron.ts')) as typeof FakeElectron;
const { recorded, app, BrowserWindow, ipcMain, FakeWebContents } = fake;

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), 'timed out waiting for the shell');
}

describe('Electron shell', () => {
  before(async () => {
    await import('../../electron/shell/main.ts');
    await waitFor(() => BrowserWindow.instances.length === 1);
  });
  after(async () => {
    const quit = new Promise((r) => app.once('quit-called', r));
    app.emit('will-quit', { preventDefault() {} });
    await quit;
  });

  test('takes the single-instance lock and enables the sandbox for every renderer', () => {
    assert.equal(recorded.singleInstanceLock, 1);
    assert.equal(recorded.sandboxEnabled, true);
  });

  test('registers app:// as a standard, secure scheme and serves it', () => {
    assert.deepEqual(recorded.privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    assert.ok(recorded.protocolHandlers.has('app'));
  });

  test('the window is locked down and loads the app from app://helpdesk', () => {
    const win = BrowserWindow.instances[0];
    const prefs = win.options.webPreferences!;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.match(String(prefs.preload), /preload\.cjs$/);
    assert.equal(win.loadedUrl, 'app://helpdesk/index.html');
  });

  test("replaces Electron's default menu: no Ctrl+W window close, reload or developer tools; macOS keeps Edit for the clipboard keys", async () => {
    if (process.platform !== 'darwin') assert.equal(recorded.applicationMenu, null, 'no menu bar on Windows and Linux');
    const { menuTemplate } = await import('../../electron/shell/app-menu.ts');
    assert.equal(menuTemplate('win32'), null);
    assert.equal(menuTemplate('linux'), null);
    const mac = JSON.stringify(menuTemplate('darwin'));
    assert.match(mac, /"editMenu"/);
    for (const role of ['close', 'reload', 'forceReload', 'toggleDevTools', 'windowMenu', 'viewMenu', 'fileMenu']) assert.doesNotMatch(mac, new RegExp(`"${role}"`), role);
  });

  test('denies every permission request and check', () => {
    let granted: boolean | undefined;
    (recorded.permissionRequestHandler as unknown as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'media', (g) => (granted = g));
    assert.equal(granted, false);
    assert.equal((recorded.permissionCheckHandler as unknown as () => boolean)(), false);
    assert.equal((recorded.devicePermissionHandler as unknown as () => boolean)(), false);
  });

  test('blocks requests for anything but the app scheme', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    assert.equal(decide('app://helpdesk/index.html'), false);
    assert.equal(decide('https://example.com/x.js'), true);
    assert.equal(decide('http://127.0.0.1:1234/'), true);
    assert.equal(decide('file:///etc/passwd'), true);
  });

  test('refuses chrome-extension: and every other non-app scheme in every build, SDH_PRODUCTION or not', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    const saved = process.env.SDH_PRODUCTION;
    try {
      for (const production of [undefined, '1']) {
        if (production === undefined) delete process.env.SDH_PRODUCTION;
        else process.env.SDH_PRODUCTION = production;
        for (const url of [
          'chrome-extension://fmkadmapgofadopljbjfkapdkoienihi/main.html',
          'chrome://settings',
          'devtools://devtools/bundled/inspector.html',
          'ws://127.0.0.1:9222/devtools',
          'filesystem:app://helpdesk/temporary/x',
          'javascript:alert(1)',
          'APP-X://helpdesk/',
          'app-evil://helpdesk/index.html',
        ]) {
          assert.equal(decide(url), true, `${url} with SDH_PRODUCTION=${production}`);
        }
        assert.equal(decide('app://helpdesk/assets/index.js'), false);
      }
    } finally {
      if (saved === undefined) delete process.env.SDH_PRODUCTION;
      else process.env.SDH_PRODUCTION = saved;
    }
  });

  test('denies navigation away from the app, webviews, and new windows; portal links go to the OS browser', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    assert.equal(navigate('https://evil.example/'), true);
    assert.equal(navigate('file:///etc/passwd'), true);
    assert.equal(navigate('app://helpdesk/index.html'), false);
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
    assert.equal(webviewPrevented, true);

    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://intune.microsoft.com/#view/devices' }), { action: 'deny' });
    assert.deepEqual(recorded.openedExternal, ['https://intune.microsoft.com/#view/devices']);
  });

  test('registers exactly one ipcMain handler per invoke channel', () => {
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), invokeNames.map(ipcName).sort());
  });

  test('an IPC call from the app page is answered; a foreign or sub-frame sender gets a typed error', async () => {
    const handler = ipcMain.handlers.get(ipcName('getAppInfo'))!;
    const own = (await handler({ senderFrame: { url: 'app://helpdesk/index.html', parent: null } }, undefined)) as { ok: boolean };
    assert.equal(own.ok, true);
    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://helpdesk/index.html', parent: {} }, null]) {
      const res = (await handler({ senderFrame }, undefined)) as { ok: boolean; error?: { code: string } };
      assert.equal(res.ok, false);
      assert.equal(res.error?.code, 'forbidden_sender');
    }
  });

  test('a bad argument gets a typed error and main stays up', async () => {
    const handler = ipcMain.handlers.get(ipcName('setTheme'))!;
    const res = (await handler({ senderFrame: { url: 'app://helpdesk/index.html', parent: null } }, { evil: true })) as { ok: boolean; error?: { code: string } };
    assert.deepEqual(res.ok, false);
    assert.equal(res.error?.code, 'bad_argument');
    const again = (await ipcMain.handlers.get(ipcName('getAppInfo'))!({ senderFrame: { url: 'app://helpdesk/', parent: null } }, undefined)) as { ok: boolean };
    assert.equal(again.ok, true);
  });
});
