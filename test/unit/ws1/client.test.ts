import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AppError } from '../../../electron/common/errors.ts';
import { ws1SideSchema } from '../../../electron/common/device.ts';
import { Ws1Client } from '../../../electron/services/ws1/client.ts';
import { ws1ConsoleUrl } from '../../../electron/services/ws1/mapping.ts';
import { normalizeWs1 } from '../../../electron/services/ws1/normalize.ts';
import { Ws1Source } from '../../../electron/services/ws1/source.ts';
import { ws1StaticAuth } from '../../../electron/services/lookup/connect.ts';
import { recordingSleep, sendJson, startFakeServer } from '../graph/fake-server.ts';

const record = (i: number, extra: Record<string, unknown> = {}) => ({
  Id: { Value: i },
  Uuid: `uuid-${i}`,
  SerialNumber: `SER${i}`,
  DeviceFriendlyName: `FLOOR-MU-${i}`,
  UserName: 'anna.berg',
  UserEmailAddress: 'anna.berg@contoso.com',
  LocationGroupId: { Id: { Value: 7 } },
  LocationGroupName: 'Floor',
  Platform: 'WinRT',
  Ownership: 'S',
  ComplianceStatus: 'NonCompliant',
  LastSeen: '2026-11-20T08:00:00',
  UserMode: 'MultiUser',
  LastLoggedInUser: 'CONTOSO\\ben.kim',
  ...extra,
});

const client = (url: string, extra: Partial<ConstructorParameters<typeof Ws1Client>[0]> = {}) =>
  new Ws1Client({ baseUrl: url, authHeaders: ws1StaticAuth({ basic: 'api:secret', tenantCode: 'TC' }), random: () => 0, ...extra });

test('version in Accept, Basic + aw-tenant-code, page/pagesize paging until Total', async () => {
  const srv = await startFakeServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const page = Number(u.searchParams.get('page'));
    const size = Number(u.searchParams.get('pagesize'));
    const all = Array.from({ length: 7 }, (_, i) => record(i));
    sendJson(res, 200, { Devices: all.slice(page * size, page * size + size), Page: page, PageSize: size, Total: all.length });
  });
  try {
    const got = await client(srv.url, { pageSize: 3 }).searchAllDevices({ user: 'anna.berg' });
    assert.equal(got.length, 7);
    assert.equal(srv.requests.length, 3);
    const h = srv.requests[0].headers;
    assert.equal(h.accept, 'application/json;version=1');
    assert.equal(h['aw-tenant-code'], 'TC');
    assert.equal(h.authorization, `Basic ${Buffer.from('api:secret').toString('base64')}`);
    assert.match(srv.requests[0].url, /^\/api\/mdm\/devices\/search\?user=anna\.berg&page=0&pagesize=3$/);
  } finally {
    await srv.close();
  }
});

test('204 means none; searchby serial, by id, by uuid (v2)', async () => {
  const srv = await startFakeServer((req, res) => {
    if (req.url.startsWith('/api/mdm/devices/search')) return void res.writeHead(204).end();
    if (req.url === '/api/mdm/devices?searchby=Serialnumber&id=SER1') return sendJson(res, 200, record(1));
    if (req.url === '/api/mdm/devices?searchby=Serialnumber&id=NOPE') return sendJson(res, 404, { errorCode: 1001, message: 'Device not found' });
    if (req.url === '/api/mdm/devices/5') return sendJson(res, 200, record(5));
    if (req.url === '/api/mdm/devices/uuid-9') {
      assert.equal(req.headers.accept, 'application/json;version=2');
      return sendJson(res, 200, { id: 9, uuid: 'uuid-9', serialNumber: 'SER9', deviceFriendlyName: 'X' });
    }
    sendJson(res, 500, {});
  });
  try {
    const c = client(srv.url);
    assert.deepEqual(await c.searchDevices({ user: 'nobody' }, 0), { devices: [], total: 0 });
    assert.equal((await c.bySerial('SER1'))?.SerialNumber, 'SER1');
    assert.equal(await c.bySerial('NOPE'), null);
    assert.equal((await c.byId('5'))?.DeviceFriendlyName, 'FLOOR-MU-5');
    const v2 = await c.byUuid('uuid-9');
    assert.equal(normalizeWs1(v2!, srv.url, 'now').serial, 'SER9');
  } finally {
    await srv.close();
  }
});

