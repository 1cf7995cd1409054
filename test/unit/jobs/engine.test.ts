import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './support/harness.ts';
import { addFleet } from './support/fleet.ts';
import { Gate } from '../../support/wait.ts';
import { auditEntrySchema, jobProgressSchema, jobSchema, jobStepSchema, previewSchema, type JobProgress } from '../../../electron/common/jobs.ts';

test('a planned job asks for the typed count, then changes every device exactly once with an audit entry each', async () => {
  const progress: JobProgress[] = [];
  const { engine, tenant } = harness({ engine: { onProgress: (p) => progress.push(p) } });
  const targets = addFleet(tenant, { intune: 30, ws1: 0 });
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  assert.equal(preview.totals.toChange, 30);
  assert.equal(preview.confirmCount, 30);
  assert.throws(() => engine.start(preview.planId, 29), /Type 30/);
  assert.equal(await engine.start(preview.planId, 30), 'finished');
  for (const t of targets) assert.equal(tenant.changes.get(t.input), 1, t.input);
  for (const d of tenant.byIntune.values()) assert.equal(d.primaryUser, null);
  const counts = engine.journal.counts(preview.planId);
  assert.equal(counts.succeeded, 30);
  assert.equal(engine.audit.count(preview.planId), 30);
  assert.deepEqual(engine.audit.verify(), { ok: true, entries: 30, firstBrokenSeq: null });
  const last = progress.at(-1)!;
  // what crosses IPC fits the shared schemas
  previewSchema.parse(preview);
  for (const p of progress) jobProgressSchema.parse(p);
  for (const s of engine.steps(preview.planId)) jobStepSchema.parse(s);
  for (const e of engine.audit.query()) auditEntrySchema.parse(e);
  jobSchema.parse(engine.job(preview.planId));
  assert.equal(last.status, 'finished');
  assert.equal(last.counts.succeeded, 30);
  assert.equal(last.etaSeconds, 0);
  await engine.close();
});

test('WS1 changes go out in calls of at most 100 devices and stay pending', async () => {
  const calls: number[] = [];
  const { engine: e2, tenant } = harness({ wrap: (exec) => ({ ...exec, ws1Action: (a, u, s) => (calls.push(u.length), exec.ws1Action(a, u, s)) }) });
  const targets = addFleet(tenant, { intune: 0, ws1: 250, modes: ['singleUser', 'singleUserLegacy', 'multiUserCapable', 'multiUser'] });
  const preview = e2.plan({ goal: { kind: 'multiuser' }, targets });
  // multiuser devices are already there; legacy ones migrate, the others change
  assert.equal(preview.totals.bySkipReason.alreadyInMode, 62);
  assert.equal(preview.totals.byAction['ws1.migrateToMultiuser'], 63);
  assert.equal(preview.totals.byAction['ws1.changeToMultiuser'], 125);
  assert.equal(await e2.start(preview.planId, 188, undefined, 'lab refresh'), 'finished');
  assert.deepEqual(calls.sort((a, b) => a - b), [25, 63, 100]);
  const counts = e2.journal.counts(preview.planId);
  assert.equal(counts.succeeded, 188);
  assert.equal(counts.pending, 188);
  for (const t of targets) assert.equal(tenant.changes.get(t.input) ?? 0, t.matches[0].ws1!.userMode === 'multiUser' ? 0 : 1);
  await e2.close();
});

