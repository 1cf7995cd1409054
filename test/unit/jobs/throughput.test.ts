// 10,000 Intune writes at Graph's real limit (200 writes / 20 s per app), measured on simulated time so
// the figure does not depend on how busy the test machine is. The wall-clock run is bench/jobs.bench.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.ts';

/** These tests measure pacing: no reason and no staged start (guard-rails.test.ts covers those). */
const pacingOnly = { reasonAbove: Number.MAX_SAFE_INTEGER, stageAbove: Number.MAX_SAFE_INTEGER };
import { addFleet } from './support/fleet.ts';
import { SimClock } from './support/sim-clock.ts';
import { intuneWriteLimit } from '../../../electron/services/jobs/throttle.ts';

const allowedPerSecond = (intuneWriteLimit.count * 1000) / intuneWriteLimit.windowMs;

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
}

test('10,000 devices at the enforced 200 writes / 20 s run at ≥ 90 % of the allowed rate, each changed once', async (t) => {
  const clock = new SimClock();
  const rand = seeded(42);
  const { engine: e, tenant } = harness({
    limit: intuneWriteLimit,
    tenant: { now: clock.now, omitRetryAfterEvery: 3 },
    engine: { clock, settings: { backoffBaseMs: 1000, progressIntervalMs: 1000 }, guardRails: () => pacingOnly },
    // 100–400 ms per call, like Graph
    wrap: (inner) => ({ ...inner, intuneWrite: async (c, s) => (await clock.sleep(100 + rand() * 300), inner.intuneWrite(c, s)) }),
  });
  const targets = addFleet(tenant, { intune: 10_000, ws1: 0 });
  const preview = e.plan({ goal: { kind: 'shared' }, targets });
  const t0 = clock.now();
  assert.equal(await e.start(preview.planId, 10_000), 'finished');
  const seconds = (clock.now() - t0) / 1000;
  const rate = 10_000 / seconds;
  t.diagnostic(`simulated ${seconds.toFixed(0)} s, ${rate.toFixed(2)} writes/s of ${allowedPerSecond} allowed (${((100 * rate) / allowedPerSecond).toFixed(1)} %), ${tenant.throttled} 429s`);
  assert.ok(rate >= 0.9 * allowedPerSecond, `${rate}/s`);
  assert.equal(tenant.throttled, 0);
  assert.equal(e.journal.counts(preview.planId).succeeded, 10_000);
  for (const x of targets) assert.equal(tenant.changes.get(x.input), 1);
  assert.equal(e.audit.count(preview.planId), 10_000);
  await e.close();
});

test('paced for twice the real limit, 429s (with and without Retry-After) slow it down and every device is still changed once', async (t) => {
  const clock = new SimClock();
  const { engine, tenant } = harness({
    limit: { count: 400, windowMs: 20_000 },
    tenant: { now: clock.now, writeLimit: intuneWriteLimit, omitRetryAfterEvery: 2 },
    engine: { clock, settings: { backoffBaseMs: 1000, progressIntervalMs: 1000 }, guardRails: () => pacingOnly },
  });
  const targets = addFleet(tenant, { intune: 1000, ws1: 0 });
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  const t0 = clock.now();
  assert.equal(await engine.start(preview.planId, 1000), 'finished');
  const rate = 1000 / ((clock.now() - t0) / 1000);
  t.diagnostic(`${rate.toFixed(2)} writes/s with ${tenant.throttled} 429s`);
  assert.ok(tenant.throttled > 0);
  assert.ok(rate >= 0.7 * allowedPerSecond, `${rate}/s`);
  assert.equal(engine.journal.counts(preview.planId).succeeded, 1000);
  for (const x of targets) assert.equal(tenant.changes.get(x.input), 1);
  await engine.close();
});
