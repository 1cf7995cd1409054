import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intuneSideSchema } from '../../../electron/common/device.ts';
import { GraphClient } from '../../../electron/services/graph/client.ts';
import { normalizeIntune } from '../../../electron/services/graph/normalize.ts';
import { IntuneSource } from '../../../electron/services/graph/source.ts';
import { sendJson, startFakeServer } from './fake-server.ts';

const base = {
  id: 'd1',
  deviceName: 'LAB-DEM-001',
  serialNumber: 'SER1',
  userPrincipalName: 'dem.lab01@contoso.com',
  userId: 'dem',
  deviceEnrollmentType: 'deviceEnrollmentManager',
  managedDeviceOwnerType: 'company',
  complianceState: 'noncompliant',
  lastSyncDateTime: '2026-11-20T10:00:00Z',
};

test('normalises enums, keeps raw values, never crashes on unknown ones', () => {
  const side = normalizeIntune({
    device: { ...base, deviceEnrollmentType: 'windowsFutureEnrollment', managedDeviceOwnerType: 'martian', complianceState: 'conflict' },
    details: { joinType: 'somethingNew' },
    portal: null,
    fetchedAt: '2026-11-21T00:00:00Z',
  });
  assert.equal(side.enrollmentType, 'other');
  assert.equal(side.enrollmentTypeRaw, 'windowsFutureEnrollment');
  assert.equal(side.joinType, 'other');
  assert.equal(side.ownership, 'unknown');
  assert.equal(side.compliance, 'unknown');
  assert.equal(side.complianceRaw, 'conflict');
  intuneSideSchema.parse(side);
});

test('details, primary user from /users and logged-on user names', () => {
  const side = normalizeIntune({
    device: base,
    details: {
      enrolledByUserPrincipalName: 'dem.lab01@contoso.com',
      joinType: 'azureADJoined',
      usersLoggedOn: [
        { userId: 'u1', lastLogOnDateTime: '2026-11-18T08:00:00Z' },
        { userId: 'u2', lastLogOnDateTime: '2026-11-20T08:00:00Z' },
      ],
    },
    primaryUsers: [],
    userNames: new Map([['u2', { id: 'u2', userPrincipalName: 'ben@contoso.com', displayName: 'Ben' }]]),
    portal: 'https://intune.microsoft.com',
    fetchedAt: '2026-11-21T00:00:00Z',
  });
  assert.equal(side.enrollmentType, 'dem');
  assert.equal(side.joinType, 'entraJoined');
  assert.equal(side.primaryUser, null, 'an empty /users list means a shared device');
  assert.equal(side.enrolledBy, 'dem.lab01@contoso.com');
  assert.deepEqual(side.loggedOnUsers.map((u) => [u.id, u.upn]), [['u2', 'ben@contoso.com'], ['u1', null]]);
  assert.equal(side.detailsLoaded, true);
  assert.match(side.portalUrl ?? '', /mdmDeviceId\/d1$/);
  const lean = normalizeIntune({ device: base, portal: null, fetchedAt: 'x' });
  assert.equal(lean.primaryUser?.upn, 'dem.lab01@contoso.com');
  assert.equal(lean.detailsLoaded, false);
});

test('IntuneSource: name, serial, user and reverse lookup in one search; completes candidates in batches', async () => {
  const srv = await startFakeServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/v1.0/deviceManagement/managedDevices') {
      const f = url.searchParams.get('$filter') ?? '';
      // Graph's lax startswith also answers contains matches (LAB-BEN-3): the source drops them.
      const lax = [{ ...base, id: 'd1', deviceName: 'BENCH-01' }, { ...base, id: 'd3', deviceName: 'LAB-BEN-3' }];
      return sendJson(res, 200, { value: f.startsWith('startswith(deviceName') ? lax : [] });
    }
    if (url.pathname === '/v1.0/users') return sendJson(res, 200, { value: [{ id: 'u2', userPrincipalName: 'ben@contoso.com', displayName: 'Ben' }] });
    if (url.pathname === '/beta/users/u2/getLoggedOnManagedDevices') return sendJson(res, 200, { value: [{ ...base, id: 'd2', deviceName: 'PC-9' }] });
    if (url.pathname === '/beta/$batch') {
      const { requests } = JSON.parse(req.body) as { requests: { id: string }[] };
      return sendJson(res, 200, {
        responses: requests.map((r) =>
          r.id.startsWith('u:') ? { id: r.id, status: 200, body: { value: [] } } : { id: r.id, status: 200, body: { usersLoggedOn: [{ userId: 'u2', lastLogOnDateTime: '2026-11-20T08:00:00Z' }] } },
        ),
      });
    }
    sendJson(res, 404, {});
  });
  try {
    const src = new IntuneSource(new GraphClient({ baseUrl: srv.url, getToken: async () => 't' }), { portal: null });
    const sides = await src.search('ben');
    assert.deepEqual(sides.map((s) => s.id).sort(), ['d1', 'd2']);
    assert.equal(sides[0].loggedOnUsers[0].upn, 'ben@contoso.com', 'the matched user is known without another call');
    const filters = srv.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('$filter')).filter(Boolean);
    assert.ok(filters.includes("startswith(deviceName,'ben')"));
    assert.ok(filters.includes("serialNumber eq 'ben'"));
    assert.ok(filters.includes("deviceName eq 'ben'"), 'the exact name is asked for with eq');
    assert.ok(filters.includes("startswith(userPrincipalName,'ben')"));
    assert.equal(srv.requests.filter((r) => r.url === '/beta/$batch').length, 1, 'no user-name batch needed');
  } finally {
    await srv.close();
  }
});

