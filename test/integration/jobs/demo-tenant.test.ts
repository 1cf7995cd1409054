// The engine against the demo tenant's simulators (real HTTP on 127.0.0.1): WS1 mode changes with pending
// state, Intune primary-user removal, skips for unsupported devices, and undo — each device called once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { createLookup, ws1StaticAuth } from '../../../electron/services/lookup/connect.ts';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { pollByReadState } from '../../../electron/services/jobs/pending.ts';
import { jobTargetFromDevice } from '../../../electron/services/jobs/targets.ts';
import type { TargetResolution } from '../../../electron/common/jobs.ts';
import { enumKey, ws1UserModes } from '../../../electron/services/ws1/mapping.ts';

test('WS1 and Intune changes on the demo tenant, pending until consumed, then undone', { timeout: 60_000 }, async () => {
  // Graph's write limit at 10× speed on both sides, so the test stays short. The tenant's clock runs with
  // the wall clock plus `skew`: a device consumes its pending change when the test moves that clock on.
  const consumeDelayMs = 60_000;
  let skew = 0;
  const demo = await startDemoTenant({ consumeDelayMs, now: () => Date.now() + skew, limits: { graphWrites: { max: 200, windowMs: 2000 } } });
  try {
    const graph = { url: demo.graphUrl, getToken: async () => demo.graphToken };
    const ws1 = { url: demo.ws1Url, getHeaders: ws1StaticAuth({ basic: `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, tenantCode: demo.ws1.tenantCode }) };
    const lookup = createLookup({ scope: 'demo', graph: { baseUrl: graph.url, getToken: graph.getToken, portal: null }, ws1: { baseUrl: ws1.url, authHeaders: ws1.getHeaders } });
    const find = async (q: string): Promise<TargetResolution[]> =>
      (await lookup.service.search({ query: q, limit: 200 })).devices.map((d) => ({ input: d.name, matches: [jobTargetFromDevice(d)] }));
    const executor = createHttpExecutor({ graph, ws1 });
    const engine = new JobEngine({ db: openJobsDatabase(':memory:'), executor, identity: () => ({ technician: 'tech@contoso.com', tenant: 'demo' }),
      limits: { intune: { count: 200, windowMs: 2000 }, ws1: { count: 20, windowMs: 2000 } },
    });

    // WS1 v1 cannot search by name (the lookup answers those from its cache): take the WS1 records directly.
    const ws1Find = (prefix: string): TargetResolution[] =>
      demo.data.ws1Devices
        .filter((d) => d.friendlyName.startsWith(prefix))
        .map((d) => ({ input: d.friendlyName, matches: [{ key: d.serialNumber, name: d.friendlyName, ws1: { uuid: d.uuid, userMode: ws1UserModes[enumKey(d.userMode)] } }] }));
    // WS1: Single user and legacy devices to Multiuser (change vs migrate chosen per device)
    const ws1Targets = [...ws1Find('WS1-SU'), ...ws1Find('WS1-LEG'), ...ws1Find('FLOOR-MU-00')];
    const toMulti = engine.plan({ goal: { kind: 'multiuser' }, targets: ws1Targets });
    assert.equal(toMulti.totals.byAction['ws1.changeToMultiuser'], 60);
    assert.equal(toMulti.totals.byAction['ws1.migrateToMultiuser'], 60);
    assert.equal(toMulti.totals.bySkipReason.alreadyInMode, 9);
    assert.equal(await engine.start(toMulti.planId, 120, undefined, 'floor move'), 'finished');
    const steps = engine.steps(toMulti.planId).filter((s) => s.status !== 'skipped');
    assert.ok(steps.every((s) => s.status === 'succeeded' && s.pending?.state === 'waiting'));
    for (const s of steps) {
      const name = s.action!.id === 'ws1.changeToMultiuser' ? 'CHANGE_TO_MULTIUSER' : 'MIGRATE_TO_MULTIUSER';
      assert.equal(demo.counters.actionCalls(name, s.target!.ws1!.uuid), 1, s.deviceName);
    }
    const tracker = engine.pendingTracker(pollByReadState(executor));
    assert.deepEqual(await tracker.sweep(new AbortController().signal), { confirmed: 0, gaveUp: 0, waiting: 120 }, 'no device has consumed its change yet');
    skew += consumeDelayMs;
    assert.deepEqual(await tracker.sweep(new AbortController().signal), { confirmed: 120, gaveUp: 0, waiting: 0 });

    // Intune: DEM lab devices become shared; Entra registered and user-enrolled iPads are skipped
    const intuneTargets = [...(await find('LAB-DEM')), ...(await find('BYOD-REG-00')), ...(await find('IPAD-UE'))];
    const shared = engine.plan({ goal: { kind: 'shared' }, targets: intuneTargets });
    assert.equal(shared.totals.toChange, 40);
    assert.equal(shared.totals.bySkipReason.entraRegistered, 9);
    assert.equal(shared.totals.bySkipReason.appleUserEnrollment, 5);
    assert.equal(await engine.start(shared.planId, 40), 'finished');
    assert.equal(demo.counters.actionCalls('removePrimaryUser'), 40);

    // undo both
    const undoShared = engine.planUndo(shared.planId);
    assert.equal(await engine.start(undoShared.planId, 40), 'finished');
    for (const s of engine.steps(shared.planId).filter((x) => x.status === 'succeeded')) {
      const after = await executor.readState(s.target!, new AbortController().signal);
      assert.deepEqual(after.kind === 'ok' && after.state.primaryUser?.id, s.before!.primaryUser!.id);
    }
    const undoMulti = engine.planUndo(toMulti.planId);
    assert.equal(undoMulti.totals.byAction['ws1.changeToSingleuser'], 120);
    assert.equal(await engine.start(undoMulti.planId, 120, undefined, 'floor move undone'), 'finished');
    assert.equal(demo.counters.actionCalls('CHANGE_TO_SINGLEUSER'), 120);
    assert.deepEqual(engine.audit.verify(), { ok: true, entries: 120 + 120 + 40 + 40 + 120, firstBrokenSeq: null });
    await engine.close();
  } finally {
    await demo.stop();
  }
});
