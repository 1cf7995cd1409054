// Saved Workspace ONE secrets are bound to the origin (https + host + port), token region, user name and
// auth method they were entered for. Two local HTTPS "API hosts": whatever the profile is edited into,
// nothing the technician saved for the first ever reaches the second.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';
import type { FetchLike } from '../../../electron/services/auth/types.ts';
import { ProfileStore } from '../../../electron/services/profiles/profile-store.ts';
import { testConnection } from '../../../electron/services/profiles/test-connection.ts';
import { ws1AuthFor } from '../../../electron/services/auth/ws1-auth.ts';
import { send } from '../../support/oidc/https.ts';
import { makeTestTls, type TestTls } from '../../support/oidc/test-ca.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';

interface Host {
  server: Server;
  port: number;
  /** Every request that arrived, with the headers that could carry a credential. */
  seen: { url: string; authorization?: string; tenantCode?: string }[];
}

let tls: TestTls;
let first: Host;
let second: Host;

async function startHost(): Promise<Host> {
  const seen: Host['seen'] = [];
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, tenantCode: req.headers['aw-tenant-code'] as string | undefined });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Devices: [], Total: 0 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, seen };
}

/** fetch for the test CA (global fetch cannot take one); only 127.0.0.1 / localhost are reachable. */
const fetchWithCa: FetchLike = async (input, init) => {
  const r = await send(input, { method: init?.method, headers: init?.headers as Record<string, string> | undefined, body: init?.body as string | undefined, ca: tls.ca });
  return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: { 'content-type': String(r.headers['content-type'] ?? '') } });
};

before(async () => {
  tls = makeTestTls();
  first = await startHost();
  second = await startHost();
});
after(async () => {
  await Promise.all([first, second].map((h) => new Promise((r) => h.server.close(r))));
});

/** A profile store over an in-memory keychain in a fresh folder; `a` is the first host. */
async function withStore(run: (s: { dir: string; secrets: MemoryKeychain; store: ProfileStore; a: string }) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-binding-'));
  const secrets = new MemoryKeychain();
  try {
    await run({ dir, secrets, store: new ProfileStore(dir, secrets), a: `127.0.0.1:${first.port}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const basic = (apiHost: string, extra: Record<string, unknown> = {}) => ({ kind: 'ws1' as const, id: 'w', name: 'W', apiHost, authMethod: 'basic' as const, username: 'admin', ...extra });
const oauth = (apiHost: string, extra: Record<string, unknown> = {}) => ({ kind: 'ws1' as const, id: 'w', name: 'W', apiHost, authMethod: 'oauth' as const, clientId: 'cid', region: 'na', ...extra });

async function test1(store: ProfileStore, secrets: MemoryKeychain) {
  return testConnection((await store.get('w')) as Ws1Profile, { ws1: { secrets, fetch: fetchWithCa } });
}

test('the first host gets the saved Basic credentials; a host edit without new secrets is refused and the second host hears nothing', () =>
  withStore(async (s) => {
    const a = s.a;
    assert.ok((await s.store.save({ ...basic(a), id: undefined, secrets: { password: 'pw-first-123456', apiKey: 'tc-first-123456' } })).ok);
    const ok = await test1(s.store, s.secrets);
    assert.equal(ok.ok, true, ok.message);
    assert.ok(first.seen.some((r) => r.tenantCode === 'tc-first-123456' && r.authorization?.startsWith('Basic ')));
    // the key the secrets are filed under names the origin they belong to
    assert.ok([...s.secrets.values.keys()].every((k) => k.includes(`https://${a}`)), [...s.secrets.values.keys()].join(', '));

    // same host name, another port: another origin; and 127.0.0.1 vs localhost: another origin too
    for (const other of [`127.0.0.1:${second.port}`, `localhost:${second.port}`, `localhost:${first.port}`]) {
      const moved = await s.store.save(basic(other));
      assert.equal(moved.ok, false, other);
      if (moved.ok) continue;
      assert.deepEqual(moved.problems.map((p) => p.field).sort(), ['apiKey', 'password', 'secrets'], other);
      assert.match(moved.problems.find((p) => p.field === 'secrets')!.message, /host.*saved secrets.*again/i);
      // nothing changed: still the first host, still its secrets
      assert.equal(((await s.store.get('w')) as Ws1Profile).apiHost, a);
    }
    assert.deepEqual(second.seen, []);
  }));

test('a profile file edited to point elsewhere can never send the secrets there: they are filed under the first origin', () =>
  withStore(async (s) => {
    const a = s.a;
    assert.ok((await s.store.save({ ...oauth(a), id: undefined, secrets: { clientSecret: 'cs-first-123456', apiKey: 'tc-first-123456' } })).ok);
    assert.ok((await s.store.save({ ...basic(a), secrets: { password: 'pw-first-123456', apiKey: 'tc-first-123456' } })).ok);
    const file = join(s.dir, 'profiles.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(a, `127.0.0.1:${second.port}`));
    const moved = (await s.store.get('w')) as Ws1Profile;
    assert.equal(moved.apiHost, `127.0.0.1:${second.port}`);
    const report = await test1(s.store, s.secrets);
    assert.equal(report.missing, 'secret', report.message);
    await assert.rejects(ws1AuthFor(moved, { secrets: s.secrets, fetch: fetchWithCa }).authHeaders());
    const view = (await s.store.views())[0];
    assert.deepEqual(view.secretsSaved, { clientSecret: false, apiKey: false, password: false });
    assert.deepEqual(second.seen, []);
  }));

test('changing the token region, the user name or the auth method clears the saved secrets and asks again', () =>
  withStore(async (s) => {
    const a = s.a;
    const countSaved = () => s.secrets.values.size;
    assert.ok((await s.store.save({ ...oauth(a), id: undefined, secrets: { clientSecret: 'cs-first-123456', apiKey: 'tc-first-123456' } })).ok);
    const region = await s.store.save(oauth(a, { region: 'emea' }));
    assert.equal(region.ok, false);
    assert.ok(!region.ok && region.problems.some((p) => p.field === 'clientSecret'));
    assert.ok((await s.store.save(oauth(a, { region: 'emea', secrets: { clientSecret: 'cs-emea-123456' } }))).ok);
    // the NA secret and the tenant code entered with it are gone; only what was entered for EMEA stays
    assert.equal(countSaved(), 1);
    assert.equal(JSON.stringify([...s.secrets.values.values()]), JSON.stringify(['cs-emea-123456']));

    assert.equal((await s.store.save(basic(a))).ok, false);
    assert.ok((await s.store.save(basic(a, { secrets: { password: 'pw-admin-123456', apiKey: 'tc-first-123456' } }))).ok);
    assert.deepEqual([...s.secrets.values.values()].sort(), ['pw-admin-123456', 'tc-first-123456']);
    const user = await s.store.save(basic(a, { username: 'other-admin' }));
    assert.equal(user.ok, false);
    assert.ok((await s.store.save(basic(a, { username: 'other-admin', secrets: { password: 'pw-other-123456', apiKey: 'tc-first-123456' } }))).ok);
    assert.deepEqual([...s.secrets.values.values()].sort(), ['pw-other-123456', 'tc-first-123456']);

    // a rename on the same origin, region, user and method keeps them
    assert.ok((await s.store.save(basic(a, { username: 'other-admin', name: 'Renamed' }))).ok);
    assert.equal(countSaved(), 2);
    await s.store.remove('w');
    assert.equal(countSaved(), 0);
  }));
