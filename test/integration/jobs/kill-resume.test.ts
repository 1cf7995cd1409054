// A job killed with SIGKILL at chosen points (seeded Intune change counts, two WS1 batches) resumes with
// every device changed exactly once and an audit entry for each. The tenant (its per-device call counts and
// the kill switch) lives here; the job runs in a child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { keychainAuditKey } from './support/audit-key.ts';
import { FakeTenant } from '../../unit/jobs/support/fake-tenant.ts';
import { addFleet } from '../../unit/jobs/support/fleet.ts';
import { lost, serveFakeTenant, type ChangingCallHook } from './support/fake-server.ts';
import { runChild as runScript } from './support/run-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'support/child-runner.ts');

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where a run is killed. `intune`: right after the tenant applies the run's `at`-th Intune change overall
 * (its answer is lost). `ws1`: at the run's first WS1 batch, applied or not, while every Intune write of the
 * run is held unanswered. The point is reached only through the child's own calls, so every kill lands.
 */
type KillPoint = { kind: 'intune'; at: number } | { kind: 'ws1'; applied: boolean };

const runChild = (args: string[], started: (p: ChildProcess) => void) => runScript(child, args, started);

/** The kill switch the fake tenant's hook pulls: one child at a time, one kill point per run. */
class KillSwitch {
  point: KillPoint | undefined;
  intuneApplied = 0;
  /** Intune changes applied when each kill was pulled, and what the kill interrupted. */
  readonly pulled: string[] = [];
  private child: ChildProcess | undefined;
  private dead = false;
  private releaseHeld = () => {};
  private held = Promise.resolve();

  arm(point: KillPoint | undefined, p: ChildProcess): void {
    this.point = point;
    this.child = p;
    this.dead = false;
    this.held = new Promise((r) => (this.releaseHeld = r));
  }

  readonly onChangingCall: ChangingCallHook = async (call, apply) => {
    if (this.dead) return lost; // the child is dying: what it still sends never reaches the tenant
    const point = this.point;
    if (point?.kind === 'ws1') {
      if (call === 'intuneWrite') return this.held.then(() => lost);
      if (point.applied) apply();
      this.kill(`ws1 batch ${point.applied ? 'applied' : 'not applied'}`);
      return lost;
    }
    const answer = apply();
    if (call === 'intuneWrite' && answer.status === 204) this.intuneApplied++;
    if (point && call === 'intuneWrite' && answer.status === 204 && this.intuneApplied === point.at) {
      this.kill(`intune change ${point.at} applied`);
      return lost;
    }
    return answer;
  };

  private kill(what: string): void {
    this.dead = true;
    this.pulled.push(what);
    this.child!.kill('SIGKILL');
    this.releaseHeld();
  }
}

test('SIGKILL at 14 chosen points (12 seeded Intune changes, 2 WS1 batches): every kill lands, every device changed exactly once, audit complete and valid', { timeout: 180_000 }, async (t) => {
  const rand = mulberry32(7);
  const tenant = new FakeTenant({ now: Date.now, writeLimit: { count: 100, windowMs: 500 }, omitRetryAfterEvery: 3, consumeDelayMs: 3_600_000 });
  const intuneTargets = addFleet(tenant, { intune: 800, ws1: 0 });
  const ws1Targets = addFleet(tenant, { intune: 0, ws1: 450, modes: ['singleUser', 'singleUserLegacy', 'multiUserCapable'] });
  // 12 distinct seeded Intune change counts below 800: the job cannot finish without passing each of them
  const intunePoints = new Set<number>();
  while (intunePoints.size < 12) intunePoints.add(1 + Math.floor(rand() * 799));
  const points: KillPoint[] = [{ kind: 'ws1', applied: true }, { kind: 'ws1', applied: false }, ...[...intunePoints].sort((x, y) => x - y).map((at) => ({ kind: 'intune' as const, at }))];
  const kill = new KillSwitch();
  const latency = mulberry32(11);
  const server = await serveFakeTenant(tenant, { latencyMs: () => 1 + Math.floor(latency() * 6), onChangingCall: kill.onChangingCall });
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-kill-'));
  try {
    const planner = new JobEngine({
      dataDir,
      executor: { intuneWrite: unused, intuneSync: unused, ws1Action: unused, readState: unused },
      identity: () => ({ technician: 'tech@contoso.com', tenant: 'contoso' }),
    });
    const a = planner.plan({ goal: { kind: 'shared' }, targets: intuneTargets });
    const b = planner.plan({ goal: { kind: 'multiuser' }, targets: ws1Targets });
    await planner.close();

    const args = [dataDir, a.planId, b.planId, server.url];
    const outcomes: string[] = [];
    for (const point of points) outcomes.push(await runChild(args, (p) => kill.arm(point, p)));
    t.diagnostic(`kills: ${kill.pulled.join('; ')}`);
    assert.deepEqual(outcomes, points.map(() => 'killed'), 'every kill lands while the job still runs');
    assert.deepEqual(kill.pulled, points.map((p) => (p.kind === 'ws1' ? `ws1 batch ${p.applied ? 'applied' : 'not applied'}` : `intune change ${p.at} applied`)));
    const last = await runChild(args, (p) => kill.arm(undefined, p));
    assert.match(last, /^done finished,finished$/);
    assert.equal(kill.intuneApplied, intuneTargets.length);

    const engine = new JobEngine({ dataDir, audit: { key: keychainAuditKey }, executor: { intuneWrite: unused, intuneSync: unused, ws1Action: unused, readState: unused }, identity: () => ({ technician: '', tenant: '' }) });
    let confirmedOnResume = 0;
    for (const [job, targets] of [[a, intuneTargets], [b, ws1Targets]] as const) {
      const steps = engine.steps(job.planId);
      const changing = steps.filter((s) => s.status !== 'skipped');
      assert.deepEqual(new Set(changing.map((s) => s.status)), new Set(['succeeded']));
      for (const s of steps) assert.equal(tenant.changes.get(s.input) ?? 0, s.status === 'succeeded' ? 1 : 0, `${s.input} changed ${tenant.changes.get(s.input) ?? 0}×`);
      assert.equal(changing.length, job.totals.toChange);
      assert.equal(steps.length, targets.length);
      confirmedOnResume += steps.filter((s) => /before the app stopped/.test(s.note ?? '')).length;
      // the audit: exactly one entry per changed device, nothing else
      const entries = engine.audit.query({ jobId: job.planId });
      assert.equal(entries.length, changing.length);
      assert.deepEqual(entries.map((e) => e.deviceKey).sort(), changing.map((s) => s.deviceKey).sort());
      assert.ok(entries.every((e) => e.result === 'succeeded' && e.technician === 'tech@contoso.com'));
    }
    assert.deepEqual(engine.audit.verify(), { ok: true, entries: a.totals.toChange + b.totals.toChange, firstBrokenSeq: null });
    // each kill after an applied change left it in doubt: the next run read the device instead of re-sending
    assert.ok(confirmedOnResume >= 12 + 100, `only ${confirmedOnResume} in-doubt steps were confirmed by reading the device`);
    t.diagnostic(`in-doubt steps settled by reading the device on resume: ${confirmedOnResume}; 429s served: ${tenant.throttled}`);
    await engine.close();
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function unused(): Promise<never> {
  throw new Error('the planner makes no calls');
}
