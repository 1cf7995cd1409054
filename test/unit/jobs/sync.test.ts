// "Sync (Intune)": a catalogue action like the others, sent once, audited, no undo; one device starts
// without typing the count, several need it; a lost answer is never followed by a second sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';

test('one device: no typed count, the preview says there is no undo, one syncDevice call, audited; undo refused', async () => {
  const { engine, tenant } = harness();
  const [one, ws1Only] = [...addFleet(tenant, { intune: 1, ws1: 0 }), ...addFleet(tenant, { intune: 0, ws1: 1 })];
  const preview = engine.plan({ goal: { kind: 'sync' }, targets: [one, ws1Only] });
  assert.equal(preview.confirmCount, null);
  assert.equal(preview.goal, 'Intune: sync the device (no undo)');
  const [row, skipped] = preview.rows;
  assert.equal(row.action?.id, 'intune.syncDevice');
  assert.match(row.call ?? '', /^POST \/beta\/deviceManagement\/managedDevices\/…\/syncDevice$/);
  assert.match(row.note ?? '', /Sent once.*no undo/);
  assert.equal(skipped.skipReason, 'notOnPlatform');
  assert.equal(await engine.start(preview.planId, null), 'finished');
  const [step] = engine.steps(preview.planId).filter((s) => s.status === 'succeeded');
  assert.equal(step.note, 'Done: Intune asked the device to check in.');
  const [entry] = engine.audit.query({ jobId: preview.planId });
  assert.equal(entry.action, 'intune.syncDevice');
  assert.equal(entry.result, 'succeeded');
  assert.throws(() => engine.planUndo(preview.planId), /A sync has no undo/);
  await engine.close();
});

test('several devices need the typed count', async () => {
  const { engine, tenant } = harness();
  const preview = engine.plan({ goal: { kind: 'sync' }, targets: addFleet(tenant, { intune: 3, ws1: 0 }) });
  assert.equal(preview.confirmCount, 3);
  assert.throws(() => engine.start(preview.planId, null), /Type 3/);
  assert.equal(await engine.start(preview.planId, 3), 'finished');
  assert.equal(engine.journal.counts(preview.planId).succeeded, 3);
  await engine.close();
});

test('a lost answer is not followed by a second sync: the device is listed as failed with the reason', async () => {
  let calls = 0;
  const { engine, tenant } = harness({
    wrap: (e) => ({ ...e, intuneSync: async () => (calls++, { kind: 'transient', error: new AppError('timeout', 'Intune did not answer in time.') }) }),
  });
  const preview = engine.plan({ goal: { kind: 'sync' }, targets: addFleet(tenant, { intune: 1, ws1: 0 }) });
  await engine.start(preview.planId, null);
  assert.equal(calls, 1, 'sent once');
  const [step] = engine.steps(preview.planId);
  assert.equal(step.status, 'failed');
  assert.match(step.error?.message ?? '', /not sent again/);
  await engine.close();
});
