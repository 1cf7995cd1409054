// The router: argument and sender validation, typed errors, result checking, events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { Router, type Handlers } from '../../../electron/services/router/router.ts';
import { createLogger, memorySink } from '../../../electron/services/log/logger.ts';

const app = { frameUrl: 'app://helpdesk/index.html', isMainFrame: true };
const info = { name: 'x', version: '1', platform: 'linux', host: 'test' as const, tenant: { mode: 'demo' as const, label: 'Demo' } };

function makeRouter(overrides: Partial<Handlers> = {}) {
  const sink = memorySink();
  // Only the channels these tests call; the rest of the contract is exercised elsewhere.
  const handlers = {
    getAppInfo: () => info,
    getTheme: () => 'dark',
    setTheme: () => null,
    openExternal: () => null,
    ...overrides,
  } as Handlers;
  return { router: new Router(handlers, ['app://helpdesk'], createLogger(sink)), sink };
}

describe('Router', () => {
  test('answers a valid call from the app page', async () => {
    const { router } = makeRouter();
    assert.deepEqual(await router.invoke('getAppInfo', undefined, app), { ok: true, value: info });
  });

  test('refuses senders that are not the app page: other origins, sub-frames, no frame', async () => {
    const { router } = makeRouter();
    for (const sender of [
      { frameUrl: 'https://evil.example/', isMainFrame: true },
      { frameUrl: 'app://helpdesk.evil/', isMainFrame: true },
      { frameUrl: 'app://helpdesk/index.html', isMainFrame: false },
      { frameUrl: undefined, isMainFrame: true },
      { frameUrl: 'not a url', isMainFrame: true },
      { frameUrl: 'file:///index.html', isMainFrame: true },
    ]) {
      const res = await router.invoke('getAppInfo', undefined, sender);
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.error.code, 'forbidden_sender', String(sender.frameUrl));
    }
  });

  test('refuses unknown channels, including prototype names', async () => {
    const { router } = makeRouter();
    for (const ch of ['nope', '__proto__', 'constructor', 'toString', 'onNotice']) {
      const res = await router.invoke(ch, undefined, app);
      assert.equal(!res.ok && res.error.code, 'unknown_channel', ch);
    }
  });

  test('a bad argument is a bad_argument error in plain words; the channel and field go to the log only', async () => {
    const { router, sink } = makeRouter();
    const res = await router.invoke('setTheme', 'purple', app);
    assert.equal(res.ok, false);
    assert.equal(!res.ok && res.error.code, 'bad_argument');
    assert.doesNotMatch(!res.ok ? res.error.message : '', /setTheme|Invalid|enum|expected/i, 'no channel or schema wording on screen');
    assert.match(!res.ok ? res.error.message : '', /did not accept what was entered/);
    assert.ok(sink.lines.some((l) => l.includes('bad argument for setTheme')), 'the log keeps the detail');
  });

  test('openExternal accepts only admin-portal https links', async () => {
    const opened: string[] = [];
    const { router } = makeRouter({ openExternal: (url) => (opened.push(url), null) });
    for (const bad of ['http://intune.microsoft.com/', 'https://evil.example/', 'https://intune.microsoft.com.evil.example/', 'javascript:alert(1)', 'https://user@intune.microsoft.com/', 'file:///etc/passwd']) {
      const res = await router.invoke('openExternal', bad, app);
      assert.equal(!res.ok && res.error.code, 'bad_argument', bad);
    }
    assert.equal((await router.invoke('openExternal', 'https://intune.microsoft.com/#view/x', app)).ok, true);
    assert.equal((await router.invoke('openExternal', 'https://cn1506.awmdm.com/AirWatch/#/Devices', app)).ok, true);
    assert.deepEqual(opened, ['https://intune.microsoft.com/#view/x', 'https://cn1506.awmdm.com/AirWatch/#/Devices']);
  });

  test('an AppError from a handler comes back as its value; its detail stays in the log', async () => {
    const { router, sink } = makeRouter({
      getTheme: () => {
        throw new AppError('unavailable', 'Settings are unavailable.', 'EIO at /secret/path');
      },
    });
    assert.deepEqual(await router.invoke('getTheme', undefined, app), { ok: false, error: { code: 'unavailable', message: 'Settings are unavailable.' } });
    assert.ok(sink.lines.some((l) => l.includes('EIO at /secret/path')));
  });

  test('an unexpected exception is an internal error without its stack; main stays up', async () => {
    const { router, sink } = makeRouter({
      getTheme: () => {
        throw new Error('boom at line 3');
      },
    });
    const res = await router.invoke('getTheme', undefined, app);
    assert.equal(!res.ok && res.error.code, 'internal');
    assert.doesNotMatch(JSON.stringify(res), /boom/);
    assert.ok(sink.lines.some((l) => l.includes('boom at line 3')));
    assert.equal((await router.invoke('getAppInfo', undefined, app)).ok, true);
  });

  test('a handler result that breaks its schema is caught (bad_result)', async () => {
    const { router } = makeRouter({ getTheme: () => 'purple' as never });
    const res = await router.invoke('getTheme', undefined, app);
    assert.equal(!res.ok && res.error.code, 'bad_result');
  });

  test('events are validated before they reach subscribers', () => {
    const { router, sink } = makeRouter();
    const got: unknown[] = [];
    const off = router.subscribe((name, payload) => got.push([name, payload]));
    router.emit('onNotice', { level: 'warning', message: 'Graph is slow' });
    router.emit('onNotice', { level: 'loud', message: 3 } as never);
    off();
    router.emit('onNotice', { level: 'info', message: 'after unsubscribe' });
    assert.deepEqual(got, [['onNotice', { level: 'warning', message: 'Graph is slow' }]]);
    assert.ok(sink.lines.some((l) => l.includes('onNotice payload refused')));
  });
});