test('401, 403, 404, 5xx, 429 without Retry-After and lost connections each end in a clear per-device result', async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 10, ws1: 0 });
  const key = (i: number) => targets[i].input;
  tenant.faults.set(key(0), ['http401']);
  tenant.faults.set(key(1), ['http403']);
  tenant.faults.set(key(2), ['http500']); // once, then fine
  tenant.faults.set(key(3), ['http500', 'http500', 'http500', 'http500', 'http500']);
  tenant.faults.set(key(4), ['network']); // lost before it applied
  tenant.faults.set(key(5), ['networkAfterApply']); // applied, answer lost
  tenant.faults.set(key(6), ['http429', 'http429']);
  tenant.faults.set(key(7), ['http500AfterApply']);
  tenant.faults.set(key(8), ['http404']);
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  assert.equal(await engine.start(preview.planId, 10), 'finished');
  const steps = engine.steps(preview.planId);
  const result = steps.map((s) => `${s.status}:${s.error?.code ?? ''}`);
  assert.deepEqual(result, [
    'failed:unauthorized',
    'failed:forbidden',
    'succeeded:',
    'failed:unavailable',
    'succeeded:',
    'succeeded:',
    'succeeded:',
    'succeeded:',
    'failed:not_found',
    'succeeded:',
  ]);
  assert.match(steps[1].error!.message, /Set primary user/);
  for (const s of steps) jobStepSchema.parse(s);
  assert.match(steps[0].error!.message, /sign in again/);
  for (const i of [2, 4, 5, 6, 7, 9]) assert.equal(tenant.changes.get(key(i)), 1, key(i));
  for (const i of [0, 1, 3, 8]) assert.equal(tenant.changes.get(key(i)) ?? 0, 0, key(i));
  assert.equal(engine.audit.count(preview.planId), 10);
  assert.ok(engine.audit.verify().ok);

  // retry the failed ones only: a new job with the four failed devices
  const retry = engine.planRetry(preview.planId);
  assert.deepEqual(retry.rows.map((r) => r.input), [key(0), key(1), key(3), key(8)]);
  assert.equal(await engine.start(retry.planId, null), 'finished');
  assert.deepEqual(engine.steps(retry.planId).map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  for (const t of targets) assert.equal(tenant.changes.get(t.input), 1, t.input);
  assert.equal(engine.audit.count(), 14);
  await engine.close();
});

test('pause stops taking new devices, resume finishes them, cancel leaves the rest untouched', async () => {
  // After `free` writes, every write waits at the gate: the test pauses (later cancels) while exactly
  // `concurrency` writes are in flight, then lets those finish, so every count below is exact.
  const concurrency = 4;
  let free = 10;
  let gate = new Gate();
  const { engine, tenant } = harness({
    engine: { settings: { backoffBaseMs: 5, progressIntervalMs: 50, concurrency } },
    wrap: (exec) => ({ ...exec, intuneWrite: async (c, s) => (free > 0 ? free-- : await gate.pass(), exec.intuneWrite(c, s)) }),
  });
  const targets = addFleet(tenant, { intune: 60, ws1: 0 });
  const preview = engine.plan({ goal: { kind: 'shared' }, targets });
  const run = engine.start(preview.planId, 60);
  await gate.whenHeld(concurrency, 'Intune writes');
  engine.pause(preview.planId);
  gate.open();
  assert.equal(await run, 'paused');
  const paused = engine.journal.counts(preview.planId);
  assert.equal(paused.succeeded, 10 + concurrency, JSON.stringify(paused)); // the writes in flight finish; no new one starts
  assert.equal(paused.planned, 60 - 10 - concurrency, JSON.stringify(paused));
  assert.equal(paused.inFlight, 0);
  assert.deepEqual(engine.unfinished().map((j) => j.id), [preview.planId]);

  free = 10;
  gate = new Gate();
  const resumed = engine.resume(preview.planId);
  await gate.whenHeld(concurrency, 'Intune writes after resume');
  const cancelling = engine.cancel(preview.planId);
  gate.open();
  await cancelling;
  assert.equal(await resumed, 'cancelled');
  const c = engine.journal.counts(preview.planId);
  assert.equal(c.succeeded + c.cancelled + c.failed, 60);
  assert.equal(c.failed, 0);
  assert.equal(c.succeeded, 2 * (10 + concurrency), JSON.stringify(c));
  assert.equal(c.cancelled, 60 - 2 * (10 + concurrency), JSON.stringify(c));
  let changed = 0;
  for (const t of targets) changed += tenant.changes.get(t.input) ?? 0;
  assert.equal(changed, c.succeeded);
  assert.equal(engine.audit.count(preview.planId), c.succeeded);
  await engine.close();
});

