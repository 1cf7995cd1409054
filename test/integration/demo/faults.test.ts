// Every injectable fault, on both simulators, surfaces as the documented error body (or connection
// behaviour), only on the matching route, only `times` times, and never after clear().
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faultKinds, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { graph, graphErrorCode, tenant, ws1, ws1ErrorCode } from './support.ts';
import { waitUntil } from '../../support/wait.ts';

let t: DemoTenant;
let g: ReturnType<typeof graph>;
let w: ReturnType<typeof ws1>;

before(async () => {
  ({ t } = await tenant());
  g = graph(t);
  w = ws1(t);
});
after(() => t.stop());

/** Counts the failures the tenant answers from here on, so each test checks its own (not a sum over earlier tests). */
function faultsFromHere(): { expect(n: number): void } {
  const before = t.counters.faults;
  return { expect: (n) => assert.equal(t.counters.faults - before, n, `one count per injected failure answered (expected ${n})`) };
}

const GRAPH_LIST = '/v1.0/deviceManagement/managedDevices';
const WS1_SEARCH = '/api/mdm/devices/search';

describe('Graph faults', () => {
  test('401, 403, 429 (with and without Retry-After) and 5xx use the Graph error body', async () => {
    const faults = faultsFromHere();
    const cases: [Parameters<DemoTenant['faults']['inject']>[1], Parameters<DemoTenant['faults']['inject']>[2], number, string][] = [
      ['unauthorized', {}, 401, 'InvalidAuthenticationToken'],
      ['forbidden', {}, 403, 'Forbidden'],
      ['throttled', { retryAfterSeconds: 7 }, 429, 'TooManyRequests'],
      ['server_error', { status: 500 }, 500, 'InternalServerError'],
      ['server_error', {}, 503, 'ServiceUnavailable'],
      ['server_error', { status: 504 }, 504, 'GatewayTimeout'],
    ];
    for (const [kind, options, status, code] of cases) {
      t.faults.inject(`${GRAPH_LIST}*`, kind, { ...options, times: 1 });
      const a = await g.get(GRAPH_LIST);
      assert.equal(a.status, status, kind);
      assert.equal(graphErrorCode(a), code);
      if (kind === 'throttled') assert.equal(a.headers.get('retry-after'), '7');
      assert.equal((await g.get(`${GRAPH_LIST}?$top=1`)).status, 200, 'times: 1 means once');
    }
    t.faults.inject(GRAPH_LIST, 'throttled', { retryAfterSeconds: null, times: 1 });
    const bare = await g.get(GRAPH_LIST);
    assert.equal(bare.status, 429);
    assert.equal(bare.headers.get('retry-after'), null);
    faults.expect(7);
  });

  test('slow answers late, drop closes the connection, malformed_json breaks the body', async () => {
    const faults = faultsFromHere();
    t.faults.inject(`${GRAPH_LIST}*`, 'slow', { delayMs: 300, times: 1 });
    const started = performance.now();
    const slow = await g.get(`${GRAPH_LIST}?$top=1`);
    assert.equal(slow.status, 200);
    assert.ok(performance.now() - started >= 290);
    t.faults.inject(`${GRAPH_LIST}*`, 'drop', { times: 1 });
    await assert.rejects(g.get(GRAPH_LIST), TypeError);
    t.faults.inject(`${GRAPH_LIST}*`, 'malformed_json', { times: 1 });
    const bad = await g.get(GRAPH_LIST);
    assert.equal(bad.status, 200);
    assert.match(bad.headers.get('content-type') ?? '', /application\/json/);
    assert.throws(() => JSON.parse(bad.text), SyntaxError);
    faults.expect(3);
  });

  test('a fault matches by path pattern, method and target, also inside $batch', async () => {
    const faults = faultsFromHere();
    const id = t.data.intuneDevices[0].id;
    t.faults.inject('/beta/deviceManagement/managedDevices/*/syncDevice', 'throttled', { method: 'POST', target: 'graph', times: 1 });
    assert.equal((await g.get(`/beta/deviceManagement/managedDevices/${id}`)).status, 200, 'other route');
    const batch = await g.send('POST', '/beta/$batch', {
      requests: [
        { id: 'a', method: 'POST', url: `/deviceManagement/managedDevices/${id}/syncDevice` },
        { id: 'b', method: 'POST', url: `/deviceManagement/managedDevices/${id}/syncDevice` },
      ],
    });
    assert.deepEqual(batch.json.responses.map((r: { status: number }) => r.status), [429, 204]);
    assert.equal(batch.json.responses[0].body.error.code, 'TooManyRequests');
    t.faults.inject(/managedDevices/, 'forbidden', { target: 'ws1' });
    assert.equal((await g.get(`${GRAPH_LIST}?$top=1`)).status, 200, 'ws1-only rule');
    t.faults.clear();
    faults.expect(1);
  });
});

