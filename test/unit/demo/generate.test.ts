// The generator: deterministic from the seed, the documented counts, stable scenario names and
// serials, and the large tenant for benchmarks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTenant } from '../../../electron/services/demo/generate.ts';
import { scenarioExamples, scenarioIds, scenarios, serialFromName } from '../../../electron/services/demo/scenarios.ts';

const now = Date.parse('2026-11-20T10:00:00Z');
const snapshot = (seed: number, deviceCount = 2_200) => {
  const t = generateTenant({ seed, deviceCount, now });
  return JSON.stringify([t.users, t.intuneDevices, t.ws1Users, t.ws1Devices]);
};

test('the same seed gives the same tenant; another seed another one', () => {
  assert.equal(snapshot(7), snapshot(7));
  assert.notEqual(snapshot(7), snapshot(8));
});

test('deviceCount physical devices, some in both platforms by serial, unique ids', () => {
  const t = generateTenant({ seed: 3, deviceCount: 2_200, now });
  const serials = new Set([...t.intuneDevices, ...t.ws1Devices].map((d) => d.serialNumber || String(d.id)));
  assert.equal(serials.size, 2_200);
  const ws1Serials = new Set(t.ws1Devices.map((d) => d.serialNumber));
  const both = t.intuneDevices.filter((d) => ws1Serials.has(d.serialNumber));
  assert.ok(both.length >= scenarios['dual-platform'].count + scenarios['stale-checkin'].count);
  assert.equal(t.intuneById.size, t.intuneDevices.length);
  assert.equal(t.ws1ByUuid.size, t.ws1Devices.length);
  assert.equal(new Set(t.users.map((u) => u.userPrincipalName)).size, t.users.length);
});

test('scenario devices keep their names and serials whatever the seed', () => {
  for (const seed of [1, 99]) {
    const t = generateTenant({ seed, deviceCount: 2_000, now });
    for (const id of scenarioIds) {
      const ex = scenarioExamples[id];
      const found = [...t.intuneDevices.map((d) => [d.deviceName, d.serialNumber]), ...t.ws1Devices.map((d) => [d.reportedName, d.serialNumber])].find(([n]) => n === ex.deviceName);
      assert.deepEqual(found, [ex.deviceName, ex.serialNumber], `${id} seed ${seed}`);
    }
  }
  assert.equal(serialFromName('LAB-DEM-001'), scenarioExamples['dem-primary-user'].serialNumber);
});

test('the DEM account near its limit, the shared account on dozens of devices', () => {
  const t = generateTenant({ seed: 1, deviceCount: 2_200, now });
  const byDem = t.intuneDevices.filter((d) => d.enrolledByUserPrincipalName === t.accounts.demClassroom.userPrincipalName && d.deviceEnrollmentType === 'deviceEnrollmentManager');
  assert.equal(byDem.length, 990);
  const shared = t.intuneDevices.filter((d) => d.usersLoggedOn.some((u) => u.userId === t.accounts.sharedAccount.id));
  assert.ok(shared.length >= 36);
});

test('a large tenant of 50,000 devices from a seed', () => {
  const t = generateTenant({ seed: 5, deviceCount: 50_000, now });
  assert.equal(new Set([...t.intuneDevices, ...t.ws1Devices].map((d) => d.serialNumber || d.id)).size, 50_000);
  assert.ok(t.ws1Devices.length > 10_000);
  assert.ok(t.intuneDevices.length > 30_000);
});
