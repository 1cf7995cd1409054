// The support trace keeps method, path without query values, status, duration and request id of the last
// 500 calls, and nothing that identifies a user or grants access.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiTrace, tracePath, traceRequestId } from '../../../electron/services/net/api-trace.ts';

test('paths lose query values and user-like segments', () => {
  assert.equal(tracePath('https://as1.awmdm.com/api/mdm/devices/search?user=anna.berg&page=0&pagesize=500'), '/api/mdm/devices/search?user=&page=&pagesize=');
  assert.equal(tracePath("https://graph.microsoft.com/v1.0/users/anna%40contoso.com/ownedDevices?$filter=startswith(deviceName,'LAB')"), '/v1.0/users/{user}/ownedDevices?%24filter=');
  assert.equal(tracePath('https://h/api/x/CONTOSO%5Canna/y'), '/api/x/{user}/y');
  assert.equal(tracePath("https://graph.microsoft.com/beta/deviceManagement/managedDevices('d1')/users"), '/beta/deviceManagement/{value}/users', 'quoted key values are dropped too');
  assert.equal(tracePath('not a url'), '(unreadable URL)');
});

test('request ids are kept only when id-shaped', () => {
  assert.equal(traceRequestId(new Headers({ 'request-id': '0f8fad5b-d9cb-469f-a165-70867728950e' })), '0f8fad5b-d9cb-469f-a165-70867728950e');
  assert.equal(traceRequestId(new Headers({ 'request-id': 'Bearer eyJ0eXAi.secret.value' })), null);
  assert.equal(traceRequestId(null), null);
});

test('the last 500 calls, oldest first, as text with a header and no tokens', () => {
  const t = new ApiTrace();
  for (let i = 0; i < 520; i++) t.record({ service: 'Intune', method: 'get', url: `https://graph.microsoft.com/v1.0/deviceManagement/managedDevices?$top=${i}&access_token=tok-${i}`, status: 200, startedMs: 1_000 + i, endedMs: 1_010 + i });
  t.record({ service: 'Workspace ONE', method: 'POST', url: 'https://as1.awmdm.com/api/mdm/devices/action', status: null, startedMs: 5_000, endedMs: 5_250 });
  const entries = t.entries();
  assert.equal(entries.length, 500);
  assert.equal(entries[0].at, new Date(1_021).toISOString());
  assert.deepEqual(entries.at(-1), { at: new Date(5_000).toISOString(), service: 'Workspace ONE', method: 'POST', path: '/api/mdm/devices/action', status: null, durationMs: 250, requestId: null });
  const text = t.text();
  assert.equal(text.split('\n').length, 502);
  assert.doesNotMatch(text, /tok-\d/);
  assert.match(text.split('\n')[2], /\tIntune\tGET\t\/v1\.0\/deviceManagement\/managedDevices\?%24top=&access_token=\t200\t10 ms\t-$/);
});
