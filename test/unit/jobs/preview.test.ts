import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPreview } from '../../../electron/services/jobs/preview.ts';
import { parseWs1ModeActionResponse, ws1ModeActionRequest } from '../../../electron/services/jobs/ws1-action-wire.ts';
import { intuneWrite } from '../../../electron/services/jobs/intune-wire.ts';
import type { JobTarget, TargetResolution } from '../../../electron/common/jobs.ts';

const now = Date.parse('2026-11-23T12:00:00Z');
const dev = (i: number, over: Partial<JobTarget> = {}): JobTarget => ({
  key: `SN${i}`,
  name: `PC-${i}`,
  intune: { id: `i${i}`, joinType: 'entraJoined', primaryUser: { id: 'anna', upn: 'anna@contoso.com' } },
  ...over,
});

test('per row: the device, its state and the call, or why it is skipped; totals and confirmation', () => {
  const rows: TargetResolution[] = [
    { input: 'SN1', matches: [dev(1)] },
    { input: 'ghost', matches: [] },
    { input: 'PC-', matches: [dev(2), dev(3)] },
    { input: 'SN1 again', matches: [dev(1)] },
    { input: 'SN4', matches: [dev(4, { intune: { id: 'i4', joinType: 'entraRegistered', primaryUser: null } })] },
    { input: 'SN5', matches: [dev(5, { intune: { id: 'i5', primaryUser: null } })] },
  ];
  const p = buildPreview(rows, { kind: 'shared' }, { jobId: 'j', now });
  assert.deepEqual(p.rows.map((r) => r.skipReason ?? r.status), ['planned', 'notFound', 'ambiguous', 'duplicate', 'entraRegistered', 'alreadyInMode']);
  assert.equal(p.rows[0].call, "DELETE /beta/deviceManagement/managedDevices('…')/users/$ref");
  assert.deepEqual(p.rows[0].before, { primaryUser: { id: 'anna', upn: 'anna@contoso.com' } });
  assert.match(p.rows[2].note!, /2 devices match: PC-2, PC-3/);
  assert.deepEqual(p.totals, { devices: 6, toChange: 1, skipped: 5, bySkipReason: { notFound: 1, ambiguous: 1, duplicate: 1, entraRegistered: 1, alreadyInMode: 1 }, byAction: { 'intune.removePrimaryUser': 1 } });
  assert.equal(p.confirmCount, null);
  const many = buildPreview(Array.from({ length: 6 }, (_, i) => ({ input: `SN${i}`, matches: [dev(i)] })), { kind: 'shared' }, { jobId: 'j', now });
  assert.equal(many.confirmCount, 6);
});

test('sync afterwards is planned for Intune changes only', () => {
  const p = buildPreview([{ input: 'SN1', matches: [dev(1)] }], { kind: 'lastSignedIn' }, { jobId: 'j', now, syncAfter: true });
  assert.equal(p.rows[0].skipReason, 'noSuitableUser');
  const q = buildPreview([{ input: 'SN1', matches: [dev(1)] }], { kind: 'user', upn: 'ben@contoso.com' }, { jobId: 'j', now, syncAfter: true, user: { id: 'ben', upn: 'ben@contoso.com' } });
  assert.deepEqual(q.rows[0].action, { id: 'intune.assignPrimaryUser', user: { id: 'ben', upn: 'ben@contoso.com' }, syncAfter: true });
});

test('the WS1 v3 mode-change request and answer in the best-known shape (no tenant description read)', () => {
  const r = ws1ModeActionRequest('ws1.changeToMultiuser', ['a', 'b']);
  assert.equal(r.method, 'POST');
  assert.equal(r.path, '/api/mdm/devices/action');
  assert.equal(r.headers.accept, 'application/json;version=3');
  assert.deepEqual(JSON.parse(r.body), { action: 'CHANGE_TO_MULTIUSER', device_uuids: ['a', 'b'] });
  assert.throws(() => ws1ModeActionRequest('ws1.changeToMultiuser', Array.from({ length: 101 }, String)));
  assert.throws(() => ws1ModeActionRequest('intune.removePrimaryUser', ['a']));
  assert.deepEqual(parseWs1ModeActionResponse({ accepted: ['a'], rejected: [{ device_uuid: 'b', reason: 'already multiuser' }] }), {
    accepted: ['a'],
    rejected: [{ uuid: 'b', reason: 'already multiuser' }],
    shapeKnown: true,
  });
  assert.equal(parseWs1ModeActionResponse('<html>'), undefined);
  // any 2xx with the sent devices known: all accepted, never re-sent blind
  assert.deepEqual(parseWs1ModeActionResponse('', ['a', 'b']), { accepted: ['a', 'b'], rejected: [], shapeKnown: false });
});

test('the Graph primary-user writes', () => {
  assert.deepEqual(intuneWrite('intune.removePrimaryUser', 'd1', 'https://graph.microsoft.com'), { method: 'DELETE', path: "/deviceManagement/managedDevices('d1')/users/$ref" });
  const w = intuneWrite('intune.assignPrimaryUser', 'd1', 'https://graph.microsoft.com', { id: 'u1' });
  assert.equal(w.method, 'POST');
  assert.deepEqual(JSON.parse(w.body!), { '@odata.id': 'https://graph.microsoft.com/beta/users/u1' });
});
