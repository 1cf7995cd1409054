import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';
import { virtualClock } from './support/virtual-clock.ts';
import type { DeviceState } from '../../../electron/common/jobs.ts';

test('a WS1 change stays pending until the device reports the new mode, or gives up at the deadline', async () => {
  const clock = virtualClock();
  const { engine, tenant } = harness({ tenant: { now: clock.now, consumeDelayMs: 5 * 60_000 }, engine: { clock, settings: { ws1GiveUpMs: 3_600_000, backoffBaseMs: 5 } } });
  const targets = addFleet(tenant, { intune: 2, ws1: 3, modes: ['singleUser'] });
  const preview = engine.plan({ goal: { kind: 'multiuser' }, targets: targets.slice(2) });
  await engine.start(preview.planId, null);
  assert.equal(engine.journal.counts(preview.planId).pending, 3);

  const stuck = targets[4].matches[0].ws1!.uuid;
  const poll = async (ts: { key: string; ws1?: { uuid: string } }[]) => {
    const m = new Map<string, DeviceState>();
    for (const t of ts) {
      const d = tenant.byWs1.get(t.ws1!.uuid)!;
      if (d.ws1Uuid === stuck) m.set(t.key, { ws1UserMode: 'singleUser' }); // this one never consumes
      else m.set(t.key, tenant.state(d));
    }
    return m;
  };
  const tracker = engine.pendingTracker(poll);
  const signal = new AbortController().signal;
  assert.deepEqual(await tracker.sweep(signal), { confirmed: 0, gaveUp: 0, waiting: 3 });
  clock.advance(5 * 60_000);
  assert.deepEqual(await tracker.sweep(signal), { confirmed: 2, gaveUp: 0, waiting: 1 });
  clock.advance(3_600_000);
  assert.deepEqual(await tracker.sweep(signal), { confirmed: 0, gaveUp: 1, waiting: 0 });
  const steps = engine.steps(preview.planId);
  assert.deepEqual(steps.map((s) => s.pending?.state), ['confirmed', 'confirmed', 'gaveUp']);
  assert.equal(steps[0].after?.ws1UserMode, 'multiUser');
  const audit = engine.audit.query({ jobId: preview.planId }).reverse(); // the query answers newest first
  assert.deepEqual(audit.map((e) => e.result), ['succeeded', 'succeeded', 'succeeded', 'confirmed', 'confirmed', 'gaveUp']);
  assert.ok(engine.audit.verify().ok);
  await engine.close();
});

test('an Intune primary-user change is done at once: nothing waits for the device', async () => {
  const clock = virtualClock();
  const { engine, tenant } = harness({ tenant: { now: clock.now }, engine: { clock } });
  const targets = addFleet(tenant, { intune: 1, ws1: 0 });
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  await engine.start(preview.planId, null);
  const [step] = engine.steps(preview.planId);
  assert.equal(step.status, 'succeeded');
  assert.equal(step.pending, undefined);
  assert.equal(engine.journal.counts(preview.planId).pending, 0);
  assert.match(step.note ?? '', /^Done: Intune applied the change at once/);
  const tracker = engine.pendingTracker(async () => new Map());
  assert.deepEqual(await tracker.sweep(new AbortController().signal), { confirmed: 0, gaveUp: 0, waiting: 0 });
  await engine.close();
});
