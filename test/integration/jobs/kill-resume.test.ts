// A job killed with SIGKILL at seeded random points resumes with every device changed exactly once and an
// audit entry for each. The tenant (and its per-device call counts) lives here; the job runs in a child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { FakeTenant } from '../../unit/jobs/support/fake-tenant.ts';
import { addFleet } from '../../unit/jobs/support/fleet.ts';
import { serveFakeTenant } from './support/fake-server.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const child = join(here, 'support/child-runner.ts');

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the child; kills it `killAfterMs` after it is ready (undefined: let it finish). Resolves its last line. */
function runChild(args: string[], killAfterMs: number | undefined): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (killAfterMs !== undefined && out.startsWith('ready\n') && !out.includes('armed')) {
        out += 'armed';
        setTimeout(() => p.kill('SIGKILL'), killAfterMs);
      }
    });
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('exit', (code, sig) => {
      if (sig === 'SIGKILL') return resolvePromise('killed');
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolvePromise(out.trim().split('\n').at(-1) ?? '');
    });
  });
}

test('SIGKILL at 14 seeded random points: every device changed exactly once, audit complete and valid', { timeout: 90_000 }, async (t) => {
  const rand = mulberry32(7);
  const tenant = new FakeTenant({ now: Date.now, writeLimit: { count: 100, windowMs: 500 }, omitRetryAfterEvery: 3, consumeDelayMs: 3_600_000 });
  const intuneTargets = addFleet(tenant, { intune: 800, ws1: 0 }); // ~4 s of work at this limit: longer than the 14 kill delays add up to
  const ws1Targets = addFleet(tenant, { intune: 0, ws1: 450, modes: ['singleUser', 'singleUserLegacy', 'multiUserCapable'] });
  const server = await serveFakeTenant(tenant, { latencyMs: () => 1 + Math.floor(rand() * 6) });
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

    let kills = 0;
    const outcomes: string[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await runChild([dataDir, a.planId, b.planId, server.url], 20 + Math.floor(rand() * 300));
      outcomes.push(r);
      if (r === 'killed') kills++;
      else break; // finished before the kill landed
    }
    const last = await runChild([dataDir, a.planId, b.planId, server.url], undefined);
    assert.match(last, /^done finished,finished$/);
    t.diagnostic(`kills: ${kills}, runs: ${outcomes.join(' ')}`);
    assert.ok(kills >= 10, `only ${kills} kills landed during the job`);

    const engine = new JobEngine({ dataDir, executor: { intuneWrite: unused, intuneSync: unused, ws1Action: unused, readState: unused }, identity: () => ({ technician: '', tenant: '' }) });
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
