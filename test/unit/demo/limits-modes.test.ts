// Sliding-window limits and the WS1 user-mode transitions, against a stepped clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlidingWindow } from '../../../electron/services/demo/limits.ts';
import { ModeChanges, type ModeAction } from '../../../electron/services/demo/ws1/modes.ts';
import type { Ws1Device, Ws1UserMode } from '../../../electron/services/demo/model.ts';

test('a window allows max calls, then says how long until the oldest leaves', () => {
  const w = new SlidingWindow({ max: 3, windowMs: 1_000 });
  assert.deepEqual([w.take(0), w.take(100), w.take(200)].map((r) => r.ok), [true, true, true]);
  assert.deepEqual(w.take(300), { ok: false, waitMs: 700 });
  assert.deepEqual(w.take(999), { ok: false, waitMs: 1 });
  assert.equal(w.take(1_000).ok, true, 'the call at 0 has left');
  assert.equal(w.take(1_001).ok, false);
});

test('a window stays correct over many calls', () => {
  const w = new SlidingWindow({ max: 200, windowMs: 20_000 });
  let allowed = 0;
  for (let t = 0; t < 200_000; t += 10) if (w.take(t).ok) allowed++;
  assert.equal(allowed, 200 * 10);
});

const device = (userMode: Ws1UserMode, uuid = 'u1'): Ws1Device => ({ uuid, userMode, platform: 'WinRT' }) as Ws1Device;

test('each action applies only to its documented starting modes', () => {
  const expected: Record<string, Ws1UserMode[]> = {
    MIGRATE_TO_MULTIUSER: ['SingleUserLegacy'],
    CHANGE_TO_MULTIUSER: ['SingleUser', 'MultiUserCapable'],
    CHANGE_TO_SINGLEUSER: ['MultiUser'],
  };
  for (const [action, from] of Object.entries(expected)) {
    for (const mode of ['SingleUserLegacy', 'SingleUser', 'MultiUserCapable', 'MultiUser'] as Ws1UserMode[]) {
      const m = new ModeChanges(() => 0, 10);
      const r = m.request(action as ModeAction, device(mode));
      assert.equal(r.ok, from.includes(mode), `${action} from ${mode}`);
      if (!r.ok) assert.match(r.reason, new RegExp(mode));
    }
  }
  const m = new ModeChanges(() => 0, 10);
  assert.equal(m.request('STEP_UP_TO_HUB_MANAGED', device('SingleUser')).ok, false);
  assert.equal(m.request('CHANGE_TO_MULTIUSER', undefined).ok, false);
  assert.equal(m.request('CHANGE_TO_MULTIUSER', { ...device('SingleUser'), platform: 'Apple' }).ok, false);
});

test('an accepted change is pending until the delay passes, and blocks a second change', () => {
  let now = 1_000;
  const m = new ModeChanges(() => now, 500);
  const d = device('SingleUser');
  assert.equal(m.request('CHANGE_TO_MULTIUSER', d).ok, true);
  assert.equal(m.request('CHANGE_TO_SINGLEUSER', d).ok, false);
  assert.equal(m.pendingFor('u1'), 'MultiUser');
  now = 1_499;
  m.settle();
  assert.equal(d.userMode, 'SingleUser');
  now = 1_500;
  m.settle();
  assert.equal(d.userMode, 'MultiUser');
  assert.equal(m.pendingFor('u1'), null);
  assert.equal(m.request('CHANGE_TO_SINGLEUSER', d).ok, true);
});
