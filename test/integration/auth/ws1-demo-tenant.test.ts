// The WS1 providers against the demo tenant's own /connect/token and API, on a shared injected clock:
// a token is used until shortly before it expires, replaced before the tenant would refuse it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { Ws1OAuthProvider, ws1AuthFor } from '../../../electron/services/auth/ws1-auth.ts';
import { testWs1Connection } from '../../../electron/services/profiles/test-connection.ts';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';

test('OAuth client credentials at the demo tenant: expiry, early refresh, connection test', async () => {
  const clock = { now: Date.parse('2026-11-20T08:00:00Z') };
  const demo = await startDemoTenant({ deviceCount: 10, now: () => clock.now, ws1TokenLifetimeSeconds: 600 });
  try {
    const provider = new Ws1OAuthProvider({
      tokenUrl: demo.ws1TokenUrl,
      clientId: demo.ws1.clientId,
      clientSecret: async () => demo.ws1.clientSecret,
      tenantCode: async () => demo.ws1.tenantCode,
      now: () => clock.now,
    });
    const search = async (headers: Record<string, string>) => (await fetch(`${demo.ws1Url}/api/mdm/devices/search?pagesize=1&page=0`, { headers: { ...headers, accept: 'application/json;version=1' } })).status;
    const first = await provider.authHeaders();
    assert.equal(await search(first), 200);
    clock.now += 535_000; // 8 min 55 s of 10: still the same token
    assert.equal((await provider.authHeaders()).Authorization, first.Authorization);
    clock.now += 10_000; // 9 min 5 s: inside the last tenth, fetched again before the tenant refuses it
    const second = await provider.authHeaders();
    assert.notEqual(second.Authorization, first.Authorization);
    assert.equal(provider.fetched, 2);
    clock.now += 60_000; // 10 min 5 s: the first token has expired at the tenant, the second works
    assert.equal(await search(first), 401);
    assert.equal(await search(second), 200);

    const secrets = new MemoryKeychain();
    const profile: Ws1Profile = { kind: 'ws1', id: 'demo', name: 'Demo', apiHost: 'as1506.awmdm.com', auth: { method: 'oauth', region: 'na', clientId: demo.ws1.clientId } };
    await secrets.set(profileSecretKey(profile, 'clientSecret'), demo.ws1.clientSecret);
    await secrets.set(profileSecretKey(profile, 'apiKey'), demo.ws1.tenantCode);
    const report = await testWs1Connection(profile, { secrets, apiBaseUrl: demo.ws1Url, tokenUrls: { na: demo.ws1TokenUrl } });
    assert.equal(report.ok, true, report.message);

    const basic: Ws1Profile = { ...profile, auth: { method: 'basic', username: demo.ws1.basicUser } };
    await secrets.set(profileSecretKey(basic, 'password'), demo.ws1.basicPassword);
    await secrets.set(profileSecretKey(basic, 'apiKey'), demo.ws1.tenantCode);
    assert.equal(await search(await ws1AuthFor(basic, { secrets }).authHeaders()), 200);
    await secrets.set(profileSecretKey(basic, 'apiKey'), 'wrong-tenant-code');
    assert.equal((await testWs1Connection(basic, { secrets, apiBaseUrl: demo.ws1Url })).missing, 'credentials');
  } finally {
    await demo.stop();
  }
});
