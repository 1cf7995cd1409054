// Bulk means all of it: a 10,000-row CSV of names plans against the demo tenant (real HTTP on 127.0.0.1)
// in under 20 s with every match resolved and unknown names listed; a search plans every
// result, not the first 200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { createLookup, ws1StaticAuth } from '../../../electron/services/lookup/connect.ts';
import { resolveExactInputs, resolveQuery } from '../../../electron/services/jobs/bulk-targets.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';

async function demoLookup(deviceCount: number) {
  const demo = await startDemoTenant({ deviceCount });
  const ws1 = { baseUrl: demo.ws1Url, authHeaders: ws1StaticAuth({ basic: `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, tenantCode: demo.ws1.tenantCode }) };
  const lookup = createLookup({ scope: 'demo', graph: { baseUrl: demo.graphUrl, getToken: async () => demo.graphToken, portal: null }, ws1 });
  const engine = new JobEngine({ db: openJobsDatabase(':memory:'), executor: createHttpExecutor({}), identity: () => ({ technician: 'tech@contoso.com', tenant: 'demo' }) });
  return { demo, lookup, engine, stop: async () => (await engine.close(), await demo.stop()) };
}

test('a 10,000-row CSV of names plans in under 20 s, every name resolved or listed', { timeout: 120_000 }, async () => {
  const { demo, lookup, engine, stop } = await demoLookup(10_000);
  try {
    const names = [...new Set([...demo.data.ws1Devices.map((d) => d.friendlyName), ...demo.data.intuneDevices.map((d) => d.deviceName)])];
    assert.ok(names.length >= 9_990, `the demo tenant has ${names.length} device names`);
    const inputs = [...names.slice(0, 9_990), ...Array.from({ length: 10_000 - Math.min(9_990, names.length) }, (_, i) => `NO-SUCH-DEVICE-${i}`)];
    const started = performance.now();
    const targets = await resolveExactInputs(lookup, inputs, { goal: { kind: 'multiuser' } });
    const preview = engine.plan({ goal: { kind: 'multiuser' }, targets });
    const seconds = (performance.now() - started) / 1000;
    console.log(`[bulk-plan] ${inputs.length} CSV rows planned in ${seconds.toFixed(1)} s: ${preview.totals.toChange} to change, ${JSON.stringify(preview.totals.bySkipReason)}`);
    assert.equal(preview.totals.devices, 10_000);
    assert.equal(targets.length, 10_000);
    const unknown = inputs.filter((i) => i.startsWith('NO-SUCH-DEVICE-')).length;
    assert.equal(preview.totals.bySkipReason.notFound ?? 0, unknown + targets.filter((t, i) => i < 9_990 && t.matches.length === 0).length);
    assert.ok(targets.slice(0, 9_990).every((t) => t.matches.length >= 1), 'every listed name of the tenant matched');
    assert.ok(seconds < 20, `planning took ${seconds.toFixed(1)} s`);
  } finally {
    await stop();
  }
});

test('a search plans every result (CLASS-DEM: 990 devices); names that match nothing are listed, in input order', { timeout: 120_000 }, async () => {
  const { demo, lookup, engine, stop } = await demoLookup(2_200);
  try {
    const expected = new Set([...demo.data.intuneDevices.map((d) => d.deviceName), ...demo.data.ws1Devices.map((d) => d.friendlyName)].filter((n) => n.toLowerCase().startsWith('class-dem')));
    const targets = await resolveQuery(lookup, 'CLASS-DEM', { goal: { kind: 'shared' } });
    const preview = engine.plan({ goal: { kind: 'shared' }, targets });
    console.log(`[bulk-plan] search CLASS-DEM: ${preview.totals.devices} devices, ${preview.totals.toChange} to change`);
    assert.ok(expected.size > 200, `${expected.size} CLASS-DEM devices in the demo tenant`);
    assert.equal(new Set(targets.map((t) => t.matches[0].name)).size, expected.size);
    assert.equal(preview.confirmCount, preview.totals.toChange);

    const twin = demo.data.intuneDevices[0].deviceName;
    const resolved = await resolveExactInputs(lookup, [twin, ...Array.from({ length: 30 }, (_, i) => `MISSING-${i}`)], { goal: { kind: 'shared' } });
    assert.equal(resolved.length, 31);
    assert.ok(resolved[0].matches.length >= 1);
    assert.ok(resolved.slice(1).every((r) => r.matches.length === 0));
  } finally {
    await stop();
  }
});
