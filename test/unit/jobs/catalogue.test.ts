import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, chooseUser, decide, intuneIneligibility } from '../../../electron/services/jobs/catalogue.ts';
import type { JobTarget, Ws1UserMode } from '../../../electron/common/jobs.ts';

const now = Date.parse('2026-11-23T12:00:00Z');
const ws1 = (userMode: Ws1UserMode): JobTarget => ({ key: 'k', name: 'PC', ws1: { uuid: 'u', userMode } });
const intune = (over: Partial<NonNullable<JobTarget['intune']>> = {}): JobTarget => ({
  key: 'k',
  name: 'PC',
  intune: { id: 'i', joinType: 'entraJoined', operatingSystem: 'Windows', primaryUser: { id: 'anna', upn: 'anna@contoso.com' }, ...over },
});

test('only the WS1 transitions valid for the current mode are offered', () => {
  assert.deepEqual(actionsFor(ws1('singleUserLegacy')), ['ws1.migrateToMultiuser']);
  assert.deepEqual(actionsFor(ws1('singleUser')), ['ws1.changeToMultiuser']);
  assert.deepEqual(actionsFor(ws1('multiUserCapable')), ['ws1.changeToMultiuser']);
  assert.deepEqual(actionsFor(ws1('multiUser')), ['ws1.changeToSingleuser']);
  // user mode unknown on this tenant: every change stays possible (the preview warns)
  assert.deepEqual(actionsFor(ws1('unknown')), ['ws1.changeToMultiuser', 'ws1.migrateToMultiuser', 'ws1.changeToSingleuser']);
  assert.deepEqual(actionsFor(intune()), ['intune.removePrimaryUser', 'intune.assignPrimaryUser']);
  assert.deepEqual(actionsFor(intune({ primaryUser: null })), ['intune.assignPrimaryUser']);
  assert.deepEqual(actionsFor(intune({ joinType: 'Microsoft Entra registered' })), []);
});

test('goals map to one action per device or a reason to skip', () => {
  assert.deepEqual(decide(ws1('singleUserLegacy'), { kind: 'multiuser' }, { now }), { ok: true, action: 'ws1.migrateToMultiuser', expected: { ws1UserMode: 'multiUser' } });
  assert.equal((decide(ws1('singleUser'), { kind: 'migrate' }, { now }) as { reason: string }).reason, 'alreadyInMode');
  assert.equal((decide(ws1('multiUser'), { kind: 'multiuser' }, { now }) as { reason: string }).reason, 'alreadyInMode');
  const blind = decide(ws1('unknown'), { kind: 'singleuser' }, { now }) as { ok: true; action: string; note: string };
  assert.equal(blind.action, 'ws1.changeToSingleuser');
  assert.match(blind.note, /^Warning: user mode unknown on this tenant/);
  assert.equal((decide(intune(), { kind: 'multiuser' }, { now }) as { reason: string }).reason, 'notOnPlatform');
  assert.equal((decide(ws1('multiUser'), { kind: 'shared' }, { now }) as { reason: string }).reason, 'notOnPlatform');
  assert.equal((decide(intune({ primaryUser: null }), { kind: 'shared' }, { now }) as { reason: string }).reason, 'alreadyInMode');
  const assign = decide(intune(), { kind: 'user', upn: 'ben@contoso.com' }, { now, user: { id: 'ben', upn: 'ben@contoso.com' } });
  assert.deepEqual(assign, { ok: true, action: 'intune.assignPrimaryUser', user: { id: 'ben', upn: 'ben@contoso.com' }, expected: { primaryUser: { id: 'ben', upn: 'ben@contoso.com' } } });
  assert.equal((decide(intune(), { kind: 'user', upn: 'x@contoso.com' }, { now, user: null }) as { reason: string }).reason, 'noSuitableUser');
  assert.equal((decide(intune(), { kind: 'user', upn: 'anna@contoso.com' }, { now, user: { id: 'anna' } }) as { reason: string }).reason, 'alreadyInMode');
});

test('Entra registered, Apple user enrollment and non-Windows devices get no primary-user change', () => {
  assert.equal(intuneIneligibility(intune({ joinType: 'entraRegistered' })), 'entraRegistered');
  assert.equal(intuneIneligibility(intune({ joinType: 'azureADRegistered' })), 'entraRegistered');
  assert.equal(intuneIneligibility(intune({ enrollmentType: 'appleUserEnrollmentWithServiceAccount', operatingSystem: 'iPadOS', joinType: undefined })), 'appleUserEnrollment');
  assert.equal(intuneIneligibility(intune({ operatingSystem: 'macOS' })), 'notWindows');
  assert.equal(intuneIneligibility(intune({ joinType: 'hybridAzureADJoined' })), undefined);
  const r = decide(intune({ joinType: 'entraRegistered' }), { kind: 'shared' }, { now });
  assert.deepEqual(r, { ok: false, reason: 'entraRegistered', note: 'Entra registered devices do not support a primary-user change.' });
});

test('last signed-in and most frequent user of the last N days', () => {
  const day = 86_400_000;
  const at = (d: number) => new Date(now - d * day).toISOString();
  const t = intune({
    primaryUser: null,
    signIns: [
      { id: 'old', upn: 'old@c.com', at: at(40) },
      { id: 'old', upn: 'old@c.com', at: at(41) },
      { id: 'old', upn: 'old@c.com', at: at(42) },
      { id: 'ben', upn: 'ben@c.com', at: at(3) },
      { id: 'ben', upn: 'ben@c.com', at: at(5) },
      { id: 'cara', upn: 'cara@c.com', at: at(1) },
      { id: 'cara', upn: 'cara@c.com', at: at(6) },
      { id: 'dan', upn: 'dan@c.com', at: at(0.5) },
    ],
  });
  assert.deepEqual(chooseUser(t, { kind: 'lastSignedIn' }, now), { id: 'dan', upn: 'dan@c.com' });
  // ben and cara tie at 2: the more recent one (cara) wins; old is outside the 30 days
  assert.deepEqual(chooseUser(t, { kind: 'mostFrequent', days: 30 }, now), { id: 'cara', upn: 'cara@c.com' });
  assert.deepEqual(chooseUser(t, { kind: 'mostFrequent', days: 60 }, now), { id: 'old', upn: 'old@c.com' });
  assert.equal(chooseUser(intune({ signIns: [] }), { kind: 'lastSignedIn' }, now), undefined);
  assert.equal((decide(intune({ signIns: [] }), { kind: 'mostFrequent', days: 7 }, { now }) as { note: string }).note, 'Nobody signed in during the last 7 days.');
});

test('one-click fixes map to goals', async () => {
  const { goalForAction } = await import('../../../electron/services/jobs/catalogue.ts');
  assert.deepEqual(goalForAction('ws1.migrateToMultiuser'), { kind: 'migrate' });
  assert.deepEqual(goalForAction('intune.removePrimaryUser'), { kind: 'shared' });
  assert.deepEqual(goalForAction('intune.assignPrimaryUser', { upn: 'a@b.c' }), { kind: 'user', upn: 'a@b.c' });
  assert.deepEqual(goalForAction('intune.assignPrimaryUser'), { kind: 'lastSignedIn' });
});
