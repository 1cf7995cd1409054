// Never send a mode command twice (issue 14, point 2): any 2xx is accepted whatever its body, and a lost
// answer is settled by reading the device back; where the tenant does not show the mode, nothing is re-sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpExecutor } from '../../../electron/services/jobs/http-executor.ts';
import { bestKnownModeWire } from '../../../electron/services/ws1/mode-wire.ts';
import type { JobTarget } from '../../../electron/common/jobs.ts';
import { harness } from './support/harness.ts';

test('a 2xx of an unknown shape counts as accepted for every device of the call', async () => {
  const calls: string[] = [];
  // The shape is given, so the only call is the mode change (no read of the tenant's API description).
  const ws1 = { url: 'https://as1.example.com', getHeaders: async () => ({}), modeWire: async () => bestKnownModeWire };
  const executor = createHttpExecutor({
    ws1,
    fetch: async (url) => (calls.push(String(url)), new Response(JSON.stringify({ activityId: 'x' }), { status: 200, headers: { 'request-id': 'r-1' } })),
  });
  const out = await executor.ws1Action('ws1.changeToMultiuser', ['u1', 'u2'], new AbortController().signal);
  assert.deepEqual(out, { kind: 'ok', accepted: ['u1', 'u2'], rejected: [], requestId: 'r-1' });
  const empty = createHttpExecutor({ ws1, fetch: async () => new Response(null, { status: 204 }) });
  assert.equal((await empty.ws1Action('ws1.changeToMultiuser', ['u1'], new AbortController().signal)).kind, 'ok');
  assert.equal(calls.length, 1);
});

test('a lost answer on a tenant that does not show the mode: read back, not re-sent, failed with a sentence', async () => {
  const { engine, tenant } = harness({
    // a real tenant's record: no mode field the app can read, no pending action
    wrap: (e) => ({ ...e, readState: async (t: JobTarget, s) => ((r) => (r.kind === 'ok' ? { kind: 'ok' as const, state: { ...r.state, ws1UserMode: 'unknown' as const, ws1PendingAction: undefined } } : r))(await e.readState(t, s)) }),
  });
  tenant.add({ key: 'SN-1', name: 'PC-1', ws1Uuid: 'uuid-1', mode: 'singleUser' });
  tenant.faults.set('SN-1', ['networkAfterApply']);
  const preview = engine.plan({ goal: { kind: 'multiuser' }, targets: [{ input: 'PC-1', matches: [{ key: 'SN-1', name: 'PC-1', ws1: { uuid: 'uuid-1', userMode: 'singleUser' } }] }] });
  assert.equal(await engine.start(preview.planId, preview.confirmCount), 'finished');
  const [step] = engine.steps(preview.planId);
  assert.equal(tenant.changes.get('SN-1'), 1, 'the command reached the device once');
  assert.equal(step.status, 'failed');
  assert.match(step.error!.message, /it was not sent again/);
  await engine.close();
});

test('a lost answer where the device shows the command pending: counted as sent, never re-sent', async () => {
  const { engine, tenant } = harness();
  tenant.add({ key: 'SN-2', name: 'PC-2', ws1Uuid: 'uuid-2', mode: 'singleUser' });
  tenant.faults.set('SN-2', ['http500AfterApply']);
  const preview = engine.plan({ goal: { kind: 'multiuser' }, targets: [{ input: 'PC-2', matches: [{ key: 'SN-2', name: 'PC-2', ws1: { uuid: 'uuid-2', userMode: 'singleUser' } }] }] });
  assert.equal(await engine.start(preview.planId, preview.confirmCount), 'finished');
  const [step] = engine.steps(preview.planId);
  assert.equal(tenant.changes.get('SN-2'), 1);
  assert.equal(step.status, 'succeeded');
  assert.equal(step.pending?.state, 'waiting');
  await engine.close();
});
