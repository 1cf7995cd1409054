// Nested v2/v3 device records as published (shape of the Workspace ONE UEM integration's test data in
// demisto/content, device_get_resp.json): read without a user-mode field, which then stays unknown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalizeWs1, ws1OrganizationGroupUuid, ws1PendingModeAction, ws1UserModeRaw } from '../../../electron/services/ws1/normalize.ts';

const published = JSON.parse(readFileSync(new URL('../../fixtures/ws1/device-v2-published.json', import.meta.url), 'utf8')) as Record<string, unknown>;

test('a published nested v2 record fills the card; the user mode is unknown on such a tenant', () => {
  const s = normalizeWs1(published, 'https://as1687.awmdm.com', '2026-12-01T00:00:00.000Z');
  assert.equal(s.id, '12345678-1234-1234-1234-123456789ABC', 'v2 carries only the UUID');
  assert.equal(s.serial, 'ABCD123');
  assert.equal(s.name, 'user123-laptop2 Inspiron 15');
  assert.equal(s.os, 'Windows');
  assert.equal(s.osVersion, '10.0.19042');
  assert.equal(s.model, 'Inspiron 15 7000 Gaming');
  assert.equal(s.ownership, 'personal');
  assert.equal(s.compliance, 'noncompliant');
  assert.equal(s.enrollmentStatus, 'ENROLLED');
  assert.deepEqual(s.enrolledUser, { id: 'dummy-uuid', upn: 'user123-laptop2', displayName: 'dummy-email' });
  assert.deepEqual(s.organisationGroup, { id: '4f3c2b1a-0000-4000-8000-00000000000a', name: 'M12345678' });
  assert.equal(s.lastCheckIn, '2021-07-07T10:06:04.433Z');
  assert.equal(s.userMode, 'unknown');
  assert.equal(s.userModeRaw, null);
  assert.equal(s.consoleUrl, null, 'no numeric id, no console link');
  assert.equal(ws1OrganizationGroupUuid(published), '4f3c2b1a-0000-4000-8000-00000000000a');
});

test('the user mode at the path the description names, or a nested …UserMode property; pending apart', () => {
  const rec = { ...published, windowsInfo: { windowsUserMode: 'MULTI_USER_CAPABLE', pendingUserModeAction: 'CHANGE_TO_MULTIUSER' } };
  assert.equal(normalizeWs1(rec, '', 'x').userMode, 'multiUserCapable');
  assert.equal(ws1UserModeRaw({ a: { modeOfUser: 'SingleUser' } }, 'a.modeOfUser'), 'SingleUser');
  assert.equal(ws1PendingModeAction(rec), 'CHANGE_TO_MULTIUSER');
  assert.equal(ws1PendingModeAction(published), null);
  // v1 flat records keep working
  assert.equal(normalizeWs1({ Id: { Value: 7 }, WindowsUserMode: 'SingleUserLegacy', LocationGroupId: { Id: { Value: 5 }, Uuid: 'og' } }, 'https://as1.awmdm.com', 'x').userMode, 'singleUserLegacy');
});
