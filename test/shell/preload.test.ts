// The preload exposes exactly the contract's channels, one function each, and nothing of Electron.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import type * as FakeElectron from './support/fake-electron.ts';
import { channelNames, contract, eventNames, invokeNames } from '../../electron/common/ipc/contract.ts';
import { ipcName } from '../../electron/common/ipc/channel.ts';

register(new URL('./support/hooks.mjs', import.meta.url));
const fake = (await import('./support/fake-electron.ts')) as typeof FakeElectron;
await import('../../electron/shell/preload.ts');
const exposed = fake.recorded.exposed;
const api = exposed.get('helpdesk') as Record<string, (...a: unknown[]) => unknown>;

test('exposes one object, window.helpdesk, and nothing else', () => {
  assert.deepEqual([...exposed.keys()], ['helpdesk']);
});

test('window.helpdesk has exactly one function per contract channel', () => {
  assert.deepEqual(Object.keys(api).sort(), [...channelNames].sort());
  for (const name of channelNames) assert.equal(typeof api[name], 'function', name);
  assert.ok(Object.isFrozen(api));
});

test('no raw ipcRenderer and no generic invoke/send/on is exposed', () => {
  for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'require', 'process']) {
    assert.equal(forbidden in api, false, forbidden);
  }
  for (const value of Object.values(api)) assert.notEqual(value, fake.ipcRenderer.invoke);
});

test('an invoke function calls its own namespaced channel with the argument', async () => {
  for (const name of invokeNames.filter((n) => n !== 'logsOpenDropped')) {
    fake.recorded.invoked.length = 0;
    await api[name]({ probe: name });
    assert.deepEqual(fake.recorded.invoked, [[ipcName(name), { probe: name }]]);
  }
});

test('an event function subscribes with the payload only and unsubscribes', () => {
  for (const name of eventNames) {
    const got: unknown[] = [];
    const off = api[name]((p: unknown) => got.push(p)) as () => void;
    const listeners = fake.recorded.rendererListeners.get(ipcName(name))!;
    assert.equal(listeners.size, 1);
    for (const l of listeners) (l as (e: unknown, p: unknown) => void)({ sender: 'secret-event-object' }, { level: 'info' });
    assert.deepEqual(got, [{ level: 'info' }]);
    off();
    assert.equal(listeners.size, 0);
    assert.throws(() => api[name]('not a function'), TypeError);
  }
  assert.equal(eventNames.length + invokeNames.length, Object.keys(contract).length);
});

test('dropped files reach main as paths read by the preload; anything else is dropped', async () => {
  fake.recorded.invoked.length = 0;
  const file = new File(['x'], 'DeviceReassignment-20261123.log');
  await api.logsOpenDropped({ files: [file, 'not a file', { path: '/etc/shadow' }] });
  assert.deepEqual(fake.recorded.invoked, [[ipcName('logsOpenDropped'), { paths: ['/dropped/DeviceReassignment-20261123.log'] }]]);
});