test('undo restores every device from its recorded before-state', async () => {
  const { engine, tenant } = harness();
  const targets = [...addFleet(tenant, { intune: 12, ws1: 9, modes: ['singleUser', 'multiUser', 'multiUserCapable'] })];
  const before = new Map([...tenant.byIntune.values()].map((d) => [d.key, d.primaryUser]));
  const shared = engine.plan({ goal: { kind: 'shared' }, targets: targets.slice(0, 12) });
  await engine.start(shared.planId, 12);
  const toMulti = engine.plan({ goal: { kind: 'multiuser' }, targets: targets.slice(12) });
  await engine.start(toMulti.planId, 6);

  const undoShared = engine.planUndo(shared.planId);
  assert.equal(undoShared.totals.byAction['intune.assignPrimaryUser'], 12);
  await engine.start(undoShared.planId, 12);
  for (const d of tenant.byIntune.values()) assert.deepEqual(d.primaryUser, before.get(d.key));

  const undoMulti = engine.planUndo(toMulti.planId);
  assert.equal(undoMulti.totals.byAction['ws1.changeToSingleuser'], 6);
  await engine.start(undoMulti.planId, 6);
  for (const d of tenant.byWs1.values()) {
    const s = tenant.state(d);
    const original = targets.find((t) => t.input === d.key)!.matches[0].ws1!.userMode;
    assert.equal(s.ws1UserMode, original === 'multiUser' ? 'multiUser' : 'singleUser', d.key);
  }
  assert.ok(engine.audit.verify().ok);
  assert.equal(engine.audit.count(), 12 + 6 + 12 + 6);
  await engine.close();
});

test('after a crash, a step journaled as in flight is read back before anything is re-sent', async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 3, ws1: 2 });
  const p = engine.plan({ goal: { kind: 'shared' }, targets: targets.slice(0, 3) });
  const q = engine.plan({ goal: { kind: 'multiuser' }, targets: targets.slice(3) });
  // what a crash leaves: the job running, two steps in flight, one of them already applied upstream
  const [s0, s1] = engine.steps(p.planId);
  engine.journal.record([{ ...s0, status: 'inFlight', attempts: 1 }, { ...s1, status: 'inFlight', attempts: 1 }]);
  engine.journal.saveJob({ ...engine.job(p.planId)!, status: 'running' });
  assert.equal(tenant.setPrimaryUser('intune-0', null).status, 204);
  const [w0, w1] = engine.steps(q.planId);
  engine.journal.record([{ ...w0, status: 'inFlight', attempts: 1 }, { ...w1, status: 'inFlight', attempts: 1 }]);
  engine.journal.saveJob({ ...engine.job(q.planId)!, status: 'running' });
  assert.equal((tenant.ws1Action('CHANGE_TO_MULTIUSER', ['uuid-0']).body as { accepted: string[] }).accepted.length, 1);

  assert.deepEqual(engine.unfinished().map((j) => j.id).sort(), [p.planId, q.planId]);
  assert.equal(await engine.resume(p.planId), 'finished');
  assert.equal(await engine.resume(q.planId), 'finished');
  for (const t of targets) assert.equal(tenant.changes.get(t.input), 1, t.input);
  const steps = [...engine.steps(p.planId), ...engine.steps(q.planId)];
  assert.deepEqual(steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
  assert.match(steps[0].note!, /before the app stopped/);
  assert.match(steps[3].note!, /before the app stopped/);
  assert.equal(steps[1].attempts, 2);
  assert.equal(engine.audit.count(), 5);
  await engine.close();
});

test('unknown jobs, double starts and undo of a running job are refused with a sentence', async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 2, ws1: 0 });
  assert.throws(() => engine.start('nope', null), { name: 'AppError', code: 'not_found' });
  const p = engine.plan({ goal: { kind: 'shared' }, targets });
  await engine.start(p.planId, null);
  assert.throws(() => engine.start(p.planId, null), /already been started/);
  await assert.rejects(async () => engine.resume(p.planId), /nothing to resume/);
  const undo = engine.planUndo(p.planId);
  assert.equal(undo.totals.toChange, 2);
  await engine.close();
});

