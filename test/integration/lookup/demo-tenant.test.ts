// The lookup against the demo tenant's Graph and WS1 simulators (real HTTP on 127.0.0.1), with fault injection.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { lookupPartialSchema, type LookupPartial } from '../../../electron/common/device.ts';
import { openDatabase } from '../../../electron/services/cache/db.ts';
import { syncIntune, syncWs1 } from '../../../electron/services/cache/sync.ts';
import { runCli } from '../../../electron/services/cli/main.ts';
import { startDemoTenant, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { createLookup, refreshWs1IfStale, ws1StaticAuth, type LookupConnection } from '../../../electron/services/lookup/connect.ts';

let tenant: DemoTenant;
let dir: string;
const delays: number[] = [];
const http = { sleep: async (ms: number) => void delays.push(ms), random: () => 0.5 };

before(async () => {
  tenant = await startDemoTenant({ seed: 1, limits: { graphRequests: { max: 1_000_000, windowMs: 20_000 } } });
  dir = mkdtempSync(join(tmpdir(), 'sdh-lookup-'));
});
after(async () => {
  await tenant.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  tenant.faults.clear();
  delays.length = 0;
});

function connection(hooks: { onUnauthorized?: () => Promise<void> } = {}): LookupConnection {
  return {
    scope: 'demo',
    graph: { baseUrl: tenant.graphUrl, getToken: async () => tenant.graphToken, onUnauthorized: hooks.onUnauthorized, portal: null },
    ws1: { baseUrl: tenant.ws1Url, authHeaders: ws1StaticAuth({ basic: `${tenant.ws1.basicUser}:${tenant.ws1.basicPassword}`, tenantCode: tenant.ws1.tenantCode }) },
  };
}

/** A person who signed in to an Intune device they are not primary user of, and is the last Windows user of a WS1 device. */
function sharedUser(): string {
  const d = tenant.data;
  for (const w of d.ws1Devices) {
    const sam = w.lastLoggedInUser?.split('\\')[1];
    const user = sam ? d.users.find((u) => u.userPrincipalName.startsWith(`${sam}@`)) : undefined;
    if (!user) continue;
    if (d.intuneDevices.some((i) => i.userId !== user.id && i.usersLoggedOn.some((l) => l.userId === user.id))) return user.userPrincipalName;
  }
  throw new Error('demo data has no such user');
}

test('a logged-on (not primary) user finds devices on both platforms, streamed per source', async () => {
  const upn = sharedUser();
  const db = openDatabase(':memory:');
  const l = createLookup(connection(), { db, http });
  // WS1 v1 cannot search by last Windows user: the cache can (first refresh is a full sync, then fresh enough).
  assert.equal(await refreshWs1IfStale(l), true);
  assert.equal(await refreshWs1IfStale(l), false);
  const parts: LookupPartial[] = [];
  const r = await l.service.search({ query: upn }, { onPartial: (p) => parts.push(p) });
  for (const p of parts) lookupPartialSchema.parse(p);
  assert.deepEqual(parts.map((p) => p.source).slice(0, 1), ['cache']);
  assert.equal(parts.at(-1)?.done, true);
  assert.deepEqual(r.errors, []);
  const intuneHit = r.devices.find((x) => x.intune && x.match?.field === 'loggedOnUser');
  assert.ok(intuneHit, 'an Intune device where the user signed in but is not primary');
  assert.notEqual(intuneHit.intune?.primaryUser?.upn, upn);
  assert.ok(r.devices.some((x) => x.ws1 && (x.match?.field === 'lastLoggedInUser' || x.match?.field === 'enrolledUser')), 'a WS1 device');
  db.close();
});

test('every demo scenario device gets its diagnosis', async () => {
  const db = openDatabase(':memory:');
  const l = createLookup(connection(), { db, http });
  await syncWs1(l.cache!, l.ws1!, { kind: 'full' }); // WS1-only devices are found by name through the cache
  const expect: Record<string, string | null> = {
    'dem-primary-user': 'intune.demPrimaryUser',
    'dem-near-limit': 'intune.demNearLimit',
    'entra-registered': 'intune.primaryUserChangeUnsupported',
    'ipad-user-enrollment': 'intune.primaryUserChangeUnsupported',
    'shared-account': 'account.sharedAccount',
    'stale-checkin': 'device.staleCheckIn',
    'ws1-single-user-legacy': 'ws1.legacySingleUser',
    'ws1-multiuser-capable': 'ws1.multiuserCapableButSingle',
    'ws1-enrolled-user-lags': 'ws1.reassignmentFailing',
    'identifier-mismatch': 'ws1.reassignmentFailing',
    'autopilot-self-deploying': null,
    'bulk-enrolled': null,
    'user-driven': null,
  };
  const seen: Record<string, string[]> = {};
  for (const [id, rule] of Object.entries(expect)) {
    const ex = tenant.examples[id as keyof typeof tenant.examples];
    const r = await l.service.search({ query: ex.deviceName, limit: 1 });
    const dev = r.devices[0];
    assert.equal(dev?.name, ex.deviceName, id);
    seen[id] = dev.diagnoses.map((d) => d.ruleId);
    if (rule) assert.ok(seen[id].includes(rule), `${id}: ${seen[id].join(', ')}`);
    else assert.deepEqual(seen[id].filter((x) => x.startsWith('intune.')), [], id);
  }
  const dual = await l.service.search({ query: tenant.examples['dual-platform'].serialNumber, limit: 1 });
  assert.ok(dual.devices[0].intune && dual.devices[0].ws1, 'dual-platform device is one card with both sides');
  db.close();
});

test('one source failing (WS1 403) keeps the other source\'s results', async () => {
  tenant.faults.inject(/.*/, 'forbidden', { target: 'ws1' });
  const l = createLookup(connection(), { db: null, http });
  const r = await l.service.search({ query: tenant.examples['dem-primary-user'].deviceName });
  assert.equal(r.devices[0].name, tenant.examples['dem-primary-user'].deviceName);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].source, 'ws1');
  assert.equal(r.errors[0].error.code, 'forbidden');
  assert.match(r.errors[0].error.message, /Device Reassignment|role/);
});

