// Our own static scan of the shell, renderer, built page and packaging config for the settings the
// security checklist requires (platform.md), so a regression fails even where Electronegativity is blind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/static-files.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
function files(dir: string, re = /\.(ts|tsx|mjs|cjs|js|html)$/): string[] {
  return readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(root, p)).isDirectory() ? files(p, re) : re.test(n) ? [p] : [];
  });
}
const appCode = [...files('electron'), ...files('renderer')];

test('the window sets every required webPreference', () => {
  const win = read('electron/shell/window.ts');
  for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInWorker: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true', 'allowRunningInsecureContent: false', 'experimentalFeatures: false', 'webviewTag: false']) {
    assert.ok(win.includes(setting), setting);
  }
  assert.ok(read('electron/shell/main.ts').includes('app.enableSandbox()'));
  assert.ok(read('electron/shell/main.ts').includes('requestSingleInstanceLock()'));
});

test('no code anywhere weakens those settings or enables risky features', () => {
  const risky = /nodeIntegration\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false|allowRunningInsecureContent\s*:\s*true|experimentalFeatures\s*:\s*true|enableBlinkFeatures|webviewTag\s*:\s*true|<webview|enableRemoteModule|@electron\/remote/;
  assert.deepEqual(appCode.filter((f) => risky.test(read(f))), []);
});

test('the app loads only from app://, never file:// or http', () => {
  const shell = files('electron/shell').map(read).join('\n');
  assert.doesNotMatch(shell, /loadFile\(|loadURL\(\s*['"`](file|https?):/);
  assert.match(read('electron/shell/window.ts'), /loadURL\(APP_ENTRY\)/);
  assert.match(read('electron/shell/policy.ts'), /APP_ENTRY = `\$\{APP_ORIGIN\}\/index\.html`/);
  assert.match(read('electron/shell/app-protocol.ts'), /protocol\.handle\(APP_SCHEME/);
});

test('navigation, new windows, webviews and permissions are denied in the shell', () => {
  const sec = read('electron/shell/security.ts');
  for (const needle of ["'will-navigate'", "'will-redirect'", "'will-attach-webview'", 'setWindowOpenHandler', "action: 'deny'", 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'onBeforeRequest']) {
    assert.ok(sec.includes(needle), needle);
  }
});

test('shell.openExternal is only reached through the admin-portal allowlist', () => {
  const uses = appCode.filter((f) => /openExternal\(/.test(read(f)) && /shell\.openExternal|shell\)?\.openExternal/.test(read(f)));
  assert.deepEqual(uses.sort(), ['electron/shell/main.ts', 'electron/shell/security.ts']);
  assert.match(read('electron/shell/security.ts'), /if \(isAllowedExternalUrl\(url\)\) void shell\.openExternal\(url\)/);
  assert.match(read('electron/common/ipc/contract.ts'), /openExternal: invoke\([\s\S]*?externalUrlSchema/);
});

test('the CSP allows no inline code, no eval and no remote origin', () => {
  for (const csp of [CONTENT_SECURITY_POLICY, /content="([^"]+)"/.exec(read('renderer/index.html'))![1]]) {
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|https?:|\*|data:\s*;?\s*script/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /object-src 'none'/);
  }
});

test('the built page has no inline scripts, no inline handlers and no remote URLs', () => {
  const html = read('dist/renderer/index.html');
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\bsrc="\.\//, tag);
  assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
  assert.doesNotMatch(html, /<style/);
});

test('the renderer keeps nothing in web storage or cookies (no token could land there)', () => {
  const renderer = files('renderer').map(read).join('\n');
  assert.doesNotMatch(renderer, /localStorage|sessionStorage|indexedDB|document\.cookie/);
});

test('electron-builder config: fuses, unpacked natives, asar', () => {
  const config = createRequire(import.meta.url)(join(root, 'electron-builder.config.cjs'));
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  });
  assert.equal(config.asar, true);
  assert.ok(config.asarUnpack.includes('**/*.node'));
  assert.equal(config.mac.hardenedRuntime, true);
  assert.deepEqual(config.win.target, ['nsis', 'msi']);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.ok(config.files.includes('!**/*.map'));
});

test('npm install runs no Electron-ABI rebuild', () => {
  const pkg = JSON.parse(read('package.json'));
  for (const hook of ['install', 'postinstall', 'preinstall', 'prepare']) assert.equal(pkg.scripts[hook], undefined, hook);
});
