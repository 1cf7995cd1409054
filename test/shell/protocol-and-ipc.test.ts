// The app:// protocol handler over the built renderer, and router events reaching the window.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import type * as FakeElectron from './support/fake-electron.ts';
import { ipcName } from '../../electron/common/ipc/channel.ts';
import { Router } from '../../electron/services/router/router.ts';
import { silentLogger } from '../../electron/services/log/logger.ts';

register(new URL('./support/hooks.mjs', import.meta.url));
const fake = (await import('./support/fake-electron.ts')) as typeof FakeElectron;
const { serveApp } = await import('../../electron/shell/app-protocol.ts');
const { connectRouter } = await import('../../electron/shell/ipc.ts');
const { resolveAppFile } = await import('../../electron/shell/policy.ts');

const rendererDir = new URL('../../dist/renderer', import.meta.url).pathname;

describe('app:// protocol', () => {
  test('the renderer has been built (npm test builds it first)', () => {
    assert.ok(existsSync(`${rendererDir}/index.html`), 'dist/renderer/index.html is missing: run `npm run build`');
  });

  serveApp(fake.session.defaultSession as never, rendererDir);
  const handle = fake.recorded.protocolHandlers.get('app')!;

  test('serves index.html with a strict CSP and nosniff', async () => {
    const res = await handle(new Request('app://helpdesk/index.html'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const root = await handle(new Request('app://helpdesk/'));
    assert.equal(root.status, 200);
  });

  test('refuses traversal, encoded separators, NUL, other hosts and missing files', async () => {
    const refused = [
      'app://helpdesk/../package.json',
      'app://helpdesk/%2e%2e/%2e%2e/package.json',
      'app://helpdesk/assets/..%2f..%2fpackage.json',
      'app://helpdesk/..%5c..%5cpackage.json',
      'app://helpdesk/index.html%00.js',
      'app://helpdesk/%E0%A4%A',
      'app://other/index.html',
      'app://helpdesk/does-not-exist.js',
    ];
    for (const url of refused) assert.equal((await handle(new Request(url))).status, 404, url);
    // Request() itself refuses credentials in a URL; the resolver refuses them too.
    assert.equal(resolveAppFile(rendererDir, 'app://user:pw@helpdesk/index.html'), null);
    assert.equal(resolveAppFile(rendererDir, 'app://helpdesk:8080/index.html'), null);
  });
});

describe('ipc glue', () => {
  test('router events are sent to every window under the namespaced channel', () => {
    const router = new Router({} as never, ['app://helpdesk'], silentLogger);
    const win = new fake.BrowserWindow({});
    const disconnect = connectRouter(router, () => [win as never]);
    router.emit('onNotice', { level: 'info', message: 'hello' });
    router.emit('onNotice', { level: 'nonsense', message: 1 } as never); // refused by the schema, never sent
    assert.deepEqual(win.webContents.sent, [[ipcName('onNotice'), { level: 'info', message: 'hello' }]]);
    disconnect();
    assert.equal(fake.ipcMain.handlers.size, 0);
  });
});
