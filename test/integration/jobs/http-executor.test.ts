// The wire executor against the fake tenant over real HTTP on 127.0.0.1: request shapes, outcomes, faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { FakeTenant } from '../../unit/jobs/support/fake-tenant.ts';
import { addFleet } from '../../unit/jobs/support/fleet.ts';
import { graphToken, serveFakeTenant, ws1TenantCode } from './support/fake-server.ts';

async function setup(token = graphToken) {
  const tenant = new FakeTenant({ now: Date.now, writeLimit: { count: 1000, windowMs: 1000 }, consumeDelayMs: 60_000 });
  const server = await serveFakeTenant(tenant);
  const executor = createHttpExecutor({
    graph: { url: server.url, getToken: async () => token },
    ws1: { url: server.url, getHeaders: async () => ({ 'aw-tenant-code': ws1TenantCode }) },
    timeoutMs: 2000,
  });
  return { tenant, server, executor };
}

test('writes, reads and WS1 batches over HTTP', async () => {
  const { tenant, server, executor } = await setup();
  try {
    addFleet(tenant, { intune: 2, ws1: 3, modes: ['singleUser', 'multiUser', 'singleUserLegacy'] });
    const signal = new AbortController().signal;
    const target = { key: 'SN-I000000', name: 'PC-I0', intune: { id: 'intune-0', primaryUser: null } };
    assert.deepEqual(await executor.readState(target, signal), { kind: 'ok', state: { primaryUser: { id: 'user-0', upn: 'user0@contoso.com' } } });
    const w = await executor.intuneWrite({ action: 'intune.assignPrimaryUser', deviceId: 'intune-0', user: { id: 'user-42' } }, signal);
    assert.equal(w.kind, 'ok');
    assert.match(w.requestId!, /^req-/);
    assert.deepEqual(await executor.readState(target, signal), { kind: 'ok', state: { primaryUser: { id: 'user-42', upn: undefined } } });
    assert.equal((await executor.intuneWrite({ action: 'intune.removePrimaryUser', deviceId: 'intune-0' }, signal)).kind, 'ok');
    assert.equal((await executor.intuneSync('intune-0', signal)).kind, 'ok');
    const b = await executor.ws1Action('ws1.changeToMultiuser', ['uuid-0', 'uuid-1'], signal);
    assert.deepEqual(b.kind === 'ok' && { accepted: b.accepted, rejected: b.rejected }, { accepted: ['uuid-0'], rejected: [{ uuid: 'uuid-1', reason: 'not valid for multiUser' }] });
    const ws1Target = { key: 'SN-W000000', name: 'PC-W0', ws1: { uuid: 'uuid-0', userMode: 'singleUser' as const } };
    assert.deepEqual(await executor.readState(ws1Target, signal), { kind: 'ok', state: { ws1UserMode: 'singleUser', ws1PendingAction: 'ws1.changeToMultiuser' } });
  } finally {
    await server.close();
  }
});

test('401, 403, 404, 429, 5xx and a dropped connection map to outcomes with a sentence for the technician', async () => {
  const { tenant, server, executor } = await setup();
  try {
    addFleet(tenant, { intune: 6, ws1: 1 });
    const signal = new AbortController().signal;
    const faults = ['http401', 'http403', 'http404', 'http429', 'http500', 'network'] as const;
    faults.forEach((f, i) => tenant.faults.set(`SN-I${String(i).padStart(6, '0')}`, [f]));
    const out = [];
    for (let i = 0; i < faults.length; i++) out.push(await executor.intuneWrite({ action: 'intune.removePrimaryUser', deviceId: `intune-${i}` }, signal));
    assert.deepEqual(
      out.map((o) => `${o.kind}:${'error' in o ? o.error.code : ''}`),
      ['failed:unauthorized', 'failed:forbidden', 'failed:not_found', 'throttled:', 'transient:unavailable', 'transient:unavailable'],
    );
    assert.match((out[1] as { error: Error }).error.message, /DeviceManagementManagedDevices\.ReadWrite\.All/);
    tenant.faults.set('SN-W000000', ['http403']);
    const w = await executor.ws1Action('ws1.changeToMultiuser', ['uuid-0'], signal);
    assert.equal(w.kind, 'failed');
    assert.match((w as { error: Error }).error.message, /Device Reassignment/);
  } finally {
    await server.close();
  }
});

test('an expired token fails each device with "sign in again"; a lost answer after the change is not sent twice', async () => {
  const bad = await setup('expired');
  const good = await setup();
  try {
    for (const { tenant, executor } of [bad, good]) {
      const targets = addFleet(tenant, { intune: 3, ws1: 0 });
      tenant.faults.set(targets[1].input, ['networkAfterApply']);
      const engine = new JobEngine({ db: openJobsDatabase(':memory:'), executor, identity: () => ({ technician: 't', tenant: 'c' }), settings: { backoffBaseMs: 5 } });
      const p = engine.plan({ goal: { kind: 'shared' }, targets });
      assert.equal(await engine.start(p.planId, null), 'finished');
      const steps = engine.steps(p.planId);
      if (tenant === bad.tenant) assert.deepEqual(steps.map((s) => s.error?.code), ['unauthorized', 'unauthorized', 'unauthorized']);
      else {
        assert.deepEqual(steps.map((s) => s.status), ['succeeded', 'succeeded', 'succeeded']);
        assert.equal(tenant.changes.get(targets[1].input), 1);
        assert.match(steps[1].note!, /confirmed after an unclear answer/);
      }
      await engine.close();
    }
  } finally {
    await bad.server.close();
    await good.server.close();
  }
});

test('syncDevice asks for the privileged token (PrivilegedOperations.All); primary-user writes and reads for the write token', async () => {
  const tenant = new FakeTenant({ now: Date.now, writeLimit: { count: 1000, windowMs: 1000 }, consumeDelayMs: 60_000 });
  const server = await serveFakeTenant(tenant);
  const asked: string[] = [];
  const executor = createHttpExecutor({ graph: { url: server.url, getToken: async (need) => (asked.push(need), graphToken) }, timeoutMs: 2000 });
  try {
    addFleet(tenant, { intune: 1, ws1: 0, modes: [] });
    const signal = new AbortController().signal;
    assert.equal((await executor.intuneWrite({ action: 'intune.removePrimaryUser', deviceId: 'intune-0' }, signal)).kind, 'ok');
    assert.deepEqual(asked, ['write']);
    assert.equal((await executor.intuneSync('intune-0', signal)).kind, 'ok');
    assert.deepEqual(asked, ['write', 'privileged']);
    await executor.readState({ key: 'SN-I000000', name: 'PC-I0', intune: { id: 'intune-0', primaryUser: null } }, signal);
    assert.deepEqual(asked, ['write', 'privileged', 'write']);
  } finally {
    await server.close();
  }
});
