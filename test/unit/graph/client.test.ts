import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { GraphClient, batchLimit, listSelect } from '../../../electron/services/graph/client.ts';
import { graphClouds, intuneDeviceUrl } from '../../../electron/services/graph/clouds.ts';
import { parseRetryAfter } from '../../../electron/services/graph/http.ts';
import { recordingSleep, sendJson, startFakeServer } from './fake-server.ts';

const client = (url: string, extra: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) =>
  new GraphClient({ baseUrl: url, getToken: async () => 'tok', random: () => 0, ...extra });

const rejectsWith = async (p: Promise<unknown>, code: string) => {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
};

test('LIST sends $select and follows @odata.nextLink only', async () => {
  const srv = await startFakeServer((req, res) => {
    if (req.url.includes('opaque-token')) return sendJson(res, 200, { value: [{ id: 'b' }] });
    sendJson(res, 200, { value: [{ id: 'a' }], '@odata.nextLink': `${srv.url}/v1.0/deviceManagement/managedDevices?$skiptoken=opaque-token` });
  });
  try {
    const all = await client(srv.url).listDevices(`startswith(deviceName,'LAB')`);
    assert.deepEqual(all.map((d) => d.id), ['a', 'b']);
    const first = new URL(srv.requests[0].url, srv.url);
    assert.equal(first.pathname, '/v1.0/deviceManagement/managedDevices');
    assert.equal(first.searchParams.get('$select'), listSelect);
    assert.equal(first.searchParams.get('$filter'), "startswith(deviceName,'LAB')");
    assert.ok(!first.searchParams.has('$skip'));
    assert.equal(srv.requests[0].headers.authorization, 'Bearer tok');
    assert.equal(srv.requests.length, 2);
  } finally {
    await srv.close();
  }
});

test('429 waits for Retry-After, then succeeds', async () => {
  let n = 0;
  const srv = await startFakeServer((_req, res) => (n++ === 0 ? sendJson(res, 429, { error: {} }, { 'Retry-After': '3' }) : sendJson(res, 200, { value: [] })));
  const s = recordingSleep();
  try {
    await client(srv.url, { sleep: s.sleep }).listDevices(undefined);
    assert.deepEqual(s.delays, [3000]);
  } finally {
    await srv.close();
  }
});

test('429 without Retry-After backs off exponentially, and gives up as throttled', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 429, { error: {} }));
  const s = recordingSleep();
  try {
    await rejectsWith(client(srv.url, { sleep: s.sleep }).listDevices(undefined), 'throttled');
    assert.deepEqual(s.delays, [500, 1000, 2000]);
    assert.equal(srv.requests.length, 4);
  } finally {
    await srv.close();
  }
});

test('5xx retries with jitter, then reports unavailable', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 503, {}));
  const s = recordingSleep();
  try {
    await rejectsWith(client(srv.url, { sleep: s.sleep, random: () => 0.5 }).listDevices(undefined), 'unavailable');
    assert.deepEqual(s.delays, [375, 750, 1500]); // base·2^n · (0.5 + 0.5·random)
  } finally {
    await srv.close();
  }
});

test('a dropped connection is retried; a refused port ends as unavailable', async () => {
  let n = 0;
  const srv = await startFakeServer((_req, res) => void (n++ === 0 ? res.socket?.destroy() : sendJson(res, 200, { value: [{ id: 'x' }] })));
  const s = recordingSleep();
  try {
    assert.equal((await client(srv.url, { sleep: s.sleep }).listDevices(undefined)).length, 1);
    assert.equal(s.delays.length, 1);
  } finally {
    await srv.close();
  }
  await rejectsWith(client(srv.url, { sleep: recordingSleep().sleep }).listDevices(undefined), 'unavailable');
});

test('every call has a timeout', async () => {
  const srv = await startFakeServer(() => {}); // never answers
  const s = recordingSleep();
  try {
    await rejectsWith(client(srv.url, { sleep: s.sleep, retry: { timeoutMs: 60, maxAttempts: 2 } }).listDevices(undefined), 'timeout');
    // Two attempts, told by the client's one wait between them: on a loaded machine the second may time out
    // before the server has read it, so the server's own count may be 1 or 2 (seen: 1, under load).
    assert.equal(s.delays.length, 1);
    assert.ok(srv.requests.length >= 1 && srv.requests.length <= 2, `${srv.requests.length} requests`);
  } finally {
    await srv.close();
  }
});

