// The Workspace ONE simulator on real HTTP: auth (Basic, OAuth), search and paging, lookups, users,
// commands, the v3 mode change with pending consumption, the refused bulk call, and the WS1 limit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioExamples, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { tenant, ws1, ws1Basic, ws1ErrorCode, type Clock } from './support.ts';

let t: DemoTenant;
let clock: Clock;
let w: ReturnType<typeof ws1>;

before(async () => {
  ({ t, clock } = await tenant({ consumeDelayMs: 30_000 }));
  w = ws1(t);
});
after(() => t.stop());

const device = (name: string) => t.data.ws1Devices.find((d) => d.reportedName === name)!;
const V3 = { accept: 'application/json;version=3' };

describe('auth', () => {
  test('missing or wrong credentials and a wrong tenant code are 401 with {errorCode,message,activityId}', async () => {
    const none = await ws1(t, {}).get('/api/mdm/devices/search');
    assert.equal(none.status, 401);
    ws1ErrorCode(none);
    const wrong = await ws1(t, { ...ws1Basic(t), authorization: `Basic ${Buffer.from('demo.api:nope').toString('base64')}` }).get('/api/mdm/devices/search');
    assert.equal(wrong.status, 401);
    const code = await ws1(t, { ...ws1Basic(t), 'aw-tenant-code': 'nope' }).get('/api/mdm/devices/search');
    assert.equal(code.status, 401);
    assert.notEqual(ws1ErrorCode(code), ws1ErrorCode(wrong));
  });

  test('OAuth client credentials give a bearer that works with the tenant code until it expires', async () => {
    const form = (body: Record<string, string>) => fetch(t.ws1TokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    const bad = await form({ grant_type: 'client_credentials', client_id: t.ws1.clientId, client_secret: 'nope' });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: 'invalid_client' });
    assert.equal((await form({ grant_type: 'password', client_id: t.ws1.clientId, client_secret: t.ws1.clientSecret })).status, 400);
    const ok = await form({ grant_type: 'client_credentials', client_id: t.ws1.clientId, client_secret: t.ws1.clientSecret });
    const tok = (await ok.json()) as { access_token: string; expires_in: number; token_type: string };
    assert.equal(tok.expires_in, 3600);
    assert.equal(tok.token_type, 'Bearer');
    const bearer = ws1(t, { authorization: `Bearer ${tok.access_token}`, 'aw-tenant-code': t.ws1.tenantCode });
    assert.equal((await bearer.get('/api/mdm/devices/search?pagesize=1')).status, 200);
    assert.equal((await ws1(t, { authorization: `Bearer ${tok.access_token}` }).get('/api/mdm/devices/search')).status, 401, 'tenant code needed with Bearer too');
    clock.advance(3_600_000);
    assert.equal((await bearer.get('/api/mdm/devices/search?pagesize=1')).status, 401, 'expired');
  });
});

