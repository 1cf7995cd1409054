// Mode-change job throughput: 10,000 Intune primary-user changes against the demo tenant with Graph's
// write limit enforced (200 writes / 20 s per app), journal on disk. At the real limit this takes ≥ 1,000 s.
// SDH_BENCH_JOBS_DEVICES (default 10000) and SDH_BENCH_JOBS_SCALE (time speed-up, default 1) shorten it.
// Writes bench-results/jobs.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobTarget, TargetResolution } from '../electron/common/jobs.ts';
import { startDemoTenant } from '../electron/services/demo/index.ts';
import { JobEngine } from '../electron/services/jobs/engine.ts';
import { createHttpExecutor } from '../electron/services/jobs/http-executor.ts';
import { intuneWriteLimit } from '../electron/services/jobs/throttle.ts';

const root = new URL('..', import.meta.url).pathname;
const devices = Number(process.env.SDH_BENCH_JOBS_DEVICES ?? 10_000);
const scale = Number(process.env.SDH_BENCH_JOBS_SCALE ?? 1);
const limit = { count: intuneWriteLimit.count, windowMs: intuneWriteLimit.windowMs / scale };

async function main(): Promise<void> {
  const demo = await startDemoTenant({
    deviceCount: Math.ceil(devices * 1.3) + 2_000,
    limits: { graphWrites: { max: limit.count, windowMs: limit.windowMs }, graphRequests: { max: 2_000, windowMs: limit.windowMs } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'sdh-jobs-bench-'));
  try {
    // Eligible Windows devices (Entra or hybrid joined): those with a primary user are made shared, the
    // others get one assigned — two jobs sharing the one per-app write budget.
    const eligible = demo.data.intuneDevices.filter((d) => /^windows/i.test(d.operatingSystem) && !/registered/i.test(d.joinType)).slice(0, devices);
    if (eligible.length < devices) throw new Error(`the demo tenant has only ${eligible.length} eligible devices`);
    const someone = demo.data.intuneDevices.find((d) => d.userId)!;
    const target = (d: (typeof eligible)[number]): TargetResolution => {
      const t: JobTarget = { key: d.serialNumber || d.id, name: d.deviceName, intune: { id: d.id, joinType: d.joinType, enrollmentType: d.deviceEnrollmentType, operatingSystem: d.operatingSystem, primaryUser: d.userId ? { id: d.userId, upn: d.userPrincipalName } : null } };
      return { input: t.key, matches: [t] };
    };
    const engine = new JobEngine({
      dataDir: dir,
      executor: createHttpExecutor({ graph: { url: demo.graphUrl, getToken: async () => demo.graphToken } }),
      identity: () => ({ technician: 'bench@contoso.com', tenant: 'demo' }),
      limits: { intune: limit },
      settings: { backoffBaseMs: 1000 / scale, progressIntervalMs: 5000 / scale },
      onProgress: (p) => process.stderr.write(`\r${p.counts.succeeded + p.counts.failed}/${p.counts.total} ${p.ratePerMinute}/min ETA ${p.etaSeconds ?? '?'} s   `),
    });
    const shared = engine.plan({ goal: { kind: 'shared' }, targets: eligible.filter((d) => d.userId).map(target) });
    const assign = engine.plan({
      goal: { kind: 'user', upn: someone.userPrincipalName },
      targets: eligible.filter((d) => !d.userId).map(target),
      user: { id: someone.userId, upn: someone.userPrincipalName },
    });
    const t0 = performance.now();
    const statuses = await Promise.all([shared, assign].map((p) => engine.start(p.planId, p.confirmCount)));
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write('\n');
    const counts = [shared, assign].map((p) => engine.journal.counts(p.planId));
    const changed = counts.reduce((n, c) => n + c.succeeded, 0);
    const perDevice = eligible.map((d) => demo.counters.actionCalls('removePrimaryUser', d.id) + demo.counters.actionCalls('setPrimaryUser', d.id));
    const allowed = (limit.count * 1000) / limit.windowMs;
    const result = {
      devices,
      jobs: statuses,
      limit: { writes: limit.count, windowSeconds: limit.windowMs / 1000, timeScale: scale },
      durationSeconds: Math.round(seconds * 10) / 10,
      realDurationEquivalentSeconds: Math.round(seconds * scale),
      writesPerSecond: Math.round((changed / seconds) * 100) / 100,
      allowedPerSecond: allowed,
      percentOfLimit: Math.round((1000 * changed) / seconds / allowed) / 10,
      throttled429: demo.counters.throttled.graph,
      succeeded: changed,
      failed: counts.reduce((n, c) => n + c.failed, 0),
      callsPerDevice: { min: Math.min(...perDevice), max: Math.max(...perDevice) },
      auditEntries: engine.audit.count(),
      auditChainOk: engine.audit.verify().ok,
    };
    await engine.close();
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'jobs.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
