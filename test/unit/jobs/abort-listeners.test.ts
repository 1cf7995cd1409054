// Issue 16: a job's workers waiting at once put no abort listener on the job's signal, so no
// MaxListenersExceededWarning; a job with many retrying devices runs without any process warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { systemClock } from '../../../electron/services/jobs/clock.ts';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';

function collectWarnings(): { warnings: Error[]; stop: () => void } {
  const warnings: Error[] = [];
  const on = (w: Error) => warnings.push(w);
  process.on('warning', on);
  return { warnings, stop: () => process.off('warning', on) };
}

test('30 sleeps at once on one signal add no listener to it, and aborting it still wakes each one', async () => {
  const seen = collectWarnings();
  try {
    const job = new AbortController();
    const sleeps = Array.from({ length: 30 }, () => systemClock.sleep(60_000, job.signal));
    assert.equal(getEventListeners(job.signal, 'abort').length, 0);
    job.abort(new Error('stopped'));
    const results = await Promise.allSettled(sleeps);
    assert.ok(results.every((r) => r.status === 'rejected'));
    const done = await Promise.allSettled(Array.from({ length: 30 }, () => systemClock.sleep(1, job.signal)));
    assert.ok(done.every((r) => r.status === 'rejected'), 'an aborted signal stops a new sleep at once');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen.warnings.map((w) => w.message), []);
  } finally {
    seen.stop();
  }
});

test('a job whose devices all retry at once (8 Intune workers in back-off sleeps) raises no process warning', async () => {
  const seen = collectWarnings();
  try {
    const { engine, tenant } = harness({ engine: { settings: { backoffBaseMs: 20, progressIntervalMs: 50, concurrency: 8 }, guardRails: () => ({ reasonAbove: 10_000, stageAbove: 10_000 }) } });
    const targets = addFleet(tenant, { intune: 40, ws1: 0 });
    for (const t of targets) tenant.faults.set(t.matches[0].key, ['http500', 'http500']);
    const preview = engine.plan({ goal: { kind: 'shared' }, targets });
    const job = new AbortController();
    assert.equal(await engine.start(preview.planId, preview.confirmCount, job.signal), 'finished');
    assert.equal(engine.journal.counts(preview.planId).succeeded, 40);
    assert.equal(getEventListeners(job.signal, 'abort').length, 0);
    await engine.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen.warnings.map((w) => `${w.name}: ${w.message}`), []);
  } finally {
    seen.stop();
  }
});
