// Bulk planning survives throttling: against a demo tenant that throttles hard (a few requests per window,
// 429s with Retry-After on plain calls and inside $batch, some without Retry-After), a 300-name plan and a
// 10,000-row CSV plan complete with the right rows, every run. Time is simulated: the clients' sleep moves
// the simulator's clock, so no test waits for real seconds and no wait races the work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoTenant, type DemoTenant } from '../../../electron/services/demo/index.ts';
import { createLookup, ws1StaticAuth } from '../../../electron/services/lookup/connect.ts';
import { resolveExactInputs } from '../../../electron/services/jobs/bulk-targets.ts';
import { waitText, type ServiceWait } from '../../../electron/services/graph/patience.ts';
import type { ModeGoal } from '../../../electron/common/jobs.ts';

interface Harness {
  demo: DemoTenant;
  lookup: ReturnType<typeof createLookup>;
  waits: ServiceWait[];
  clock: { ms: number };
}

async function throttledDemo(deviceCount: number, graphPerWindow: number, ws1PerWindow: number): Promise<Harness> {
  const clock = { ms: Date.parse('2026-12-02T08:00:00Z') };
  const demo = await startDemoTenant({
    deviceCount,
    now: () => clock.ms,
    limits: { graphRequests: { max: graphPerWindow, windowMs: 20_000 }, ws1Requests: { max: ws1PerWindow, windowMs: 60_000 }, graphOmitRetryAfterEvery: 3 },
  });
  // Simulated time: a client's wait moves the simulator's clock instead of sleeping.
  const sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw new Error('cancelled');
    clock.ms += ms;
  };
  const ws1 = { baseUrl: demo.ws1Url, authHeaders: ws1StaticAuth({ basic: `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, tenantCode: demo.ws1.tenantCode }) };
  const lookup = createLookup({ scope: 'demo', graph: { baseUrl: demo.graphUrl, getToken: async () => demo.graphToken, portal: null }, ws1 }, { http: { sleep, random: () => 0.5 }, now: () => new Date(clock.ms) });
  return { demo, lookup, waits: [], clock };
}

async function plan(h: Harness, inputs: string[], goal: ModeGoal) {
  return resolveExactInputs(h.lookup, inputs, { goal, onWait: (w) => h.waits.push(w) });
}

test('300 names plan completely while Intune throttles hard (plain calls and $batch sub-requests), twice in a row', { timeout: 120_000 }, async () => {
  const h = await throttledDemo(2_200, 40, 30);
  try {
    const devices = h.demo.data.intuneDevices.filter((d) => d.operatingSystem === 'Windows').slice(0, 300);
    const names = devices.map((d) => d.deviceName);
    for (let run = 1; run <= 2; run++) {
      const before = h.demo.counters.throttled.graph;
      const targets = await plan(h, names, { kind: 'shared' });
      assert.equal(targets.length, 300);
      targets.forEach((t, i) => {
        assert.equal(t.input, names[i]);
        const intune = t.matches.filter((m) => m.intune?.id === devices[i].id);
        assert.equal(intune.length, 1, `${names[i]} resolved to its device`);
        assert.equal(intune[0].intune?.primaryUser?.id ?? null, devices[i].userId, `${names[i]}: primary user read through the throttled $batch`);
      });
      const throttled = h.demo.counters.throttled.graph - before;
      assert.ok(throttled > 20, `run ${run}: the simulator throttled ${throttled} Graph requests`);
    }
    assert.ok(h.waits.some((w) => w.service === 'Intune' && w.why === 'throttled'));
    assert.match(waitText(h.waits[0]), /^(Intune|Workspace ONE) asked us to slow down; continuing in \d+ s$/);
  } finally {
    await h.demo.stop();
  }
});

// One platform throttles at a time, so only its waits move the shared simulated clock (deterministic).
for (const hard of ['graph', 'ws1'] as const) {
  test(`a 10,000-row CSV plans completely while ${hard === 'graph' ? 'Intune' : 'Workspace ONE'} throttles hard`, { timeout: 240_000 }, async () => {
    const h = hard === 'graph' ? await throttledDemo(10_000, 2, 10_000) : await throttledDemo(10_000, 10_000, 2);
    try {
      const names = [...new Set([...h.demo.data.ws1Devices.map((d) => d.friendlyName), ...h.demo.data.intuneDevices.map((d) => d.deviceName)])].slice(0, 9_990);
      const inputs = [...names, ...Array.from({ length: 10 }, (_, i) => `NO-SUCH-DEVICE-${i}`)];
      const started = h.clock.ms;
      const targets = await plan(h, inputs, { kind: 'multiuser' });
      assert.equal(targets.length, 10_000);
      assert.ok(targets.slice(0, 9_990).every((t, i) => t.input === inputs[i] && t.matches.length >= 1), 'every name of the tenant matched');
      assert.ok(targets.slice(9_990).every((t) => t.matches.length === 0), 'unknown names are listed as not found');
      const c = h.demo.counters.throttled;
      assert.ok(c[hard] >= 3, `${hard} throttled ${c[hard]} requests`);
      assert.ok(h.waits.length >= 3);
      console.log(`[throttled-plan] 10,000 rows, ${hard} throttling: ${c[hard]} 429s, ${h.waits.length} waits, ${((h.clock.ms - started) / 1000).toFixed(0)} s of simulated time`);
    } finally {
      await h.demo.stop();
    }
  });
}

test('a service that never stops throttling ends planning after the bounded wait, with a clear sentence; a stop ends it at once', { timeout: 60_000 }, async () => {
  const h = await throttledDemo(2_200, 2_000, 500);
  try {
    h.demo.faults.inject('/v1.0/deviceManagement/managedDevices', 'throttled', { target: 'graph', retryAfterSeconds: 30 });
    const names = h.demo.data.intuneDevices.slice(0, 30).map((d) => d.deviceName);
    const started = h.clock.ms;
    await assert.rejects(
      resolveExactInputs(h.lookup, names, { goal: { kind: 'shared' }, maxWaitMs: 5 * 60_000, onWait: (w) => h.waits.push(w) }),
      (err: Error & { code?: string }) => err.code === 'throttled' && /Intune kept asking us to slow down for 5 minutes/.test(err.message),
    );
    const waited = h.clock.ms - started;
    assert.ok(waited >= 4.5 * 60_000 && waited <= 5 * 60_000, `waited ${waited / 1000} s of simulated time`);
    assert.ok(h.waits.every((w) => w.ms === 30_000));

    const stop = new AbortController();
    const stopping = resolveExactInputs(h.lookup, names, { goal: { kind: 'shared' }, signal: stop.signal, onWait: () => stop.abort() });
    await assert.rejects(stopping, (err: Error & { code?: string }) => err.code === 'cancelled' || /cancelled/.test(err.message));
  } finally {
    await h.demo.stop();
  }
});