test('a call can be cancelled', async () => {
  const ac = new AbortController();
  const srv = await startFakeServer(() => ac.abort()); // cancelled once the request is in flight; never answered
  try {
    const started = Date.now();
    const p = client(srv.url).listDevices(undefined, ac.signal);
    await rejectsWith(p, 'cancelled');
    assert.ok(Date.now() - started < 2000);
  } finally {
    await srv.close();
  }
});

test('401 re-authenticates once with a fresh token; a second 401 asks to sign in', async () => {
  const srv = await startFakeServer((req, res) => (req.headers.authorization === 'Bearer fresh' ? sendJson(res, 200, { value: [] }) : sendJson(res, 401, {})));
  let token = 'old';
  let hooks = 0;
  try {
    const c = client(srv.url, { getToken: async () => token, onUnauthorized: async () => void (hooks++, (token = 'fresh')) });
    await c.listDevices(undefined);
    assert.equal(hooks, 1);
    token = 'stale';
    const d = client(srv.url, { getToken: async () => 'stale', onUnauthorized: async () => void hooks++ });
    await rejectsWith(d.listDevices(undefined), 'unauthorized');
    assert.equal(hooks, 2);
  } finally {
    await srv.close();
  }
});

test('403 names the missing scope or role', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 403, { error: { code: 'Forbidden' } }));
  try {
    await assert.rejects(client(srv.url).listDevices(undefined), (e: AppError) => e.code === 'forbidden' && /DeviceManagementManagedDevices\.Read\.All/.test(e.message) && /Intune role/.test(e.message));
    await assert.rejects(client(srv.url).searchUsers('anna'), (e: AppError) => e.code === 'forbidden' && /User\.Read\.All/.test(e.message));
  } finally {
    await srv.close();
  }
});

test('details go through beta $batch in groups of 20; throttled sub-requests are retried', async () => {
  const seen = new Set<string>();
  const srv = await startFakeServer((req, res) => {
    assert.equal(req.url, '/beta/$batch');
    const { requests } = JSON.parse(req.body) as { requests: { id: string; url: string }[] };
    assert.ok(requests.length <= batchLimit);
    sendJson(res, 200, {
      responses: requests.map((r) => {
        if (r.id === 'd:dev3' && !seen.has(r.id)) {
          seen.add(r.id);
          return { id: r.id, status: 429, headers: { 'Retry-After': '2' }, body: {} };
        }
        if (r.id.startsWith('u:')) return { id: r.id, status: 200, body: { value: [{ id: 'u1', userPrincipalName: 'anna@contoso.com' }] } };
        return { id: r.id, status: 200, body: { id: r.id.slice(2), usersLoggedOn: [{ userId: 'u1', lastLogOnDateTime: '2026-11-20T08:00:00Z' }], joinType: 'azureADJoined' } };
      }),
    });
  });
  const s = recordingSleep();
  try {
    const ids = Array.from({ length: 23 }, (_, i) => `dev${i}`);
    const out = await client(srv.url, { sleep: s.sleep }).deviceDetails(ids);
    assert.equal(out.size, 23);
    assert.equal(out.get('dev3')?.details?.joinType, 'azureADJoined');
    assert.equal(out.get('dev7')?.primaryUsers?.[0].userPrincipalName, 'anna@contoso.com');
    assert.equal(srv.requests.length, 4); // 46 requests = 3 batches, + 1 retry batch
    assert.deepEqual(s.delays, [2000]);
    const first = JSON.parse(srv.requests[0].body) as { requests: { url: string }[] };
    assert.match(first.requests[0].url, /\$select=id,usersLoggedOn,enrolledByUserPrincipalName,joinType,enrollmentProfileName,autopilotEnrolled,hardwareInformation/);
  } finally {
    await srv.close();
  }
});