describe('devices', () => {
  test('search pages with Page/PageSize/Total, default 500, filters, and 204 when empty', async () => {
    const first = await w.get('/api/mdm/devices/search');
    assert.equal(first.status, 200);
    assert.equal(first.json.PageSize, 500);
    assert.equal(first.json.Total, t.data.ws1Devices.length);
    const seen = new Set<string>();
    for (let page = 0; page * 200 < first.json.Total; page++) {
      const a = await w.get(`/api/mdm/devices/search?page=${page}&pagesize=200`);
      assert.equal(a.json.Page, page);
      for (const d of a.json.Devices) seen.add(d.Uuid);
    }
    assert.equal(seen.size, t.data.ws1Devices.length);
    const d = device('FLOOR-MU-001');
    const mine = await w.get(`/api/mdm/devices/search?user=${encodeURIComponent(t.data.ws1UsersById.get(d.enrolledUserId)!.userName)}&platform=WinRT`);
    assert.ok(mine.json.Devices.some((x: { Uuid: string }) => x.Uuid === d.uuid));
    const empty = await w.get('/api/mdm/devices/search?user=nobody.at.all');
    assert.equal(empty.status, 204);
    assert.equal(empty.text, '');
    const shared = await w.get('/api/mdm/devices/search?ownership=S&pagesize=10000');
    assert.ok(shared.json.Devices.every((x: { Ownership: string }) => x.Ownership === 'S'));
    const stale = await w.get('/api/mdm/devices/search?lastseen=2026-10-01&pagesize=10000');
    assert.ok(stale.json.Devices.some((x: { DeviceReportedName: string }) => x.DeviceReportedName === 'STALE-001'));
  });

  test('v1 records are PascalCase with Id.Value, WinRT, zone-less LastSeen and the user mode fields', async () => {
    const a = await w.get(`/api/mdm/devices?searchby=Serialnumber&id=${scenarioExamples['ws1-enrolled-user-lags'].serialNumber}`);
    assert.equal(a.status, 200);
    const r = a.json;
    assert.equal(typeof r.Id.Value, 'number');
    assert.equal(r.Platform, 'WinRT');
    assert.equal(typeof r.LocationGroupId.Id.Value, 'number');
    assert.match(r.LastSeen, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(r.UserMode, 'MultiUser');
    assert.match(r.LastLoggedInUser, /^CONTOSO\\/);
    assert.notEqual(r.LastLoggedInUser.split('\\')[1], r.UserName, 'the enrolled user lags the signed-in user');
    assert.equal((await w.get(`/api/mdm/devices/${r.Id.Value}`)).json.Uuid, r.Uuid);
    const v2 = await w.get(`/api/mdm/devices/${r.Uuid}`, { accept: 'application/json;version=2' });
    assert.equal(v2.json.uuid, r.Uuid);
    assert.equal(v2.json.enrollmentStatus, 'ENROLLED');
    assert.match(v2.json.lastSeen, /Z$/);
  });

  test('not found is JSON 404; an unknown route is an HTML 404', async () => {
    const a = await w.get('/api/mdm/devices?searchby=Serialnumber&id=NOPE');
    assert.equal(a.status, 404);
    ws1ErrorCode(a);
    assert.equal((await w.get('/api/mdm/devices/99999999')).status, 404);
    const html = await w.get('/api/mdm/nothing/here');
    assert.equal(html.status, 404);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(html.json, undefined);
  });

  test('users search with Users/Page/PageSize/Total, ExternalId and 204', async () => {
    const a = await w.get('/api/system/users/search?username=lab.staging');
    assert.equal(a.json.Total, 1);
    assert.equal(a.json.Users[0].UserName, 'lab.staging');
    assert.equal(typeof a.json.Users[0].Id.Value, 'number');
    assert.equal((await w.get('/api/system/users/search?username=nora.starter')).status, 204, 'never synced to UEM');
  });

  test('commands answer 202 and are counted per device; unknown commands are 400', async () => {
    const d = device('WS1-SU-001');
    assert.equal((await w.send('POST', `/api/mdm/devices/${d.id}/commands?command=SyncDevice`)).status, 202);
    assert.equal(t.counters.actionCalls('ws1.SyncDevice', d.uuid), 1);
    assert.equal((await w.send('POST', `/api/mdm/devices/${d.id}/commands?command=Wipe`)).status, 400);
  });

  test('POST /api/mdm/devices/bulk is refused with 405 whatever the auth', async () => {
    const a = await ws1(t, {}).send('POST', '/api/mdm/devices/bulk', { BulkValues: { Value: ['1'] } });
    assert.equal(a.status, 405);
    ws1ErrorCode(a);
  });
});

describe('mode change (v3 devices/action)', () => {
  test('accepts valid transitions, rejects others with a reason, stays pending until consumed', async () => {
    const legacy = device('WS1-LEG-002');
    const single = device('WS1-SU-002');
    const capable = device('WS1-MUC-002');
    const multi = device('FLOOR-MU-002');
    const a = await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: [single.uuid, capable.uuid, legacy.uuid, multi.uuid, 'no-such-uuid'] }, V3);
    assert.equal(a.status, 202);
    assert.deepEqual(a.json.accepted, [single.uuid, capable.uuid]);
    assert.deepEqual(a.json.rejected.map((r: { device_uuid: string }) => r.device_uuid), [legacy.uuid, multi.uuid, 'no-such-uuid']);
    assert.match(a.json.rejected[0].reason, /MIGRATE_TO_MULTIUSER/);
    const again = await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_SINGLEUSER', device_uuids: [single.uuid] }, V3);
    assert.match(again.json.rejected[0].reason, /pending/);
    assert.equal(t.pendingUserMode(single.uuid), 'MultiUser');
    const mode = async () => (await w.get(`/api/mdm/devices/${single.id}`)).json.UserMode;
    assert.equal(await mode(), 'SingleUser');
    clock.advance(29_999);
    assert.equal(await mode(), 'SingleUser');
    clock.advance(1);
    assert.equal(await mode(), 'MultiUser');
    assert.equal(t.pendingUserMode(single.uuid), null);
    const migrate = await w.send('POST', '/api/mdm/devices/action', { action: 'MIGRATE_TO_MULTIUSER', device_uuids: [legacy.uuid] }, V3);
    assert.deepEqual(migrate.json.accepted, [legacy.uuid]);
    const back = await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_SINGLEUSER', device_uuids: [multi.uuid] }, V3);
    assert.deepEqual(back.json.accepted, [multi.uuid]);
    assert.equal(t.counters.actionCalls('CHANGE_TO_MULTIUSER', single.uuid), 1);
  });

  test('needs version=3, a known action and 1 to 100 uuids', async () => {
    const uuids = t.data.ws1Devices.slice(0, 101).map((d) => d.uuid);
    assert.equal((await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: uuids.slice(0, 1) })).status, 400);
    assert.equal((await w.send('POST', '/api/mdm/devices/action', { action: 'FLIP', device_uuids: uuids.slice(0, 1) }, V3)).status, 400);
    assert.equal((await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: [] }, V3)).status, 400);
    const tooMany = await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: uuids }, V3);
    assert.equal(tooMany.status, 400);
    ws1ErrorCode(tooMany);
    assert.equal((await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: uuids.slice(0, 100) }, V3)).status, 202);
  });
});

describe('WS1 limit', () => {
  test('calls past the tenant limit answer 429 with Retry-After in the WS1 error shape', async () => {
    const lim = await tenant({ limits: { ws1Requests: { max: 3, windowMs: 60_000 } } });
    try {
      const lw = ws1(lim.t);
      for (let i = 0; i < 3; i++) assert.equal((await lw.get('/api/mdm/devices/search?pagesize=1')).status, 200);
      const a = await lw.get('/api/mdm/devices/search?pagesize=1');
      assert.equal(a.status, 429);
      assert.equal(a.headers.get('retry-after'), '60');
      ws1ErrorCode(a);
      assert.equal(lim.t.counters.throttled.ws1, 1);
      lim.clock.advance(60_000);
      assert.equal((await lw.get('/api/mdm/devices/search?pagesize=1')).status, 200);
    } finally {
      await lim.t.stop();
    }
  });
});