test('Graph 403 names the missing permission; 429 honours Retry-After; 5xx retries with jitter', async () => {
  const name = tenant.examples['user-driven'].deviceName;
  const l = createLookup(connection(), { db: null, http });
  tenant.faults.inject('/v1.0/deviceManagement/managedDevices', 'forbidden', { target: 'graph' });
  const denied = await l.service.search({ query: name });
  assert.equal(denied.errors[0]?.source, 'intune');
  assert.match(denied.errors[0].error.message, /DeviceManagementManagedDevices\.Read\.All/);
  tenant.faults.clear();

  tenant.faults.inject('/v1.0/deviceManagement/managedDevices', 'throttled', { target: 'graph', times: 1, retryAfterSeconds: 2 });
  const throttled = await l.service.search({ query: name });
  assert.deepEqual(throttled.errors, []);
  assert.equal(throttled.devices[0].name, name);
  assert.ok(delays.includes(2000), `waited Retry-After: ${delays.join(',')}`);
  delays.length = 0;

  tenant.faults.inject('/beta/$batch', 'server_error', { target: 'graph', times: 2, status: 502 });
  const flaky = await l.service.search({ query: name });
  assert.deepEqual(flaky.errors, []);
  assert.equal(flaky.devices[0].intune?.detailsLoaded, true);
  assert.deepEqual(delays, [375, 750]);
});

test('throttling that does not end is reported as throttled; malformed JSON as unreadable', async () => {
  const l = createLookup(connection(), { db: null, http });
  tenant.faults.inject(/.*/, 'throttled', { target: 'graph', retryAfterSeconds: null });
  const r = await l.service.search({ query: 'PC-UD' });
  assert.equal(r.errors[0]?.error.code, 'throttled');
  // Five parallel calls (serial, exact name, name prefix, UPN, users) each back off 500, 1000, 2000 ms (no jitter for 429), then give up.
  assert.deepEqual([...delays].sort((a, b) => a - b), [500, 500, 500, 500, 500, 1000, 1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000]);
  assert.ok(delays.includes(2000), 'exponential back-off without Retry-After');
  tenant.faults.clear();
  tenant.faults.inject(/.*/, 'malformed_json', { target: 'ws1' });
  const bad = await l.service.search({ query: 'anna' });
  assert.equal(bad.errors.find((e) => e.source === 'ws1')?.error.code, 'internal');
});

