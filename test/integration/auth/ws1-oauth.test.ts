// The WS1 OAuth client-credentials provider against a token endpoint on 127.0.0.1: expiry and early
// refresh on an injected clock, one request for parallel callers, the errors a technician can act on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { Ws1BasicProvider, Ws1OAuthProvider, ws1AuthFor } from '../../../electron/services/auth/ws1-auth.ts';
import { KnownSecrets } from '../../../electron/services/log/redact.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';
import { closedPort, startWs1Stub, type Ws1Stub } from './ws1-stub.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';

const client = { clientId: 'helpdesk-client', clientSecret: 'ws1-client-secret-0123456789', homeRegion: 'emea', tenantCode: 'tenant-code-abcdef' };

async function withStub(run: (stub: Ws1Stub) => Promise<void>, extra: Partial<Parameters<typeof startWs1Stub>[0]> = {}): Promise<void> {
  const stub = await startWs1Stub({ ...client, ...extra });
  try {
    await run(stub);
  } finally {
    await stub.stop();
  }
}

function provider(stub: Ws1Stub, clock: { now: number }, extra: Partial<ConstructorParameters<typeof Ws1OAuthProvider>[0]> = {}) {
  return new Ws1OAuthProvider({
    tokenUrl: stub.tokenUrl('emea'),
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
    tenantCode: async () => client.tenantCode,
    now: () => clock.now,
    ...extra,
  });
}

test('bearer token with the tenant code; reused until shortly before expiry, then fetched again', async () => {
  await withStub(
    async (stub) => {
      const clock = { now: 1_000_000 };
      const known = new KnownSecrets();
      const p = provider(stub, clock, { knownSecrets: known });
      const h1 = await p.authHeaders();
      assert.deepEqual(h1, { Authorization: `Bearer ${stub.issued[0]}`, 'aw-tenant-code': client.tenantCode });
      assert.ok([...known].includes(stub.issued[0]));
      clock.now += 3000 * 1000; // 50 min of 60: still fresh
      await p.authHeaders();
      assert.equal(stub.tokenRequests, 1);
      clock.now += 6 * 60 * 1000; // 56 min: inside the 5-minute margin
      const h2 = await p.authHeaders();
      assert.equal(h2.Authorization, `Bearer ${stub.issued[1]}`);
      assert.equal(stub.tokenRequests, 2);
      p.invalidate(); // the API said 401
      await p.authHeaders();
      assert.equal(stub.tokenRequests, 3);
    },
    { expiresInS: 3600 },
  );
});

test('a short-lived token is refreshed after nine tenths of its life; parallel callers share one request', async () => {
  await withStub(
    async (stub) => {
      const clock = { now: 0 };
      const p = provider(stub, clock);
      const all = await Promise.all(Array.from({ length: 8 }, () => p.authHeaders()));
      assert.equal(new Set(all.map((h) => h.Authorization)).size, 1);
      assert.equal(stub.tokenRequests, 1);
      clock.now = 53_000;
      await p.authHeaders();
      assert.equal(stub.tokenRequests, 1);
      clock.now = 54_000;
      await p.authHeaders();
      assert.equal(stub.tokenRequests, 2);
    },
    { expiresInS: 60 },
  );
});

test('an early refresh that fails briefly keeps the still-valid token; one caller’s cancel does not cancel the others', async () => {
  await withStub(
    async (stub) => {
      const clock = { now: 0 };
      const p = provider(stub, clock);
      const first = await p.authHeaders();
      clock.now = 3_500_000; // inside the refresh margin, before expiry
      stub.failNext = 1;
      assert.deepEqual(await p.authHeaders(), first);
      clock.now = 3_600_000; // expired: an outage now is an error
      stub.failNext = 1;
      await assert.rejects(p.authHeaders(), (e: unknown) => e instanceof AppError && e.code === 'unavailable');

      const controller = new AbortController();
      const cancelled = p.authHeaders({ signal: controller.signal });
      const other = p.authHeaders();
      controller.abort();
      await assert.rejects(cancelled, (e: unknown) => e instanceof AppError && e.code === 'cancelled');
      assert.equal((await other).Authorization, `Bearer ${stub.issued.at(-1)}`);
    },
    { expiresInS: 3600 },
  );
});

test('refused client, wrong region, missing secret, outage and cancel are distinct errors', async () => {
  await withStub(async (stub) => {
    const clock = { now: 0 };
    const isApp = (code: string, re: RegExp) => (e: unknown) => e instanceof AppError && e.code === code && re.test(e.message);
    await assert.rejects(provider(stub, clock, { clientSecret: async () => 'wrong' }).authHeaders(), isApp('unauthorized', /refused the client ID or secret.*region/));
    await assert.rejects(provider(stub, clock, { tokenUrl: stub.tokenUrl('na'), regionLabel: 'North America' }).authHeaders(), isApp('unauthorized', /North America token URL refused/));
    await assert.rejects(provider(stub, clock, { clientSecret: async () => null }).authHeaders(), isApp('unauthorized', /not saved/));
    stub.failNext = 1;
    await assert.rejects(provider(stub, clock).authHeaders(), isApp('unavailable', /failed \(503\)/));
    await assert.rejects(provider(stub, clock, { tokenUrl: `http://127.0.0.1:${await closedPort()}/emea/connect/token` }).authHeaders(), isApp('unavailable', /Could not reach/));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(provider(stub, clock).authHeaders({ signal: controller.signal }), isApp('cancelled', /Cancelled/));
  });
});

test('Basic: user:password and the API key as aw-tenant-code; ws1AuthFor reads secrets from the store', async () => {
  const basic = new Ws1BasicProvider({ username: 'admin', password: async () => 'pw-1234567', apiKey: async () => 'key-1234567' });
  assert.deepEqual(await basic.authHeaders(), { Authorization: `Basic ${Buffer.from('admin:pw-1234567').toString('base64')}`, 'aw-tenant-code': 'key-1234567' });
  await assert.rejects(new Ws1BasicProvider({ username: 'a', password: async () => 'p', apiKey: async () => null }).authHeaders(), /API key/);

  await withStub(async (stub) => {
    const secrets = new MemoryKeychain();
    const profile: Ws1Profile = { kind: 'ws1', id: 'w', name: 'W', apiHost: 'as1.awmdm.com', auth: { method: 'oauth', region: 'emea', clientId: client.clientId } };
    await secrets.set(profileSecretKey(profile, 'clientSecret'), client.clientSecret);
    const auth = ws1AuthFor(profile, { secrets, tokenUrl: stub.tokenUrl('emea') });
    assert.deepEqual(await auth.authHeaders(), { Authorization: `Bearer ${stub.issued[0]}` }); // no tenant code saved: none sent
  });
});