describe('WS1 faults', () => {
  test('401, 403, 429 and 5xx use {errorCode,message,activityId}', async () => {
    const faults = faultsFromHere();
    const cases: [Parameters<DemoTenant['faults']['inject']>[1], number][] = [
      ['unauthorized', 401],
      ['forbidden', 403],
      ['throttled', 429],
      ['server_error', 503],
    ];
    for (const [kind, status] of cases) {
      t.faults.inject(WS1_SEARCH, kind, { target: 'ws1', times: 1 });
      const a = await w.get(WS1_SEARCH);
      assert.equal(a.status, status, kind);
      ws1ErrorCode(a);
      if (kind === 'throttled') assert.equal(a.headers.get('retry-after'), '1');
    }
    assert.equal((await w.get(`${WS1_SEARCH}?pagesize=1`)).status, 200);
    faults.expect(4);
  });

  test('slow, drop and malformed_json, on the token endpoint too; clear() removes every rule', async () => {
    const faults = faultsFromHere();
    t.faults.inject('/connect/token', 'drop');
    await assert.rejects(fetch(t.ws1TokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }), TypeError);
    t.faults.inject(WS1_SEARCH, 'malformed_json', { target: 'ws1' });
    const bad = await w.get(WS1_SEARCH);
    assert.throws(() => JSON.parse(bad.text), SyntaxError);
    t.faults.clear();
    assert.equal((await w.get(`${WS1_SEARCH}?pagesize=1`)).status, 200);
    t.faults.inject(WS1_SEARCH, 'slow', { delayMs: 250, times: 1 });
    const started = performance.now();
    assert.equal((await w.get(`${WS1_SEARCH}?pagesize=1`)).status, 200);
    assert.ok(performance.now() - started >= 240);
    faults.expect(3);
  });

  test('slow with `until` holds the answer until the test opens the gate', async () => {
    const faults = faultsFromHere();
    const before = t.counters.faults;
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    t.faults.inject(WS1_SEARCH, 'slow', { target: 'ws1', until: gate, times: 1 });
    let answered = false;
    const pending = w.get(`${WS1_SEARCH}?pagesize=1`).then((a) => ((answered = true), a));
    await waitUntil(() => t.counters.faults > before, 'the request to reach the simulator');
    assert.equal(answered, false, 'held while the gate is shut');
    open();
    assert.equal((await pending).status, 200);
    faults.expect(1);
  });

  test('every fault kind is covered above (each test checks its own count)', () => {
    assert.deepEqual([...faultKinds].sort(), ['drop', 'forbidden', 'malformed_json', 'server_error', 'slow', 'throttled', 'unauthorized']);
  });

  test('a slow answer still pending at stop() does not keep the tenant alive', async () => {
    const other = await tenant();
    other.t.faults.inject('*', 'slow', { delayMs: 60_000 });
    const pending = fetch(`${other.t.ws1Url}${WS1_SEARCH}`).catch((e: unknown) => e);
    await waitUntil(() => other.t.counters.faults === 1, 'the request to reach the simulator and start its slow answer');
    const started = performance.now();
    await other.t.stop();
    assert.ok(performance.now() - started < 5_000);
    assert.ok((await pending) instanceof Error);
  });
});