test('OData strings are quoted safely', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 200, { value: [] }));
  try {
    await new GraphClient({ baseUrl: srv.url, getToken: async () => 't' }).searchUsers("o'brien");
    const f = new URL(srv.requests[0].url, 'http://x').searchParams.get('$filter');
    assert.equal(f, "startswith(userPrincipalName,'o''brien') or startswith(displayName,'o''brien')");
  } finally {
    await srv.close();
  }
});

test('IntuneSource: details go to the best candidates first; a capped lax name filter is asked once, then the whole list is paged to the end', async () => {
  // Shaped like Graph: the lax startswith stops at 1,000 rows with no next link; the plain LIST pages through a
  // finite tenant (3 pages of 1,000). Every prefix match comes back (true total), only `detailLimit` get details.
  const pageOf = (page: number) => Array.from({ length: 1000 }, (_, k) => (page === 0 && k === 500 ? { ...base, id: 'exact', deviceName: 'pc' } : { ...base, id: `n${page}-${k}`, deviceName: `PC-${page}-${k}` }));
  const srv = await startFakeServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const f = url.searchParams.get('$filter') ?? '';
    if (url.pathname === '/v1.0/deviceManagement/managedDevices') {
      if (f.startsWith('startswith(deviceName')) return sendJson(res, 200, { value: pageOf(0) });
      if (f === "deviceName eq 'pc'") return sendJson(res, 200, { value: [{ ...base, id: 'exact', deviceName: 'pc' }] });
      if (f.startsWith('serialNumber')) return sendJson(res, 200, { value: [{ ...base, id: 'serial' }] });
      if (f) return sendJson(res, 200, { value: [] });
      const page = Number(url.searchParams.get('page') ?? 0);
      const next = page < 2 ? { '@odata.nextLink': `${srv.url}/v1.0/deviceManagement/managedDevices?page=${page + 1}` } : {};
      return sendJson(res, 200, { value: pageOf(page), ...next });
    }
    if (url.pathname === '/v1.0/users') return sendJson(res, 200, { value: [{ id: 'u9', userPrincipalName: 'pc.user@contoso.com', displayName: 'PC User' }] });
    if (url.pathname === '/beta/users/u9/getLoggedOnManagedDevices') return sendJson(res, 200, { value: [{ ...base, id: 'signed-in' }] });
    if (url.pathname === '/beta/$batch') {
      const { requests } = JSON.parse(req.body) as { requests: { id: string }[] };
      return sendJson(res, 200, { responses: requests.map((r) => ({ id: r.id, status: 200, body: r.id.startsWith('u:') ? { value: [] } : {} })) });
    }
    sendJson(res, 404, {});
  });
  try {
    const src = new IntuneSource(new GraphClient({ baseUrl: srv.url, getToken: async () => 't' }), { portal: null, detailLimit: 4 });
    const sides = await src.search('pc');
    assert.deepEqual(sides.slice(0, 4).map((x) => x.id), ['serial', 'exact', 'signed-in', 'n0-0']);
    assert.equal(sides.length, 2 + 3000, 'serial + signed-in + every name that starts with pc');
    assert.deepEqual(sides.map((x) => x.detailsLoaded).lastIndexOf(true), 3, 'details for the best four only');
    const decoded = srv.requests.map((r) => decodeURIComponent(r.url));
    assert.equal(decoded.filter((u) => u.includes('startswith(deviceName')).length, 1, 'the lax filter once, bounded at its cap');
    assert.equal(decoded.filter((u) => u.startsWith('/v1.0/deviceManagement/managedDevices') && !u.includes('$filter')).length, 3, 'the whole list once, to its end');
  } finally {
    await srv.close();
  }
});

test('GraphClient: a next link that points back at a page already read stops the list instead of looping', async () => {
  const srv = await startFakeServer((req, res) => sendJson(res, 200, { value: [base], '@odata.nextLink': `${srv.url}${req.url}` }));
  try {
    const client = new GraphClient({ baseUrl: srv.url, getToken: async () => 't' });
    await assert.rejects(client.listDevices(undefined), (e: Error & { code?: string }) => e.code === 'unavailable');
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});