test('401 re-authenticates once and retries', async () => {
  let hooks = 0;
  tenant.faults.inject(/.*/, 'unauthorized', { target: 'graph', times: 1 });
  const l = createLookup(connection({ onUnauthorized: async () => void hooks++ }), { db: null, http });
  const r = await l.service.search({ query: tenant.examples['hybrid-joined'].deviceName });
  assert.deepEqual(r.errors, []);
  assert.equal(hooks, 1);
});

test('offline: after a sync, with the tenant unreachable, search answers from the cache and says so', async () => {
  const path = join(dir, 'offline.sqlite');
  const db = openDatabase(path);
  const l = createLookup(connection(), { db, http });
  const progress: number[] = [];
  await syncIntune(l.cache!, l.intune!, { kind: 'full', onProgress: (p) => progress.push(p.done) });
  await syncWs1(l.cache!, l.ws1!, { kind: 'full' });
  assert.ok(progress.at(-1)! > 1000);
  const full = l.cache!.count('intune');
  const inc = await syncIntune(l.cache!, l.intune!, { kind: 'incremental' });
  const incWs1 = await syncWs1(l.cache!, l.ws1!, { kind: 'incremental' });
  assert.deepEqual([inc.kind, incWs1.kind], ['incremental', 'incremental']);
  assert.ok(inc.stored > 0 && inc.stored < full, `incremental asked only for recent check-ins: ${inc.stored} of ${full}`);
  assert.equal(l.cache!.count('intune'), full);
  const dead: LookupConnection = {
    scope: 'demo',
    graph: { baseUrl: 'http://127.0.0.1:9', getToken: async () => 't', portal: null },
    ws1: { baseUrl: 'http://127.0.0.1:9', authHeaders: async () => ({}) },
  };
  const offline = createLookup(dead, { db, http });
  const name = tenant.examples['ws1-multiuser'].deviceName;
  const r = await offline.service.search({ query: name });
  assert.equal(r.offline, true);
  assert.deepEqual(r.errors.map((e) => e.error.code).sort(), ['unavailable', 'unavailable']);
  assert.equal(r.devices[0].name, name);
  assert.equal(r.devices[0].ws1?.freshness.fromCache, true);
  assert.ok(r.cacheAge.intune && r.cacheAge.ws1);
  db.close();
});

test('CLI: lookup --json against endpoints from the environment, then --offline', async () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => new Writable({ write: (c: Buffer, _e, cb) => (f(c.toString()), cb()) });
    const env = {
      SDH_DATA_DIR: join(dir, 'cli'),
      SDH_GRAPH_URL: tenant.graphUrl,
      SDH_GRAPH_TOKEN: tenant.graphToken,
      SDH_WS1_URL: tenant.ws1Url,
      SDH_WS1_BASIC: `${tenant.ws1.basicUser}:${tenant.ws1.basicPassword}`,
      SDH_WS1_TENANT_CODE: tenant.ws1.tenantCode,
    };
    const code = await runCli(args, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env, cwd: dir, signal: new AbortController().signal });
    return { code, out, err };
  };
  const name = tenant.examples['ws1-single-user-legacy'].deviceName;
  const live = await run(['lookup', '--json', name]);
  assert.equal(live.code, 0, live.err);
  const body = JSON.parse(live.out) as { devices: { name: string; diagnoses: { ruleId: string }[] }[]; errors: unknown[] };
  assert.deepEqual(Object.keys(body).slice(0, 2), ['devices', 'errors']);
  assert.equal(body.devices[0].name, name);
  assert.ok(body.devices[0].diagnoses.some((d) => d.ruleId === 'ws1.legacySingleUser'));
  const off = await run(['lookup', '--json', '--offline', name]);
  const offBody = JSON.parse(off.out) as { devices: { name: string }[]; offline: boolean };
  assert.equal(offBody.offline, true);
  assert.equal(offBody.devices[0].name, name);
  const usage = await run(['lookup']);
  assert.equal(usage.code, 2);
});
