import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../electron/services/cli/command.ts';
import { connectionFromEnv, dataDir } from '../../../electron/services/cli/commands/lookup.ts';

test('no endpoint variables: no env connection (profile or demo tenant instead)', () => {
  assert.equal(connectionFromEnv({}), null);
});

test('Graph token and WS1 Basic or Bearer with the tenant code', async () => {
  const c = connectionFromEnv({ SDH_GRAPH_URL: 'https://graph.microsoft.com', SDH_GRAPH_TOKEN: 'g', SDH_WS1_URL: 'https://as1506.awmdm.com', SDH_WS1_BASIC: 'api:pw', SDH_WS1_TENANT_CODE: 'TC' });
  assert.equal(c?.scope, 'env:graph.microsoft.com|as1506.awmdm.com');
  assert.equal(await c?.graph?.getToken(), 'g');
  assert.equal(c?.graph?.portal, 'https://intune.microsoft.com');
  assert.deepEqual(await c?.ws1?.authHeaders(), { Authorization: `Basic ${Buffer.from('api:pw').toString('base64')}`, 'aw-tenant-code': 'TC' });
  const bearer = connectionFromEnv({ SDH_WS1_URL: 'http://127.0.0.1:1', SDH_WS1_TOKEN: 'w' });
  assert.equal(bearer?.graph, undefined);
  assert.deepEqual(await bearer?.ws1?.authHeaders(), { Authorization: 'Bearer w' });
  const preEncoded = connectionFromEnv({ SDH_WS1_URL: 'http://127.0.0.1:1', SDH_WS1_BASIC: 'YXBpOnB3' });
  assert.deepEqual(await preEncoded?.ws1?.authHeaders(), { Authorization: 'Basic YXBpOnB3' });
});

test('an endpoint without a credential is a usage error', () => {
  assert.throws(() => connectionFromEnv({ SDH_GRAPH_URL: 'http://127.0.0.1:1' }), UsageError);
  assert.throws(() => connectionFromEnv({ SDH_WS1_URL: 'http://127.0.0.1:1' }), UsageError);
});

test('cache folder: SDH_DATA_DIR, else ~/.shared-device-helpdesk', () => {
  assert.equal(dataDir({ SDH_DATA_DIR: '/tmp/x' }), '/tmp/x');
  assert.equal(dataDir({ HOME: '/home/t' }), '/home/t/.shared-device-helpdesk');
});

test('endpoints must be https, except 127.0.0.1 and localhost (the simulators): one clear line, nothing sent', () => {
  for (const [name, extra] of [
    ['SDH_GRAPH_URL', { SDH_GRAPH_TOKEN: 'g' }],
    ['SDH_WS1_URL', { SDH_WS1_BASIC: 'api:pw' }],
    ['SDH_WS1_URL', { SDH_WS1_TOKEN: 'w' }],
  ] as const) {
    for (const url of ['http://graph.microsoft.com', 'http://as1506.awmdm.com/api', 'ftp://as1506.awmdm.com', 'http://127.0.0.2:8080', 'http://localhost.evil.example', 'as1506.awmdm.com']) {
      assert.throws(
        () => connectionFromEnv({ [name]: url, ...extra }),
        (e: unknown) => e instanceof UsageError && !e.message.includes('\n') && e.message.includes(name) && /https/.test(e.message) && !e.message.includes('api:pw'),
        `${name}=${url}`,
      );
    }
    for (const url of ['https://graph.microsoft.com', 'http://127.0.0.1:1', 'http://localhost:8080/x']) {
      assert.ok(connectionFromEnv({ [name]: url, ...extra }), `${name}=${url}`);
    }
  }
});
