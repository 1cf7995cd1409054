// Guard rails that scale with the blast radius (issue 16, point 2): above 100 devices the start needs a
// reason (recorded in the audit), above 1,000 the job runs its first 1 %, pauses for a look, then the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';
import { tenantGuardRails } from '../../../electron/services/jobs/guard-rails.ts';
import { validateProfileDraft } from '../../../electron/common/profiles.ts';

test('the preview shows both guard rails; a reason is required above the threshold and audited', async () => {
  const { engine, tenant } = harness();
  const fleet = addFleet(tenant, { intune: 230, ws1: 0 });
  const small = engine.plan({ goal: { kind: 'shared' }, targets: fleet.slice(0, 100) });
  assert.deepEqual(small.guard, { reasonRequired: false, reasonAbove: 100, firstStage: null, stageAbove: 1000, source: 'the defaults (no tenant profile sets its own)' });
  const big = engine.plan({ goal: { kind: 'shared' }, targets: fleet.slice(100) });
  assert.equal(big.totals.toChange, 130);
  assert.deepEqual(big.guard, { reasonRequired: true, reasonAbove: 100, firstStage: null, stageAbove: 1000, source: 'the defaults (no tenant profile sets its own)' });
  assert.throws(() => engine.start(big.planId, 130), /needs a reason/);
  assert.equal(await engine.start(big.planId, 130, undefined, 'Floor 3 becomes hot desks'), 'finished');
  const rows = engine.audit.query({ jobId: big.planId });
  assert.equal(rows.length, 130);
  assert.ok(rows.every((r) => r.reason === 'Floor 3 becomes hot desks' && r.platform === 'intune'));
  assert.equal(engine.job(big.planId)!.reason, 'Floor 3 becomes hot desks');
  await engine.close();
});

test('above 1,000 devices the job runs 1 % first, pauses for a look, and resume runs the rest', async () => {
  const { engine, tenant } = harness();
  const preview = engine.plan({ goal: { kind: 'shared' }, targets: addFleet(tenant, { intune: 1_500, ws1: 0 }) });
  assert.equal(preview.guard!.firstStage, 15);
  assert.equal(await engine.start(preview.planId, 1_500, undefined, 'Lab reimage'), 'paused');
  const job = engine.job(preview.planId)!;
  assert.equal(job.pausedBy, 'stage');
  const first = engine.journal.counts(preview.planId);
  assert.equal(first.succeeded + first.failed, 15);
  assert.equal(first.planned, 1_485);
  assert.equal(await engine.resume(preview.planId), 'finished');
  assert.equal(engine.journal.counts(preview.planId).succeeded, 1_500);
  assert.equal(engine.job(preview.planId)!.stage?.reviewed, true);
  assert.ok([...tenant.changes.values()].every((n) => n === 1), 'each device changed once');
  await engine.close();
});

test('guard rails per tenant profile: the form sets them, the stricter profile wins, the preview names where they come from', async () => {
  const draft = { kind: 'intune' as const, name: 'Contoso', tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', cloud: 'global' };
  const set = validateProfileDraft({ ...draft, reasonAbove: '20', stageAbove: '1,500' });
  assert.ok(set.ok);
  assert.deepEqual(set.profile.guardRails, { reasonAbove: 20, stageAbove: 1500 });
  const none = validateProfileDraft({ ...draft, reasonAbove: '', stageAbove: '' });
  assert.ok(none.ok && none.profile.guardRails === undefined, 'empty fields: the defaults');
  const bad = validateProfileDraft({ ...draft, reasonAbove: 'many', stageAbove: '10' });
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map((p) => p.field), ['reasonAbove']);
  const below = validateProfileDraft({ ...draft, reasonAbove: '500', stageAbove: '50' });
  assert.ok(!below.ok && below.problems[0].field === 'stageAbove');

  assert.equal(tenantGuardRails([]).reasonAbove, 100);
  const both = tenantGuardRails([{ name: 'Contoso', guardRails: { reasonAbove: 20, stageAbove: 1500 } }, { name: 'Contoso WS1', guardRails: { reasonAbove: 50, stageAbove: 300 } }]);
  assert.deepEqual(both, { reasonAbove: 20, stageAbove: 300, source: 'set in the tenant profiles “Contoso” and “Contoso WS1”' });

  const { engine, tenant } = harness({ engine: { guardRails: () => tenantGuardRails([{ name: 'Contoso', guardRails: { reasonAbove: 20, stageAbove: 40 } }]) } });
  const preview = engine.plan({ goal: { kind: 'shared' }, targets: addFleet(tenant, { intune: 50, ws1: 0 }) });
  assert.deepEqual(preview.guard, { reasonRequired: true, reasonAbove: 20, firstStage: 1, stageAbove: 40, source: 'set in the tenant profile “Contoso”' });
  assert.throws(() => engine.start(preview.planId, 50), /more than 20 devices needs a reason/);
  assert.equal(await engine.start(preview.planId, 50, undefined, 'Hot desks on floor 2'), 'paused');
  assert.equal(engine.job(preview.planId)!.pausedBy, 'stage');
  await engine.close();
});
