// "Test connection" names the one thing missing, against the test authority + Graph stub and the WS1 stub.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testConnection, testIntuneConnection, testWs1Connection } from '../../../electron/services/profiles/test-connection.ts';
import type { Ws1Profile } from '../../../electron/common/profiles.ts';
import { SessionSecretStore } from '../../../electron/services/secrets/secret-store.ts';
import { makeTestTls, type TestTls } from '../../support/oidc/test-ca.ts';
import { startAuthFixture } from '../../support/oidc/fixture.ts';
import { MemoryKeychain } from '../../unit/secrets/fakes.ts';
import { closedPort, startWs1Stub } from './ws1-stub.ts';
import { profileSecretKey } from '../../../electron/services/profiles/secret-keys.ts';

let tls: TestTls;
before(() => {
  tls = makeTestTls();
});

test('Intune: not signed in, connected, missing Intune role, missing scope', async () => {
  const f = await startAuthFixture({
    tls,
    users: [
      { username: 'tech@contoso.test', name: 'Tess' },
      { username: 'norole@contoso.test', name: 'No Role', intuneRole: false },
    ],
  });
  try {
    const signIn = f.signIn();
    const deps = { signIn, graphBaseUrl: f.graph.url };
    const before = await testIntuneConnection(f.profile, deps);
    assert.equal(before.missing, 'sign-in');
    assert.match(before.message, /Nobody is signed in to Contoso/);

    await signIn.signIn({ kind: 'browser' });
    const ok = await testConnection(f.profile, { intune: deps });
    assert.equal(ok.ok, true, ok.message);
    assert.equal(ok.missing, null);
    assert.deepEqual(ok.checks.map((c) => c.ok), [true, true, true, true]);

    f.browser.options.username = 'norole@contoso.test';
    const other = await signIn.signIn({ kind: 'browser', selectAccount: true });
    assert.equal(other.username, 'norole@contoso.test');
    const role = await testIntuneConnection(f.profile, deps);
    assert.equal(role.missing, 'role');
    assert.match(role.message, /norole@contoso\.test lacks an Intune role/);

    // a token without the users scope (as if the app registration lacked it): Graph says 403
    f.browser.options.username = 'tech@contoso.test';
    const devicesOnly = f.signIn();
    await devicesOnly.signIn({ kind: 'browser' }, { scopes: [signIn.scopes('read')[0]] });
    const narrow = { ...deps, signIn: { currentAccount: () => devicesOnly.currentAccount(), getToken: () => devicesOnly.getToken([signIn.scopes('read')[0]]) } };
    const scope = await testIntuneConnection(f.profile, narrow);
    assert.equal(scope.missing, 'scope');
    assert.match(scope.message, /lacks the User\.ReadBasic\.All permission/);
  } finally {
    await f.stop();
  }
});

test('Workspace ONE: missing secret, wrong region, bad credentials, console host, missing role, connected', async () => {
  const stub = await startWs1Stub({ clientId: 'cid', clientSecret: 'ws1-secret-123456', homeRegion: 'emea', tenantCode: 'tc-123456' });
  try {
    const profile: Ws1Profile = { kind: 'ws1', id: 'w', name: 'W', apiHost: 'as1506.awmdm.com', auth: { method: 'oauth', region: 'na', clientId: 'cid' } };
    const secrets = new MemoryKeychain();
    const deps = { secrets, apiBaseUrl: stub.url, tokenUrls: { na: stub.tokenUrl('na'), emea: stub.tokenUrl('emea'), apac: stub.tokenUrl('apac'), uat: stub.tokenUrl('uat') } };

    assert.equal((await testWs1Connection(profile, deps)).missing, 'secret');
    const session = await testWs1Connection(profile, { ...deps, secrets: new SessionSecretStore({ code: 'no-dbus', message: 'There is no desktop session bus (D-Bus).' }) });
    assert.equal(session.missing, 'keychain');
    assert.match(session.message, /D-Bus.*Enter it again for this session/);

    await secrets.set(profileSecretKey(profile, 'clientSecret'), 'ws1-secret-123456');
    const region = await testWs1Connection(profile, deps);
    assert.equal(region.missing, 'region');
    assert.match(region.message, /belongs to the Europe, Middle East, Africa region/);

    const emea: Ws1Profile = { ...profile, auth: { method: 'oauth', region: 'emea', clientId: 'cid' } };
    await secrets.set(profileSecretKey(emea, 'clientSecret'), 'wrong-secret');
    assert.equal((await testWs1Connection(emea, deps)).missing, 'credentials');
    await secrets.set(profileSecretKey(emea, 'clientSecret'), 'ws1-secret-123456');

    assert.deepEqual(await testWs1Connection(emea, deps).then((r) => [r.ok, r.missing]), [true, null]);
    stub.options.api = 'no-role';
    const role = await testWs1Connection(emea, deps);
    assert.equal(role.missing, 'role');
    assert.match(role.message, /Device Reassignment/);
    stub.options.api = 'console';
    const host = await testWs1Connection(emea, deps);
    assert.equal(host.missing, 'host');
    assert.match(host.message, /web page, not the API/);
    const refused = await testWs1Connection(emea, { ...deps, apiBaseUrl: `http://127.0.0.1:${await closedPort()}` });
    assert.equal(refused.missing, 'host');

    stub.options.api = 'ok';
    stub.options.basic = { username: 'admin', password: 'pw-123456' };
    const basic: Ws1Profile = { ...profile, auth: { method: 'basic', username: 'admin' } };
    await secrets.set(profileSecretKey(basic, 'password'), 'pw-123456');
    assert.equal((await testWs1Connection(basic, deps)).missing, 'secret'); // API key missing
    await secrets.set(profileSecretKey(basic, 'apiKey'), 'wrong-key');
    assert.equal((await testWs1Connection(basic, deps)).missing, 'credentials');
    await secrets.set(profileSecretKey(basic, 'apiKey'), 'tc-123456');
    assert.equal((await testWs1Connection(basic, deps)).ok, true);
  } finally {
    await stub.stop();
  }
});
