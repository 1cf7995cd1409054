// Our own static scan of the shell, renderer, built page and packaging config for the settings the
// security checklist requires (platform.md), so a regression fails even where Electronegativity is blind.
// Window settings and risky options are read from the TypeScript AST (support/ts-scan.ts), not as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/static-files.ts';
import { callsIn, riskyIn, windowOptionsOf } from './support/ts-scan.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
function files(dir: string, re = /\.(ts|tsx|mjs|cjs|js|html)$/): string[] {
  return readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(root, p)).isDirectory() ? files(p, re) : re.test(n) ? [p] : [];
  });
}
const appCode = [...files('electron'), ...files('renderer')];

const mustBeOn = ['contextIsolation', 'sandbox', 'webSecurity'];
const mustBeOff = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'navigateOnDragDrop'];
const required: Record<string, boolean> = Object.fromEntries([...mustBeOn.map((k) => [k, true]), ...mustBeOff.map((k) => [k, false])]);

test('the window sets every required webPreference (read from the TypeScript AST)', () => {
  const { webPreferences, problems } = windowOptionsOf('electron/shell/window.ts', read('electron/shell/window.ts'));
  assert.deepEqual(problems, []);
  for (const [key, value] of Object.entries(required)) assert.equal(webPreferences[key], value, key);
  assert.equal(webPreferences.enableBlinkFeatures, undefined);
  const mainCalls = callsIn('electron/shell/main.ts', read('electron/shell/main.ts'));
  assert.ok(mainCalls.includes('app.enableSandbox'));
  assert.ok(mainCalls.includes('app.requestSingleInstanceLock'));
});

test('the AST scan is not fooled by a commented-out, quoted, overridden, spread or computed setting', () => {
  const win = (prefs: string) => `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: {\n${prefs}\n} });\n`;
  const good = Object.entries(required).map(([k, v]) => `${k}: ${v},`).join('\n');
  assert.deepEqual(windowOptionsOf('ok.ts', win(good)).problems, []);
  // Each of these passed the old substring check (the text 'sandbox: true' is in it) and must fail now.
  const fooled = [
    win(good.replace('sandbox: true,', '// sandbox: true,')),
    win(good.replace('sandbox: true,', "note: 'sandbox: true',")),
    win(`${good}\nsandbox: false,`),
    win(`${good}\n...(process.env.DEBUG ? { sandbox: false } : {}),`),
    win(good.replace('sandbox: true,', 'sandbox: !process.env.DEBUG, // sandbox: true')),
    win(`${good}\n['sand' + 'box']: false,`),
  ];
  for (const text of fooled) {
    assert.ok(text.includes('sandbox: true'), 'the old substring check would have passed this');
    const { webPreferences, problems } = windowOptionsOf('fooled.ts', text);
    assert.ok(problems.length > 0 || webPreferences.sandbox !== true, text);
  }
  assert.deepEqual(riskyIn('x.ts', "// nodeIntegration: true\nconst s = 'sandbox: false';"), []);
  assert.equal(riskyIn('x.ts', 'const o = { nodeIntegration: process.env.X };').length, 1);
  assert.equal(riskyIn('x.tsx', 'export const v = <webview src="x" />;').length, 1);
});

test('no code anywhere weakens those settings or enables risky features (TypeScript AST)', () => {
  const code = appCode.filter((f) => /\.(ts|tsx|mjs|cjs|js)$/.test(f));
  assert.ok(code.length > 50);
  assert.deepEqual(code.flatMap((f) => riskyIn(f, read(f))), []);
  assert.deepEqual(appCode.filter((f) => f.endsWith('.html') && /<webview/i.test(read(f))), []);
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