test('an executor that throws (sign-in failed, a bug) still gives each device a result', async () => {
  const { AppError } = await import('../../../electron/common/errors.ts');
  let n = 0;
  const { engine, tenant } = harness({
    wrap: (exec) => ({
      ...exec,
      intuneWrite: async (c, s) => {
        n++;
        if (c.deviceId === 'intune-0') throw new AppError('unauthorized', 'Sign in again.');
        if (c.deviceId === 'intune-1' && n < 4) throw new Error('socket hang up');
        return exec.intuneWrite(c, s);
      },
    }),
  });
  const targets = addFleet(tenant, { intune: 3, ws1: 0 });
  const p = engine.plan({ goal: { kind: 'shared' }, targets });
  assert.equal(await engine.start(p.planId, null), 'finished');
  assert.deepEqual(engine.steps(p.planId).map((s) => `${s.status}:${s.error?.code ?? ''}`), ['failed:unauthorized', 'succeeded:', 'succeeded:']);
  assert.equal(tenant.changes.get(targets[1].input), 1);
  await engine.close();
});

test('two engines on one journal (app and CLI) never run the same job at once; a dead holder does not block', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openJobsDatabase } = await import('../../../electron/services/jobs/db.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sdh-lease-'));
  try {
    const file = join(dir, 'jobs.db');
    const a = harness({ limit: { count: 20, windowMs: 200 }, engine: { db: openJobsDatabase(file) } });
    const targets = addFleet(a.tenant, { intune: 40, ws1: 0 });
    const p = a.engine.plan({ goal: { kind: 'shared' }, targets });
    const running = a.engine.start(p.planId, 40);
    const b = harness({ engine: { db: openJobsDatabase(file), executor: a.tenant.executor({ now: Date.now, sleep: async () => {} }) } });
    assert.throws(() => b.engine.resume(p.planId), /already running in another window or command \(process \d+\)/);
    assert.equal(await running, 'finished');
    for (const t of targets) assert.equal(a.tenant.changes.get(t.input), 1);

    // a claim held by another live process blocks; once that process is gone (SIGKILL) the claim lapses
    const q = a.engine.plan({ goal: { kind: 'user', upn: 'x@contoso.com' }, targets, user: { id: 'x', upn: 'x@contoso.com' } });
    assert.deepEqual(a.engine.journal.acquire(q.planId, 'other-runner', process.ppid, () => true), { ok: true });
    assert.throws(() => a.engine.start(q.planId, 40), new RegExp(`already running .*process ${process.ppid}`));
    const c = harness({ engine: { db: openJobsDatabase(file), executor: a.tenant.executor({ now: Date.now, sleep: async () => {} }), isAlive: () => false } });
    assert.equal(await c.engine.start(q.planId, 40), 'finished');
    for (const e of [a, b, c]) await e.engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sync afterwards is requested after the change is journaled; a device already changed elsewhere is not a failure', async () => {
  const { engine, tenant } = harness();
  const targets = addFleet(tenant, { intune: 3, ws1: 0 });
  tenant.byIntune.get('intune-2')!.primaryUser = null; // someone made it shared after the preview
  const p = engine.plan({ goal: { kind: 'shared' }, targets, syncAfter: true });
  assert.ok(p.rows.every((r) => r.action?.syncAfter));
  assert.equal(await engine.start(p.planId, null), 'finished');
  const steps = engine.steps(p.planId);
  assert.deepEqual(steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded']);
  assert.match(steps[0].note!, /^Done: Intune applied the change at once\. Sync requested\.$/);
  assert.equal(steps[2].note, 'Already in that state.');
  assert.equal(tenant.writes, 2 + 2 + 1); // two changes, two syncs, one refused removal
  assert.equal(engine.audit.count(), 3);
  await engine.close();
});
