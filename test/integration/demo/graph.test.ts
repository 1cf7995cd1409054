// The Graph simulator on real HTTP: paging, $select, $filter, users, primary user, $batch, remote
// actions, Collect diagnostics and the Intune limits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yauzl from 'yauzl';
import { scenarioExamples, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { graph, graphErrorCode, tenant } from './support.ts';

let t: DemoTenant;
let g: ReturnType<typeof graph>;

before(async () => {
  ({ t } = await tenant());
  g = graph(t);
});
after(() => t.stop());

const demSerial = scenarioExamples['dem-primary-user'].serialNumber;
const byName = (name: string) => t.data.intuneDevices.find((d) => d.deviceName === name)!;

describe('auth', () => {
  test('no token and a wrong token answer 401 in the Graph error shape', async () => {
    const none = await fetch(`${t.graphUrl}/v1.0/deviceManagement/managedDevices`);
    assert.equal(none.status, 401);
    const wrong = await g.get('/v1.0/deviceManagement/managedDevices', { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    assert.equal(graphErrorCode(wrong), 'InvalidAuthenticationToken');
  });
});

describe('managedDevices LIST', () => {
  test('pages of 1,000 linked by @odata.nextLink cover every device once', async () => {
    const first = await g.get('/v1.0/deviceManagement/managedDevices');
    assert.equal(first.json.value.length, 1000);
    assert.match(first.json['@odata.nextLink'], /^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/deviceManagement\/managedDevices\?\$skiptoken=/);
    const { rows, pages } = await g.all('/v1.0/deviceManagement/managedDevices?$select=id');
    assert.equal(rows.length, t.data.intuneDevices.length);
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
    assert.equal(pages, Math.ceil(rows.length / 1000));
  });

  test('$top sets the page size and the link keeps $select and $filter', async () => {
    const a = await g.get("/beta/deviceManagement/managedDevices?$top=7&$select=id,deviceName&$filter=startswith(deviceName,'KIOSK-AP')");
    assert.equal(a.json.value.length, 7);
    const { rows } = await g.all("/beta/deviceManagement/managedDevices?$top=7&$select=id,deviceName&$filter=startswith(deviceName,'KIOSK-AP')");
    assert.equal(rows.length, 60);
    assert.deepEqual(Object.keys(rows[59]), ['id', 'deviceName']);
  });

  test('$select returns only the named properties; unknown or beta-only-on-v1.0 names are 400', async () => {
    const a = await g.get('/v1.0/deviceManagement/managedDevices?$top=1&$select=id,serialNumber');
    assert.deepEqual(Object.keys(a.json.value[0]), ['id', 'serialNumber']);
    const bad = await g.get('/v1.0/deviceManagement/managedDevices?$select=id,nope');
    assert.equal(bad.status, 400);
    assert.equal(graphErrorCode(bad), 'BadRequest');
    assert.equal((await g.get('/v1.0/deviceManagement/managedDevices?$select=joinType')).status, 400);
    assert.equal((await g.get('/beta/deviceManagement/managedDevices?$top=1&$select=joinType')).status, 200);
  });

  test('LIST leaves the detail properties empty; a single GET fills them', async () => {
    const d = byName('LAB-DEM-001');
    const list = await g.get(`/beta/deviceManagement/managedDevices?$filter=serialNumber eq '${d.serialNumber}'`);
    const row = list.json.value[0];
    assert.equal(row.id, d.id);
    assert.deepEqual([row.usersLoggedOn, row.enrolledByUserPrincipalName, row.joinType, row.enrollmentProfileName, row.hardwareInformation], [[], null, null, null, null]);
    const one = await g.get(`/beta/deviceManagement/managedDevices/${d.id}?$select=id,usersLoggedOn,enrolledByUserPrincipalName,joinType,hardwareInformation`);
    assert.equal(one.json.joinType, 'azureADJoined');
    assert.equal(one.json.enrolledByUserPrincipalName, 'dem.lab01@contoso.com');
    assert.ok(one.json.usersLoggedOn.length >= 2);
    assert.equal(one.json.hardwareInformation.serialNumber, d.serialNumber);
    assert.equal((await g.get('/beta/deviceManagement/managedDevices/00000000-0000-0000-0000-000000000000')).status, 404);
  });

  test('$filter forms the clients use return exactly the matching rows', async () => {
    const cases: [string, (d: (typeof t.data.intuneDevices)[number]) => boolean][] = [
      ["startswith(deviceName,'hq-hy')", (d) => d.deviceName.toLowerCase().startsWith('hq-hy')],
      ["contains(deviceName,'SHARED')", (d) => d.deviceName.includes('SHARED')],
      [`serialNumber eq '${demSerial}'`, (d) => d.serialNumber === demSerial],
      ["userPrincipalName eq 'remote.assist@contoso.com'", (d) => d.userPrincipalName === 'remote.assist@contoso.com'],
      ["operatingSystem eq 'Windows' and startswith(deviceName,'CM-CO')", (d) => d.operatingSystem === 'Windows' && d.deviceName.startsWith('CM-CO')],
      ["operatingSystem eq 'iPadOS' or deviceEnrollmentType eq 'windowsCoManagement'", (d) => d.operatingSystem === 'iPadOS' || d.deviceEnrollmentType === 'windowsCoManagement'],
      ['lastSyncDateTime lt 2026-10-01T00:00:00Z', (d) => Date.parse(d.lastSyncDateTime) < Date.parse('2026-10-01T00:00:00Z')],
    ];
    for (const [filter, want] of cases) {
      const { rows } = await g.all(`/v1.0/deviceManagement/managedDevices?$select=id&$filter=${encodeURIComponent(filter)}`);
      const expected = t.data.intuneDevices.filter(want).map((d) => d.id);
      assert.ok(expected.length > 0, filter);
      assert.deepEqual(rows.map((r) => r.id), expected, filter);
    }
    const bad = await g.get(`/v1.0/deviceManagement/managedDevices?$filter=${encodeURIComponent("nope eq 'x'")}`);
    assert.equal(bad.status, 400);
    assert.equal(graphErrorCode(bad), 'BadRequest');
  });
  test('$orderby sorts on one property; $search is refused, not ignored', async () => {
    const { rows } = await g.all("/v1.0/deviceManagement/managedDevices?$select=deviceName&$filter=startswith(deviceName,'PC-')&$orderby=deviceName%20desc");
    const names = rows.map((r) => String(r.deviceName));
    assert.ok(names.length > 80);
    assert.deepEqual(names, [...names].sort().reverse());
    const users = await g.get('/v1.0/users?$orderby=displayName&$top=5&$select=displayName');
    const shown = users.json.value.map((u: { displayName: string }) => u.displayName.toLowerCase());
    assert.deepEqual(shown, [...shown].sort());
    assert.equal((await g.get('/v1.0/users?$orderby=nope')).status, 400);
    const search = await g.get('/v1.0/users?$search=%22displayName:anna%22', { consistencylevel: 'eventual' });
    assert.equal(search.status, 400);
    assert.equal(graphErrorCode(search), 'BadRequest');
  });
});

describe('users', () => {
  test('by id, by UPN, by $filter, and logged-on devices', async () => {
    const shared = t.data.accounts.sharedAccount;
    assert.equal((await g.get(`/v1.0/users/${shared.id}`)).json.userPrincipalName, shared.userPrincipalName);
    assert.equal((await g.get(`/v1.0/users/${shared.userPrincipalName}?$select=id`)).json.id, shared.id);
    assert.equal((await g.get('/v1.0/users/nobody@contoso.com')).status, 404);
    const f = await g.get(`/v1.0/users?$filter=${encodeURIComponent("startswith(userPrincipalName,'remote.') or startswith(displayName,'Remote')")}&$select=id,displayName`);
    assert.deepEqual(f.json.value, [{ id: shared.id, displayName: shared.displayName }]);
    const eq = await g.get(`/v1.0/users?$filter=${encodeURIComponent("userPrincipalName eq 'DEM.LAB01@contoso.com'")}`);
    assert.equal(eq.json.value[0].id, t.data.accounts.demLab.id);
    const devices = await g.get(`/beta/users/${shared.id}/getLoggedOnManagedDevices?$select=id,deviceName`);
    assert.equal(devices.json.value.length, 36);
    assert.ok(devices.json.value.every((d: { deviceName: string }) => d.deviceName.startsWith('RA-SHARED-')));
  });
});

describe('primary user', () => {
  test('GET users, DELETE and POST users/$ref', async () => {
    const d = byName('PC-UD-002');
    const person = t.data.usersById.get(d.userId)!;
    assert.deepEqual((await g.get(`/beta/deviceManagement/managedDevices/${d.id}/users`)).json.value.map((u: { id: string }) => u.id), [person.id]);
    assert.equal((await g.send('DELETE', `/beta/deviceManagement/managedDevices('${d.id}')/users/$ref`)).status, 204);
    assert.deepEqual((await g.get(`/beta/deviceManagement/managedDevices/${d.id}/users`)).json.value, []);
    assert.equal((await g.get(`/beta/deviceManagement/managedDevices/${d.id}?$select=userPrincipalName`)).json.userPrincipalName, '');
    const other = t.data.accounts.helpdesk;
    const set = await g.send('POST', `/beta/deviceManagement/managedDevices('${d.id}')/users/$ref`, { '@odata.id': `https://graph.microsoft.com/beta/users/${other.id}` });
    assert.equal(set.status, 204);
    assert.equal((await g.get(`/beta/deviceManagement/managedDevices/${d.id}`)).json.userPrincipalName, other.userPrincipalName);
    assert.equal(t.counters.actionCalls('setPrimaryUser', d.id), 1);
    assert.equal(t.counters.actionCalls('removePrimaryUser', d.id), 1);
  });

  test('refused on Entra registered devices and for unknown users', async () => {
    const reg = byName('BYOD-REG-001');
    const a = await g.send('POST', `/beta/deviceManagement/managedDevices('${reg.id}')/users/$ref`, { '@odata.id': `https://graph.microsoft.com/beta/users/${t.data.accounts.helpdesk.id}` });
    assert.equal(a.status, 400);
    assert.match(a.json.error.message, /joined/);
    const b = await g.send('POST', `/beta/deviceManagement/managedDevices('${byName('PC-UD-003').id}')/users/$ref`, { '@odata.id': 'https://graph.microsoft.com/beta/users/nope' });
    assert.equal(b.status, 404);
  });
});

describe('remote actions and $batch', () => {
  test('syncDevice, rebootNow and windowsDefenderScan answer 204 and are counted per device', async () => {
    const d = byName('KIOSK-AP-002');
    for (const action of ['syncDevice', 'rebootNow', 'windowsDefenderScan']) {
      const a = await g.send('POST', `/beta/deviceManagement/managedDevices/${d.id}/${action}`, action === 'windowsDefenderScan' ? { quickScan: true } : undefined);
      assert.equal(a.status, 204, action);
      assert.equal(t.counters.actionCalls(action, d.id), 1);
    }
  });

  test('$batch answers each request by id with status, headers and body; more than 20 is 400', async () => {
    const ids = t.data.intuneDevices.slice(0, 19).map((d) => d.id);
    const requests = [
      ...ids.map((id, i) => ({ id: `d${i}`, method: 'GET', url: `/deviceManagement/managedDevices/${id}?$select=id,joinType` })),
      { id: 'missing', method: 'GET', url: '/deviceManagement/managedDevices/nope' },
    ];
    const a = await g.send('POST', '/beta/$batch', { requests });
    assert.equal(a.status, 200);
    const byId = new Map<string, { status: number; headers: Record<string, string>; body: { id: string; joinType: string } }>(a.json.responses.map((r: { id: string }) => [r.id, r]));
    assert.equal(byId.size, 20);
    assert.equal(byId.get('d3')!.status, 200);
    assert.equal(byId.get('d3')!.body.id, ids[3]);
    assert.ok(byId.get('d3')!.body.joinType);
    assert.equal(byId.get('missing')!.status, 404);
    assert.equal(byId.get('missing')!.headers['Content-Type'], 'application/json; charset=utf-8');
    const tooMany = await g.send('POST', '/beta/$batch', { requests: [...requests, { id: 'x', method: 'GET', url: '/users' }] });
    assert.equal(tooMany.status, 400);
    assert.equal(graphErrorCode(tooMany), 'BadRequest');
  });
});

describe('Collect diagnostics', () => {
  test('request, pending until uploaded, download URL serves the zip from the simulator', async () => {
    const slow = await tenant({ logCollectionDelayMs: 60_000 });
    try {
      const sg = graph(slow.t);
      const d = slow.t.data.intuneDevices.find((x) => x.deviceName === 'LAB-DEM-001')!;
      const base = `/beta/deviceManagement/managedDevices/${d.id}`;
      const earlier = await sg.get(`${base}/logCollectionRequests`);
      assert.equal(earlier.json.value.length, 1, 'each Windows device starts with one earlier collection');
      assert.equal(earlier.json.value[0].status, 'completed');
      const created = await sg.send('POST', `${base}/createDeviceLogCollectionRequest`, { templateType: { '@odata.type': 'microsoft.graph.deviceLogCollectionRequest', templateType: 'predefined' } });
      assert.equal(created.status, 200, "Microsoft's example answers 200");
      assert.equal(created.json.value.status, 'pending', 'the entity in value, as in the example');
      const id = created.json.value.id as string;
      assert.equal((await sg.send('POST', `${base}/logCollectionRequests/${id}/createDownloadUrl`)).status, 400);
      slow.clock.advance(60_000);
      const list = await sg.get(`${base}/logCollectionRequests`);
      assert.equal(list.json.value.find((r: { id: string }) => r.id === id).status, 'completed');
      const url = await sg.send('POST', `${base}/logCollectionRequests/${id}/createDownloadUrl`);
      assert.equal(url.status, 200);
      assert.ok(url.json.value.startsWith(slow.t.graphUrl));
      assert.equal((await fetch(url.json.value, { headers: { authorization: `Bearer ${slow.t.graphToken}` } })).status, 400, 'a pre-signed URL refuses a bearer token');
      const zip = await fetch(url.json.value); // pre-signed: no bearer
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      const names = await zipNames(Buffer.from(await zip.arrayBuffer()));
      assert.ok(names.some((n) => /^\(\d+\) [^/]+\/AppWorkload\.log$/.test(n)), names.join());
      for (let i = 2; i < 10; i++) assert.equal((await sg.send('POST', `${base}/createDeviceLogCollectionRequest`)).status, 200);
      assert.equal((await sg.send('POST', `${base}/createDeviceLogCollectionRequest`)).status, 400, 'at most 10 per device');
    } finally {
      await slow.t.stop();
    }
  });
});

describe('Intune limits', () => {
  test('writes past 200 per 20 s answer 429 with Retry-After, every 4th without; the window frees up', async () => {
    const lim = await tenant();
    try {
      const lg = graph(lim.t);
      const id = lim.t.data.intuneDevices[0].id;
      for (let i = 0; i < 200; i++) assert.equal((await lg.send('POST', `/beta/deviceManagement/managedDevices/${id}/syncDevice`)).status, 204);
      const retryAfter: (string | null)[] = [];
      for (let i = 0; i < 4; i++) {
        const a = await lg.send('POST', `/beta/deviceManagement/managedDevices/${id}/syncDevice`);
        assert.equal(a.status, 429);
        assert.equal(graphErrorCode(a), 'TooManyRequests');
        retryAfter.push(a.headers.get('retry-after'));
      }
      assert.deepEqual(retryAfter, ['20', '20', '20', null]);
      assert.equal(lim.t.counters.throttled.graph, 4);
      assert.equal((await lg.get(`/beta/deviceManagement/managedDevices/${id}`)).status, 200, 'reads still pass');
      lim.clock.advance(20_000);
      assert.equal((await lg.send('POST', `/beta/deviceManagement/managedDevices/${id}/syncDevice`)).status, 204);
      assert.equal(lim.t.counters.actionCalls('syncDevice', id), 201);
    } finally {
      await lim.t.stop();
    }
  });

  test('requests past the per-app limit answer 429, also inside $batch', async () => {
    const lim = await tenant({ limits: { graphRequests: { max: 30, windowMs: 20_000 } } });
    try {
      const lg = graph(lim.t);
      for (let i = 0; i < 25; i++) assert.equal((await lg.get('/v1.0/users?$top=1')).status, 200);
      const requests = Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' }));
      const b = await lg.send('POST', '/beta/$batch', { requests });
      const statuses = b.json.responses.map((r: { status: number }) => r.status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
      assert.ok(b.json.responses[5].headers['Retry-After']);
      lim.clock.advance(5_000);
      assert.equal((await lg.get('/v1.0/users?$top=1')).status, 429);
      lim.clock.advance(15_000);
      assert.equal((await lg.get('/v1.0/users?$top=1')).status, 200);
    } finally {
      await lim.t.stop();
    }
  });
});

function zipNames(buf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