test('user ids resolve to names in batches; reverse lookup uses getLoggedOnManagedDevices', async () => {
  const srv = await startFakeServer((req, res) => {
    if (req.url === '/beta/$batch') {
      const { requests } = JSON.parse(req.body) as { requests: { id: string; url: string }[] };
      return sendJson(res, 200, { responses: requests.map((r) => (r.id === 'gone' ? { id: r.id, status: 404, body: {} } : { id: r.id, status: 200, body: { id: r.id, userPrincipalName: `${r.id}@contoso.com`, displayName: r.id.toUpperCase() } })) });
    }
    if (req.url.startsWith('/beta/users/u1/getLoggedOnManagedDevices')) return sendJson(res, 200, { value: [{ id: 'd1' }] });
    sendJson(res, 404, {});
  });
  try {
    const c = client(srv.url);
    const names = await c.resolveUsers(['u1', 'u2', 'u1', 'gone']);
    assert.deepEqual([...names.keys()].sort(), ['u1', 'u2']);
    assert.equal(names.get('u2')?.displayName, 'U2');
    assert.deepEqual((await c.loggedOnDevices('u1')).map((d) => d.id), ['d1']);
  } finally {
    await srv.close();
  }
});

test('clouds and portal links', () => {
  assert.equal(graphClouds.usGovDoD.graph, 'https://dod-graph.microsoft.us');
  assert.equal(graphClouds.china.graph, 'https://microsoftgraph.chinacloudapi.cn');
  assert.equal(graphClouds.usGovL4.graph, 'https://graph.microsoft.us');
  assert.match(intuneDeviceUrl(graphClouds.global.intunePortal, 'abc'), /^https:\/\/intune\.microsoft\.com\/#view\/.*\/mdmDeviceId\/abc$/);
});

test('Retry-After as seconds or HTTP date', () => {
  assert.equal(parseRetryAfter('5'), 5000);
  assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});

test('a 400 on one detail property: the details come again without it, and the client remembers what is missing', async () => {
  const srv = await startFakeServer((req, res) => {
    const { requests } = JSON.parse(req.body) as { requests: { id: string; url: string }[] };
    sendJson(res, 200, {
      responses: requests.map((r) => {
        if (r.id.startsWith('u:')) return { id: r.id, status: 200, body: { value: [] } };
        if (r.url.includes('enrolledByUserPrincipalName'))
          return { id: r.id, status: 400, body: { error: { code: 'BadRequest', message: "Could not find a property named 'enrolledByUserPrincipalName' on type 'microsoft.graph.managedDevice'." } } };
        return { id: r.id, status: 200, body: { id: r.id.slice(2), usersLoggedOn: [{ userId: 'u1' }], joinType: 'azureADJoined' } };
      }),
    });
  });
  try {
    const c = client(srv.url);
    const out = await c.deviceDetails(['a', 'b']);
    assert.deepEqual([...c.refusedDetailFields], ['enrolledByUserPrincipalName']);
    for (const id of ['a', 'b']) {
      assert.equal(out.get(id)?.details?.joinType, 'azureADJoined', id);
      assert.equal((out.get(id)?.details?.usersLoggedOn as unknown[]).length, 1, id);
    }
    assert.equal(srv.requests.length, 2, 'one batch, then one retry of the two refused detail calls');
    await c.deviceDetails(['c']);
    assert.equal(srv.requests.length, 3, 'later calls leave the refused property out from the start');
    assert.doesNotMatch(srv.requests[2].body, /enrolledByUserPrincipalName/);
  } finally {
    await srv.close();
  }
});

test('a 400 that names no property (or a property we did not ask for) is not retried', async () => {
  const srv = await startFakeServer((req, res) => {
    const { requests } = JSON.parse(req.body) as { requests: { id: string }[] };
    sendJson(res, 200, { responses: requests.map((r) => ({ id: r.id, status: 400, body: { error: { message: r.id.startsWith('d:') ? "Could not find a property named 'nope' on type 'x'." : 'Bad request.' } } })) });
  });
  try {
    const c = client(srv.url);
    const out = await c.deviceDetails(['a']);
    assert.equal(out.get('a')?.details, null);
    assert.equal(srv.requests.length, 1);
    assert.equal(c.refusedDetailFields.size, 0);
  } finally {
    await srv.close();
  }
});
