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
/** A body in the demo tenant's own description (BulkDeviceActionRequest at /api/help/Docs/mdmv3). */
const act = (action: string, uuids: string[], og: string) => ({ action_type: action, device_uuid_list: uuids, organization_group_uuid: og, requested_device_count: uuids.length });
const queued = (a: { json: { queued_device_uuids: string[] } }) => a.json.queued_device_uuids;
const failed = (a: { json: { failed_devices: { device_uuid: string; failure_reason: string }[] } }) => a.json.failed_devices;

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
    assert.equal(r.WindowsUserMode, 'MultiUser');
    assert.match(r.LastLoggedInUser, /^CONTOSO\\/);
    assert.notEqual(r.LastLoggedInUser.split('\\')[1], r.UserName, 'the enrolled user lags the signed-in user');
    assert.equal((await w.get(`/api/mdm/devices/${r.Id.Value}`)).json.Uuid, r.Uuid);
    // v2 by uuid is nested like published responses, with the user mode where the demo's mdmv2 says
    const v2 = await w.get(`/api/mdm/devices/${r.Uuid}`, { accept: 'application/json;version=2' });
    assert.equal(v2.json.uuid, r.Uuid);
    assert.equal(v2.json.platformInfo.platformName, 'WinRT');
    assert.equal(v2.json.enrollmentInfo.enrollmentStatus, 'ENROLLED');
    assert.equal(v2.json.enrollmentInfo.organizationGroupId, r.LocationGroupId.Uuid);
    assert.equal(v2.json.enrollmentInfo.userName, r.UserName);
    assert.match(v2.json.enrollmentInfo.lastSeenTimestamp, /Z$/);
    assert.equal(v2.json.windowsInfo.windowsUserMode, 'MULTI_USER');
    assert.equal(v2.json.UserMode, undefined, 'no flat user mode in v2');
  });

  test('not found is JSON 404; an unknown route is an HTML 404', async () => {
    const a = await w.get('/api/mdm/devices?searchby=Serialnumber&id=NOPE');
    assert.equal(a.status, 404);
    ws1ErrorCode(a);
    assert.equal(ws1ErrorCode(a), 5061, 'device not found is errorCode 5061, as in published responses');
    assert.equal((await w.get('/api/mdm/devices/99999999')).status, 404);
    assert.equal(ws1ErrorCode(await w.get('/api/mdm/devices/0f0f0f0f-0000-4000-8000-000000000000', { accept: 'application/json;version=2' })), 5061);
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
  test('the API explorer lists its descriptions and mdmv3 describes the body with names of its own', async () => {
    const index = await w.get('/api/help');
    assert.match(index.text, /Docs\/mdmv3/);
    const doc = (await w.get('/api/help/Docs/mdmv3')).json;
    assert.equal(doc.paths['/devices/action'].post.operationId, 'DeviceActionsV3_ExecuteBulkDeviceActionAsync');
    assert.deepEqual(Object.keys(doc.definitions.BulkDeviceActionRequest.properties).sort(), ['action_type', 'device_uuid_list', 'organization_group_uuid', 'requested_device_count']);
    assert.ok((await w.get('/api/help/Docs/mdmv2')).json.definitions.DeviceV2.properties.windowsInfo);
  });

  test('accepts valid transitions, rejects others with a reason, stays pending until consumed', async () => {
    const legacy = device('WS1-LEG-002');
    const single = device('WS1-SU-002');
    const capable = device('WS1-MUC-002');
    const multi = device('FLOOR-MU-002');
    const inGroup = (d: { locationGroupUuid: string }) => d.locationGroupUuid;
    const a = await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_MULTIUSER', [single.uuid, 'no-such-uuid'], inGroup(single)), V3);
    assert.equal(a.status, 200);
    assert.deepEqual(queued(a), [single.uuid]);
    assert.deepEqual(failed(a).map((r) => r.device_uuid), ['no-such-uuid']);
    assert.deepEqual(queued(await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_MULTIUSER', [capable.uuid], inGroup(capable)), V3)), [capable.uuid]);
    const wrong = await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_MULTIUSER', [legacy.uuid], inGroup(legacy)), V3);
    assert.match(failed(wrong)[0].failure_reason, /MIGRATE_TO_MULTIUSER/);
    assert.match(failed(await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_SINGLEUSER', [multi.uuid], '00000000-0000-4000-8000-000000000000'), V3))[0].failure_reason, /organization group/);
    const again = await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_SINGLEUSER', [single.uuid], inGroup(single)), V3);
    assert.match(failed(again)[0].failure_reason, /pending/);
    assert.equal(t.pendingUserMode(single.uuid), 'MultiUser');
    const v2 = async () => (await w.get(`/api/mdm/devices/${single.uuid}`, { accept: 'application/json;version=2' })).json.windowsInfo;
    assert.deepEqual(await v2(), { windowsUserMode: 'SINGLE_USER', pendingUserModeAction: 'CHANGE_TO_MULTIUSER' });
    const mode = async () => (await w.get(`/api/mdm/devices/${single.id}`)).json.WindowsUserMode;
    assert.equal(await mode(), 'SingleUser');
    clock.advance(29_999);
    assert.equal(await mode(), 'SingleUser');
    clock.advance(1);
    assert.equal(await mode(), 'MultiUser');
    assert.deepEqual(await v2(), { windowsUserMode: 'MULTI_USER', pendingUserModeAction: null });
    assert.equal(t.pendingUserMode(single.uuid), null);
    assert.deepEqual(queued(await w.send('POST', '/api/mdm/devices/action', act('MIGRATE_TO_MULTIUSER', [legacy.uuid], inGroup(legacy)), V3)), [legacy.uuid]);
    assert.deepEqual(queued(await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_SINGLEUSER', [multi.uuid], inGroup(multi)), V3)), [multi.uuid]);
    assert.equal(t.counters.actionCalls('CHANGE_TO_MULTIUSER', single.uuid), 1);
  });

  test('a body that does not follow the description is 400: version=3, known properties only, all required, 1 to 100 uuids, the count', async () => {
    const d = t.data.ws1Devices.slice(0, 101);
    const og = d[0].locationGroupUuid;
    const uuids = d.map((x) => x.uuid);
    const status = async (body: unknown, headers: Record<string, string> = V3) => (await w.send('POST', '/api/mdm/devices/action', body, headers)).status;
    assert.equal(await status(act('CHANGE_TO_MULTIUSER', uuids.slice(0, 1), og), {}), 400);
    const old = await w.send('POST', '/api/mdm/devices/action', { action: 'CHANGE_TO_MULTIUSER', device_uuids: uuids.slice(0, 1) }, V3);
    assert.equal(old.status, 400, 'the shape the app guessed before is refused');
    assert.match(old.json.message, /Unknown properties action, device_uuids/);
    assert.equal(await status(act('FLIP', uuids.slice(0, 1), og)), 400);
    assert.equal(await status(act('CHANGE_TO_MULTIUSER', [], og)), 400);
    assert.equal(await status({ ...act('CHANGE_TO_MULTIUSER', uuids.slice(0, 2), og), requested_device_count: 1 }), 400);
    const { organization_group_uuid: _dropped, ...noGroup } = act('CHANGE_TO_MULTIUSER', uuids.slice(0, 1), og);
    assert.equal(await status(noGroup), 400);
    const tooMany = await w.send('POST', '/api/mdm/devices/action', act('CHANGE_TO_MULTIUSER', uuids, og), V3);
    assert.equal(tooMany.status, 400);
    ws1ErrorCode(tooMany);
    assert.equal(await status(act('CHANGE_TO_MULTIUSER', uuids.slice(0, 100), og)), 200);
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