test('JSON and HTML error bodies become a sentence', async () => {
  const srv = await startFakeServer((req, res) => {
    if (req.url.includes('user=json')) return sendJson(res, 400, { errorCode: 1005, message: 'Invalid user', activityId: 'abc' });
    res.writeHead(400, { 'Content-Type': 'text/html' });
    res.end('<html><head><title>Bad Request - Invalid URL</title></head></html>');
  });
  try {
    await assert.rejects(client(srv.url).searchDevices({ user: 'json' }, 0), (e: AppError) => /Invalid user/.test(e.message) && /activityId abc/.test(e.detail ?? ''));
    await assert.rejects(client(srv.url).searchDevices({ user: 'html' }, 0), (e: AppError) => /Bad Request - Invalid URL/.test(e.message));
  } finally {
    await srv.close();
  }
});

test('429, 408 and 5xx are retried; 403 explains the role', async () => {
  const codes = [429, 408, 502];
  const srv = await startFakeServer((req, res) => {
    if (req.url.includes('user=denied')) return sendJson(res, 403, { message: 'no' });
    const code = codes.shift();
    return code ? sendJson(res, code, {}, code === 429 ? { 'Retry-After': '1' } : {}) : sendJson(res, 200, { Devices: [record(1)], Total: 1 });
  });
  const s = recordingSleep();
  try {
    const page = await client(srv.url, { sleep: s.sleep }).searchDevices({ user: 'x' }, 0);
    assert.equal(page.devices.length, 1);
    assert.deepEqual(s.delays, [1000, 500, 1000]); // Retry-After, then base·2^(n-1)·(0.5 + 0.5·random)
    await assert.rejects(client(srv.url).searchDevices({ user: 'denied' }, 0), (e: AppError) => e.code === 'forbidden' && /Device Reassignment/.test(e.message));
  } finally {
    await srv.close();
  }
});

test('the mapping table: user modes, unknown values, zone-less LastSeen, OG', () => {
  const side = normalizeWs1(record(1), 'https://as1506.awmdm.com', '2026-11-21T00:00:00Z');
  ws1SideSchema.parse(side);
  assert.equal(side.userMode, 'multiUser');
  assert.equal(side.lastLoggedInUser, 'CONTOSO\\ben.kim');
  assert.equal(side.lastCheckIn, '2026-11-20T08:00:00.000Z');
  assert.equal(side.ownership, 'shared');
  assert.deepEqual([side.os, side.platform], ['Windows', 'WinRT']);
  assert.equal(side.compliance, 'noncompliant');
  assert.deepEqual(side.organisationGroup, { id: '7', name: 'Floor' });
  assert.equal(side.enrolledUser?.upn, 'anna.berg');
  assert.equal(side.consoleUrl, 'https://cn1506.awmdm.com/AirWatch/#/AirWatch/Device/Details/Summary/1');
  for (const [raw, mode] of [['SingleUserLegacy', 'singleUserLegacy'], ['SingleUser', 'singleUser'], ['MultiUserCapable', 'multiUserCapable'], ['Multiuser capable', 'multiUserCapable'], ['Quantum', 'unknown']] as const)
    assert.equal(normalizeWs1(record(1, { UserMode: raw }), 'x', 'now').userMode, mode);
  const none = normalizeWs1(record(1, { UserMode: undefined }), 'x', 'now');
  assert.equal(none.userMode, 'unknown');
  assert.equal(none.userModeRaw, null);
  assert.equal(ws1ConsoleUrl('http://127.0.0.1:5000', '1'), null);
});

test('Ws1Source search: serial, user and user-directory matches, deduplicated', async () => {
  const srv = await startFakeServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/api/mdm/devices' && u.searchParams.get('id') === 'anna') return void res.writeHead(204).end();
    if (u.pathname === '/api/system/users/search') return sendJson(res, 200, { Users: [{ UserName: 'anna.berg' }], Total: 1 });
    if (u.pathname === '/api/mdm/devices/search') return sendJson(res, 200, { Devices: u.searchParams.get('user') === 'anna.berg' ? [record(1), record(2)] : [record(1)], Total: 2 });
    sendJson(res, 404, {});
  });
  try {
    const sides = await new Ws1Source(client(srv.url)).search('anna');
    assert.deepEqual(sides.map((s) => s.id), ['1', '2']);
  } finally {
    await srv.close();
  }
});
