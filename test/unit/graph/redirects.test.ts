// Credentials stay with the host they belong to: a redirect or an @odata.nextLink to another origin is
// refused before anything is sent there (Graph's bearer token, Workspace ONE's Basic and aw-tenant-code);
// a redirect within the origin is followed as fetch would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { GraphClient } from '../../../electron/services/graph/client.ts';
import { Ws1Client } from '../../../electron/services/ws1/client.ts';
import { sameOrigin } from '../../../electron/services/net/same-origin-fetch.ts';
import { sendJson, startFakeServer, type FakeServer, type Handler } from './fake-server.ts';

/** A home server whose handler knows the other origin's URL, and that other origin, which must hear nothing. */
async function withServers(home: (other: string) => Handler, fn: (home: FakeServer, elsewhere: FakeServer) => Promise<void>): Promise<void> {
  const elsewhere = await startFakeServer((_req, res) => sendJson(res, 200, { value: [{ id: 'stolen' }], Devices: [], Total: 0 }));
  const srv = await startFakeServer(home(elsewhere.url));
  try {
    await fn(srv, elsewhere);
  } finally {
    await srv.close();
    await elsewhere.close();
  }
}

const graph = (url: string) => new GraphClient({ baseUrl: url, getToken: async () => 'graph-secret-token', random: () => 0 });
const ws1 = (url: string) =>
  new Ws1Client({ baseUrl: url, authHeaders: async () => ({ Authorization: 'Basic d3MxOnNlY3JldA==', 'aw-tenant-code': 'tenant-api-key' }), random: () => 0 });
const refused = (e: unknown) => e instanceof AppError && e.code === 'not_allowed' && /another host/.test(e.message) && !/secret|tenant-api-key/.test(e.message);

test('Graph: a 302 to another origin is refused; the other host receives nothing', async () => {
  await withServers(
    (other) => (_req, res) => {
      res.writeHead(302, { location: `${other}/v1.0/deviceManagement/managedDevices` });
      res.end();
    },
    async (srv, elsewhere) => {
      await assert.rejects(graph(srv.url).listDevices(undefined), refused);
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(srv.requests.length, 1, 'a refused redirect is not retried');
    },
  );
});

test('Graph: an @odata.nextLink to another origin is refused; the token is not sent there', async () => {
  await withServers(
    (other) => (_req, res) => sendJson(res, 200, { value: [{ id: 'a' }], '@odata.nextLink': `${other}/v1.0/deviceManagement/managedDevices?$skiptoken=x` }),
    async (srv, elsewhere) => {
      await assert.rejects(graph(srv.url).listDevices(undefined), refused);
      assert.equal(elsewhere.requests.length, 0);
    },
  );
});

test('Graph: a redirect within the origin is followed, with the token, and 303 turns a POST into a GET', async () => {
  await withServers(
    () => (req, res) => {
      if (req.url.startsWith('/moved')) return sendJson(res, 200, { value: [{ id: 'moved' }] });
      res.writeHead(req.method === 'POST' ? 303 : 307, { location: '/moved/list' });
      res.end();
    },
    async (srv, elsewhere) => {
      assert.deepEqual((await graph(srv.url).listDevices(undefined)).map((d) => d.id), ['moved']);
      assert.equal(srv.requests.length, 2);
      assert.equal(srv.requests[1].headers.authorization, 'Bearer graph-secret-token');
      const batch = await graph(srv.url).batch([{ id: '1', url: '/deviceManagement/managedDevices/1' }]);
      assert.equal(batch.size, 0, 'what the 303 pointed at holds no batch responses');
      assert.equal(srv.requests.at(-1)?.method, 'GET');
      assert.equal(srv.requests.at(-1)?.body, '');
      assert.equal(elsewhere.requests.length, 0);
    },
  );
});

test('Graph: a redirect loop ends after five hops with a sentence, not a hang', async () => {
  await withServers(
    () => (req, res) => {
      res.writeHead(302, { location: `/loop/${req.url.length}` });
      res.end();
    },
    async (srv) => {
      await assert.rejects(graph(srv.url).listDevices(undefined), (e: unknown) => e instanceof AppError && e.code === 'unavailable' && /keeps redirecting/.test(e.message));
      assert.ok(srv.requests.length <= 4 * 6, `bounded: ${srv.requests.length} requests`);
    },
  );
});

test('Workspace ONE: a redirect to another origin carries neither Basic nor aw-tenant-code there', async () => {
  await withServers(
    (other) => (_req, res) => {
      res.writeHead(301, { location: `${other}/api/mdm/devices/search` });
      res.end();
    },
    async (srv, elsewhere) => {
      await assert.rejects(ws1(srv.url).searchDevices({}, 0), refused);
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(srv.requests[0].headers['aw-tenant-code'], 'tenant-api-key', 'the home host got the key');
    },
  );
});

test('sameOrigin: scheme, host and port must all match', () => {
  assert.ok(sameOrigin('/v1.0/x', 'https://graph.microsoft.com'));
  assert.ok(sameOrigin('https://graph.microsoft.com/beta/x', 'https://graph.microsoft.com'));
  assert.ok(!sameOrigin('http://graph.microsoft.com/v1.0/x', 'https://graph.microsoft.com'));
  assert.ok(!sameOrigin('https://graph.microsoft.com:8443/v1.0/x', 'https://graph.microsoft.com'));
  assert.ok(!sameOrigin('https://graph.microsoft.com.evil.example/v1.0/x', 'https://graph.microsoft.com'));
  assert.ok(!sameOrigin('//evil.example/x', 'https://graph.microsoft.com'));
});
