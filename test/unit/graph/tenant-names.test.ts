// Names for GUIDs from the tenant (issue 18, point 2): three read-only Graph lists, id and displayName
// only, following nextLink; a refused scope is a note, the other lists still count; cached per tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TENANT_NAMES_TTL_MS, TenantNames } from '../../../electron/services/logs/names/tenant.ts';
import { startFakeServer } from './fake-server.ts';

test('apps, scripts and remediations named by the tenant; a missing scope is said plainly; answers are cached', async () => {
  const srv = await startFakeServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    const u = new URL(req.url, 'http://x');
    if (u.pathname === '/v1.0/deviceAppManagement/mobileApps' && !u.searchParams.has('page')) {
      assert.equal(u.searchParams.get('$select'), 'id,displayName');
      res.end(JSON.stringify({ value: [{ id: '05D1CA79-1A9F-4D94-B9A2-6E8B279C5701', displayName: 'VC++ x86' }], '@odata.nextLink': `${srv.url}/v1.0/deviceAppManagement/mobileApps?page=2` }));
    } else if (u.pathname === '/v1.0/deviceAppManagement/mobileApps') res.end(JSON.stringify({ value: [{ id: '087d41ab-40fb-43b9-9e9e-023ff4715398', displayName: 'Edge' }] }));
    else if (u.pathname === '/beta/deviceManagement/deviceManagementScripts') {
      res.statusCode = 403;
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'no' } }));
    } else if (u.pathname === '/beta/deviceManagement/deviceHealthScripts') res.end(JSON.stringify({ value: [{ id: '5e2ea864-0523-4c69-9383-a108412dd85a', displayName: 'UEFI CA check' }] }));
    else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  try {
    let now = 0;
    const names = new TenantNames(() => now);
    const graph = { scope: 'contoso', baseUrl: srv.url, getToken: async () => 'token' };
    const got = await names.names(graph);
    assert.deepEqual(got.names, [
      { id: '05d1ca79-1a9f-4d94-b9a2-6e8b279c5701', name: 'VC++ x86', source: 'tenant', kind: 'app' },
      { id: '087d41ab-40fb-43b9-9e9e-023ff4715398', name: 'Edge', source: 'tenant', kind: 'app' },
      { id: '5e2ea864-0523-4c69-9383-a108412dd85a', name: 'UEFI CA check', source: 'tenant', kind: 'remediation' },
    ]);
    assert.equal(got.notes.length, 1);
    assert.match(got.notes[0], /refused the list of platform scripts: the account needs the DeviceManagementScripts\.Read\.All/);
    assert.ok(srv.requests.every((r) => r.method === 'GET' && r.headers.authorization === 'Bearer token'));
    const calls = srv.requests.length;
    assert.deepEqual(await names.names(graph), got);
    assert.equal(srv.requests.length, calls, 'served from the cache');
    now += TENANT_NAMES_TTL_MS;
    await names.names(graph);
    assert.ok(srv.requests.length > calls, 'asked again once the cache is old');
    assert.match((await names.names(null)).notes[0], /No Intune tenant is connected/);
  } finally {
    await srv.close();
  }
});
