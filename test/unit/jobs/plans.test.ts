// Issue 16, point 3: previews are plans apart from jobs: they expire after 24 h or are discarded, and a
// job's devices can be read with their outcome (e.g. only the failed ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';
import { virtualClock } from './support/virtual-clock.ts';

test('a preview not started expires after 24 h: it leaves the list, and starting it is refused', async () => {
  const clock = virtualClock();
  const { engine, tenant } = harness({ tenant: { now: clock.now }, engine: { clock } });
  const targets = addFleet(tenant, { intune: 3, ws1: 0 });
  const kept = engine.plan({ goal: { kind: 'shared' }, targets });
  clock.advance(23 * 3_600_000);
  const fresh = engine.plan({ goal: { kind: 'shared' }, targets });
  assert.deepEqual(engine.plans.list().map((p) => p.id), [fresh.planId, kept.planId]);
  assert.equal(engine.plans.list()[1].expiresAt, new Date(clock.now() + 3_600_000).toISOString());
  clock.advance(3_600_000);
  assert.deepEqual(engine.plans.list().map((p) => p.id), [fresh.planId], 'the first preview expired and is gone');
  assert.equal(engine.job(kept.planId), undefined);
  assert.equal(engine.steps(kept.planId).length, 0);
  clock.advance(23 * 3_600_000);
  assert.throws(() => engine.start(fresh.planId, null), /expired after 24 hours.*Preview again/);
  assert.equal(engine.job(fresh.planId), undefined);
  assert.equal(tenant.writes, 0);
  await engine.close();
});

test('a preview can be discarded; a started job cannot', async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 2, ws1: 0 });
  const a = engine.plan({ goal: { kind: 'shared' }, targets });
  const b = engine.plan({ goal: { kind: 'shared' }, targets });
  engine.discard(a.planId);
  assert.deepEqual(engine.plans.list().map((p) => p.id), [b.planId]);
  assert.equal(await engine.start(b.planId, null), 'finished');
  assert.throws(() => engine.discard(b.planId), /Only a preview that has not started can be discarded/);
  assert.deepEqual(engine.plans.list(), []);
  assert.equal(engine.jobs().length, 1);
  await engine.close();
});

test("a job opens to its devices: each with its outcome and error sentence, or only the failed ones", async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 5, ws1: 0 });
  tenant.faults.set(targets[1].input, ['http403']);
  tenant.faults.set(targets[3].input, ['http403']);
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  assert.equal(await engine.start(preview.planId, null), 'finished');
  const all = engine.preview(preview.planId, { offset: 0, limit: 100 });
  assert.deepEqual(all.rows.map((r) => r.status), ['succeeded', 'failed', 'succeeded', 'failed', 'succeeded']);
  const failed = engine.preview(preview.planId, { offset: 0, limit: 100, only: ['failed'] });
  assert.deepEqual(failed.rows.map((r) => r.input), [targets[1].input, targets[3].input]);
  assert.ok(failed.rows.every((r) => r.error && r.error.message.length > 10), 'each failure carries a sentence');
  assert.equal(failed.totals.devices, 5, 'the totals still cover the whole job');
  // Retry failed: a new plan with exactly those devices
  const retry = engine.planRetry(preview.planId);
  assert.deepEqual(retry.rows.map((r) => r.input), [targets[1].input, targets[3].input]);
  await engine.close();
});
