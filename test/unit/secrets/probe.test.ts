import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSecretStore, describeSecretStorage } from '../../../electron/services/secrets/open.ts';
import { probeKeychain, explainKeychainError } from '../../../electron/services/secrets/probe.ts';
import { SessionSecretStore } from '../../../electron/services/secrets/secret-store.ts';
import { KeytarSecretStore } from '../../../electron/services/secrets/keytar-store.ts';
import { FakeKeytar, forgetfulKeytar, hangingKeytar, throwingKeytar } from './fakes.ts';

test('a working keychain passes the probe and leaves no marker behind', async () => {
  const keytar = new FakeKeytar();
  const result = await probeKeychain(keytar, { service: 'svc' });
  assert.equal(result.usable, true);
  assert.equal(keytar.items.size, 0);
  assert.equal(keytar.calls, 3);
  const store = await openSecretStore({ keytar, service: 'svc' });
  assert.ok(store instanceof KeytarSecretStore);
  assert.equal(store.persistence.kind, 'keychain');
  assert.equal(describeSecretStorage(store), 'Secrets are kept in the OS keychain.');
});

test('real libsecret / D-Bus error messages are explained plainly', () => {
  const cases: Array<[string, string]> = [
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
    ['Could not connect: No such file or directory', 'no-dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'no-collection'],
    ['Something else broke', 'failed'],
  ];
  for (const [message, code] of cases) {
    const problem = explainKeychainError(new Error(message));
    assert.equal(problem.code, code, message);
    assert.equal(problem.detail, message);
    assert.ok(problem.message.length > 20);
  }
});

test('no keychain: session-only store that says why and forgets on exit', async () => {
  const store = await openSecretStore({ keytar: throwingKeytar('Cannot autolaunch D-Bus without X11 $DISPLAY') });
  assert.ok(store instanceof SessionSecretStore);
  assert.equal(store.persistence.kind, 'session');
  if (store.persistence.kind !== 'session') return;
  assert.equal(store.persistence.problem.code, 'no-dbus');
  assert.match(describeSecretStorage(store), /D-Bus.*for this session only.*nothing is written to disk in plain text/s);
  await store.set('k', 'v');
  assert.equal(await store.get('k'), 'v');
  assert.equal(await store.delete('k'), true);
  assert.equal(await store.get('k'), null);
});

test('a write that hangs on an unlock prompt times out instead of hanging the app', async () => {
  const started = Date.now();
  const result = await probeKeychain(hangingKeytar(), { service: 'svc', timeoutMs: 150 });
  assert.equal(result.usable, false);
  if (result.usable) return;
  assert.equal(result.problem.code, 'timeout');
  assert.ok(Date.now() - started < 2000);
  const store = await openSecretStore({ keytar: hangingKeytar(), probeTimeoutMs: 100 });
  assert.equal(store.persistence.kind, 'session');
});

test('a keychain that accepts writes but reads back nothing (locked looks empty) is not trusted', async () => {
  const result = await probeKeychain(forgetfulKeytar(), { service: 'svc' });
  assert.equal(result.usable, false);
  if (result.usable) return;
  assert.equal(result.problem.code, 'reads-empty');
  assert.match(result.problem.message, /locked/);
});

test('a keytar module that fails to load counts as no keychain', async () => {
  // an Error is what loadKeytar returns for a broken native build
  const store = await openSecretStore({ keytar: new Error('Cannot find module keytar.node') });
  assert.equal(store.persistence.kind, 'session');
  if (store.persistence.kind !== 'session') return;
  assert.equal(store.persistence.problem.code, 'module-missing');
  assert.equal(store.persistence.problem.detail, 'Cannot find module keytar.node');
});
