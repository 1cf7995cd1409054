import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, JobStep } from '../../../electron/common/jobs.ts';
import { buildDevice } from '../../../electron/services/lookup/merge.ts';
import { pendingChanges } from '../../../electron/services/lookup/pending-changes.ts';
import { NOW, daysAgo, intuneSide, ws1Side } from './fixtures.ts';

const ctx = { now: NOW, devicesEnrolledBy: () => null, devicesSignedInBy: () => null };
const byLabel = (d: ReturnType<typeof buildDevice>) => new Map((d.actions ?? []).map((a) => [a.label, a]));

test('a healthy Single user device can be changed to Multiuser from its card; every action names its platform', () => {
  const d = buildDevice({ intune: intuneSide(), ws1: ws1Side({ serial: 'SER1', uuid: 'u-1', userMode: 'singleUser', userModeRaw: 'SingleUser' }) }, 'PC', ctx);
  const a = byLabel(d);
  assert.equal(a.get('Change to Multiuser')?.available, true);
  assert.equal(a.get('Change to Multiuser')?.platform, 'Workspace ONE');
  assert.equal(a.get('Change to Single user')?.available, false);
  assert.equal(a.get('Change to Single user')?.reason, 'Does not apply to a device in Single user mode.');
  assert.equal(a.get('Remove the primary user (shared device)')?.available, true);
  assert.equal(a.get('Make the most frequent user the primary user')?.params.goal, 'mostFrequent');
  assert.match(a.get('Open in the Intune admin center')?.reason ?? '', /demo tenant has no Intune admin center/);
  assert.ok((d.actions ?? []).every((x) => ['Intune', 'Workspace ONE', 'this app'].includes(x.platform) && (x.available ? x.reason === null : !!x.reason)));
});

test('an Entra registered Intune-only device: no primary-user change, no WS1 mode, each with the reason', () => {
  const d = buildDevice({ intune: intuneSide({ joinType: 'entraRegistered', joinTypeRaw: 'azureADRegistered' }), ws1: null }, 'PC', ctx);
  const a = byLabel(d);
  assert.match(a.get('Remove the primary user (shared device)')?.reason ?? '', /Entra registered/);
  assert.equal(a.get('Change to Multiuser')?.reason, 'The device is not enrolled in Workspace ONE.');
  assert.equal(buildDevice({ intune: intuneSide(), ws1: null }, 'PC').actions, undefined, 'undiagnosed list rows carry no actions');
});

test('pending changes from the journal: waiting steps and those settled in the last day, with who sent them', () => {
  const job = (id: string, createdAt: string): Job => ({ id, kind: 'change', goal: 'x', technician: 'tech@contoso.com', tenant: 'demo', createdAt, status: 'finished', total: 1 });
  const step = (jobId: string, deviceKey: string, state: 'waiting' | 'confirmed', since: string): JobStep => ({
    jobId, index: 0, input: deviceKey, deviceKey, status: 'succeeded', attempts: 1,
    action: { id: 'ws1.changeToMultiuser', syncAfter: false }, pending: { state, since, until: daysAgo(-1) },
  });
  const jobs = [job('j1', daysAgo(0.1)), job('j2', daysAgo(3))];
  const steps: Record<string, JobStep[]> = { j1: [step('j1', 'serial:a', 'confirmed', daysAgo(0.1))], j2: [step('j2', 'serial:old', 'confirmed', daysAgo(3))] };
  const journal = {
    waitingSteps: () => [step('j1', 'serial:b', 'waiting', daysAgo(0.05))],
    jobs: () => jobs,
    job: (id: string) => jobs.find((j) => j.id === id),
    steps: (id: string) => steps[id] ?? [],
  };
  const p = pendingChanges(journal, NOW.getTime());
  assert.deepEqual(p.map((x) => [x.deviceKey, x.state, x.label, x.by]), [
    ['serial:b', 'waiting', 'Change to Multiuser', 'tech@contoso.com'],
    ['serial:a', 'confirmed', 'Change to Multiuser', 'tech@contoso.com'],
  ]);
});
