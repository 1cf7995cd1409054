// Issue 14, point 7: Graph's write limit is per app per tenant, so two technicians' jobs share it. Two job
// runners (two engines, each pacing for the whole limit) against one limit-enforcing tenant: the pacers
// adapt to the 429s and Retry-After, no device fails, and together they use ≥ 85 % of the limit after the
// first minute. Simulated time (SimClock), so the figure does not depend on how busy the machine is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { intuneWriteLimit } from '../../../electron/services/jobs/throttle.ts';
import type { ActionExecutor } from '../../../electron/services/jobs/executor.ts';
import type { TargetResolution } from '../../../electron/common/jobs.ts';
import { FakeTenant } from './support/fake-tenant.ts';
import { addFleet } from './support/fleet.ts';
import { SimClock } from './support/sim-clock.ts';

const allowedPerSecond = (intuneWriteLimit.count * 1000) / intuneWriteLimit.windowMs;
const perRunner = 1_500;

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
}

test('two job runners sharing one write limit: no device fails, ≥ 85 % of the limit together after the first minute', async (t) => {
  const clock = new SimClock();
  const rand = seeded(7);
  const tenant = new FakeTenant({ now: clock.now, writeLimit: intuneWriteLimit, omitRetryAfterEvery: 3 });
  const fleet = addFleet(tenant, { intune: 2 * perRunner, ws1: 0 });
  const writes: number[] = [];
  // 100–400 ms per call, like Graph; the time of every write the tenant admitted is kept
  const timed = (inner: ActionExecutor): ActionExecutor => ({
    ...inner,
    intuneWrite: async (c, s) => {
      await clock.sleep(100 + rand() * 300);
      const out = await inner.intuneWrite(c, s);
      if (out.kind === 'ok') writes.push(clock.now());
      return out;
    },
  });
  const engines = [0, 1].map(
    (i) =>
      new JobEngine({
        db: openJobsDatabase(':memory:'),
        executor: timed(tenant.executor(clock)),
        identity: () => ({ technician: `tech${i}@contoso.com`, tenant: 'contoso' }),
        clock,
        random: seeded(100 + i),
        settings: { backoffBaseMs: 1000, progressIntervalMs: 1000 },
        guardRails: () => ({ reasonAbove: Number.MAX_SAFE_INTEGER, stageAbove: Number.MAX_SAFE_INTEGER }),
      }),
  );
  const halves: TargetResolution[][] = [fleet.slice(0, perRunner), fleet.slice(perRunner)];
  const plans = engines.map((e, i) => e.plan({ goal: { kind: 'shared' }, targets: halves[i] }));
  const t0 = clock.now();
  const ends: number[] = [];
  const statuses = await Promise.all(engines.map((e, i) => e.start(plans[i].planId, perRunner).then((s) => (ends.push(clock.now()), s))));
  assert.deepEqual(statuses, ['finished', 'finished']);

  // combined throughput from the first minute until the first runner is done (both share the limit then)
  const from = t0 + 60_000;
  const to = Math.min(...ends);
  const shared = writes.filter((w) => w >= from && w <= to).length / ((to - from) / 1000);
  const rates = engines.map((e) => e.journal.counts(plans[engines.indexOf(e)].planId));
  t.diagnostic(
    `simulated ${((Math.max(...ends) - t0) / 1000).toFixed(0)} s; together ${shared.toFixed(2)} writes/s of ${allowedPerSecond} allowed (${((100 * shared) / allowedPerSecond).toFixed(1)} %) ` +
      `from 60 s to ${((to - t0) / 1000).toFixed(0)} s; ${tenant.throttled} 429s`,
  );
  for (const c of rates) {
    assert.equal(c.failed, 0);
    assert.equal(c.succeeded, perRunner);
  }
  for (const x of fleet) assert.equal(tenant.changes.get(x.input), 1, `${x.input} changed once`);
  assert.ok(to - from >= 60_000, 'both runners shared the limit for at least a minute after the first');
  assert.ok(shared >= 0.85 * allowedPerSecond, `${shared.toFixed(2)} writes/s together`);
  await Promise.all(engines.map((e) => e.close()));
});
