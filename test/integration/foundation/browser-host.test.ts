// `npm start` without Electron: the browser host guards its secret path, Host and Origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.ts';
import { startBrowserHost, type BrowserHost } from '../../../electron/services/browser-host/server.ts';
import { silentLogger } from '../../../electron/services/log/logger.ts';

const root = resolve(import.meta.dirname, '../../..');

/** Raw HTTP, so the test controls Host and Origin exactly as an attacker's page could not. */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((res, rej) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => res({ status: r.statusCode!, body, headers: r.headers }));
    });
    req.on('error', rej);
    req.end(opts.body);
  });
}

describe('browser host', () => {
  let services: AppServices;
  let host: BrowserHost;
  const origins: string[] = [];
  before(async () => {
    services = await createAppServices({ host: 'browser', version: '0', platform: 'linux', dataDir: mkdtempSync(join(tmpdir(), 'sdh-bh-')), trustedOrigins: origins, logger: silentLogger, tenantPolicy: 'demo-only', openExternal: async () => {} });
    host = await startBrowserHost({ router: services.router, rendererDir: join(root, 'dist/renderer'), bridgeFile: join(root, 'dist/browser-host/bridge.js') });
    origins.push(host.origin);
  });
  after(async () => {
    await host.close();
    await services.dispose();
  });

  const invoke = (headers: Record<string, string>, body = '{}', channel = 'getAppInfo') =>
    send(`${host.url}api/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, ...headers }, body });

  test('listens on 127.0.0.1 under a long random key', () => {
    const u = new URL(host.url);
    assert.equal(u.hostname, '127.0.0.1');
    assert.match(u.pathname, /^\/[A-Za-z0-9_-]{32}\/$/);
  });

  test('serves the page with the bridge and a strict CSP under the key only', async () => {
    const page = await send(host.url);
    assert.equal(page.status, 200);
    assert.match(page.body, /<script src="\.\/bridge\.js"><\/script>/);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /unsafe-/);
    assert.equal((await send(`${host.origin}/`)).status, 404);
    assert.equal((await send(`${host.origin}/wrong-key/`)).status, 404);
    assert.equal((await send(`${host.url}..%2f..%2fpackage.json`)).status, 404);
    assert.equal((await send(`${host.url}bridge.js`)).status, 200);
  });

  test('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await send(host.url, { headers: { host: `evil.example:${new URL(host.origin).port}` } });
    assert.equal(res.status, 421);
  });

  test('API calls need our exact Origin and a JSON body', async () => {
    assert.equal((await invoke({})).status, 200);
    assert.equal(JSON.parse((await invoke({})).body).value.tenant.mode, 'demo');
    assert.equal((await invoke({ origin: 'http://evil.example' })).status, 403);
    assert.equal((await invoke({ origin: 'null' })).status, 403);
    assert.equal((await send(`${host.url}api/invoke/getAppInfo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 403);
    assert.equal((await invoke({ 'content-type': 'text/plain' })).status, 415);
    assert.equal((await invoke({}, 'x'.repeat(2 << 20))).status, 413);
  });

  test('malformed JSON and bad arguments get typed errors', async () => {
    assert.equal(JSON.parse((await invoke({}, '{not json')).body).error.code, 'bad_argument');
    assert.equal(JSON.parse((await invoke({}, '{"arg":"purple"}', 'setTheme')).body).error.code, 'bad_argument');
    assert.equal(JSON.parse((await invoke({}, '{}', 'noSuchChannel')).body).error.code, 'unknown_channel');
  });

  test('over HTTP, the demo-only refusals: profilesSave, profilesActivate and authSignIn answer not_allowed', async () => {
    const refused = async (channel: string, arg: unknown) => {
      const res = JSON.parse((await invoke({}, JSON.stringify({ arg }), channel)).body) as { ok: boolean; error?: { code: string } };
      assert.equal(res.ok, false, channel);
      assert.equal(res.error?.code, 'not_allowed', channel);
    };
    await refused('profilesSave', { kind: 'ws1', name: 'Evil', apiHost: 'as1506.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'pw-123456', apiKey: 'ak-123456' } });
    await refused('profilesSave', { kind: 'intune', name: 'Evil', tenant: 'contoso.onmicrosoft.com', clientId: '0b6f4a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b' });
    await refused('profilesActivate', { intune: null, ws1: 'anything' });
    await refused('profilesActivate', { intune: 'anything', ws1: null });
    await refused('authSignIn', { profileId: 'anything', method: 'browser' });
    await refused('authSignIn', { profileId: 'anything', method: 'device-code' });
    // returning to the demo tenant is the one activation the preview allows
    assert.equal(JSON.parse((await invoke({}, JSON.stringify({ arg: { intune: null, ws1: null } }), 'profilesActivate')).body).value.tenant.mode, 'demo');
  });

  test('reports itself as the browser host running the demo tenant', async () => {
    const info = JSON.parse((await invoke({})).body).value;
    assert.equal(info.host, 'browser');
    assert.equal(info.tenant.mode, 'demo');
  });
});
