import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import { KeytarSecretStore } from '../../../electron/services/secrets/keytar-store.ts';
import { SessionSecretStore, maxKeychainSecretBytes } from '../../../electron/services/secrets/secret-store.ts';
import { FakeKeytar, hangingKeytar, throwingKeytar } from './fakes.ts';

test('set, get, delete under one keychain service', async () => {
  const keytar = new FakeKeytar();
  const store = new KeytarSecretStore({ keytar, service: 'svc' });
  await store.set('profile:a:clientSecret', 's3cret-value');
  assert.deepEqual([...keytar.items.keys()], ['svc/profile:a:clientSecret']);
  assert.equal(await store.get('profile:a:clientSecret'), 's3cret-value');
  assert.equal(await store.delete('profile:a:clientSecret'), true);
  assert.equal(await store.get('profile:a:clientSecret'), null);
});

test('secrets over Windows Credential Manager’s 2,560 bytes are refused everywhere', async () => {
  const store = new KeytarSecretStore({ keytar: new FakeKeytar() });
  await store.set('ok', 'x'.repeat(maxKeychainSecretBytes));
  await assert.rejects(store.set('big', 'x'.repeat(maxKeychainSecretBytes + 1)), (e: unknown) => e instanceof AppError && e.code === 'invalid_input');
  await assert.rejects(new SessionSecretStore({ code: 'failed', message: 'm' }).set('big', 'é'.repeat(1281)), AppError);
});

test('a keychain that stops answering gives a timeout error, one that fails gives unavailable', async () => {
  const slow = new KeytarSecretStore({ keytar: hangingKeytar(), timeoutMs: 50 });
  await assert.rejects(slow.set('k', 'v'), (e: unknown) => e instanceof AppError && e.code === 'timeout' && /locked/.test(e.message));
  const broken = new KeytarSecretStore({ keytar: throwingKeytar('Cannot create an item in a locked collection') });
  await assert.rejects(broken.set('k', 'v'), (e: unknown) => e instanceof AppError && e.code === 'unavailable' && /locked collection/.test(e.message));
});
