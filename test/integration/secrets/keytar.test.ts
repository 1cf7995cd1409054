// keytar against a real Secret Service (gnome-keyring inside dbus-run-session).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { AppError } from '../../../electron/common/errors.ts';
import { msalCachePath, msalCachePlugin } from '../../../electron/services/auth/msal-cache-plugin.ts';
import { ProfileStore } from '../../../electron/services/profiles/profile-store.ts';
import { KeytarSecretStore } from '../../../electron/services/secrets/keytar-store.ts';
import { openSecretStore } from '../../../electron/services/secrets/open.ts';
import { findLeaks } from '../../support/leaks.ts';
import { startAuthFixture } from '../../support/oidc/fixture.ts';
import { realKeychain } from './keyring-env.ts';

const findCredentials = (service: string): Promise<Array<{ account: string }>> => (createRequire(import.meta.url)('keytar') as { findCredentials(s: string): Promise<Array<{ account: string }>> }).findCredentials(service);
const testService = () => `Shared Device Helpdesk test ${randomBytes(4).toString('hex')}`;

test('the probe passes and secrets round-trip; oversize secrets are refused before the keychain', async (t) => {
  const keytar = await realKeychain(t);
  if (!keytar) return;
  const service = testService();
  const store = await openSecretStore({ keytar, service });
  assert.ok(store instanceof KeytarSecretStore);
  try {
    assert.deepEqual(await findCredentials(service), []); // the probe's marker is gone
    await store.set('profile:a:clientSecret', 'sécret-ünïcode-值');
    assert.equal(await store.get('profile:a:clientSecret'), 'sécret-ünïcode-值');
    await store.set('max', 'x'.repeat(2560));
    assert.equal((await store.get('max'))?.length, 2560);
    await assert.rejects(store.set('big', 'x'.repeat(2561)), (e: unknown) => e instanceof AppError && e.code === 'invalid_input');
    assert.equal(await store.get('big'), null);
  } finally {
    for (const c of await findCredentials(service)) await store.delete(c.account);
  }
  assert.deepEqual(await findCredentials(service), []);
});

test('profiles: secrets in the keychain survive a restart; removal leaves nothing behind', async (t) => {
  const keytar = await realKeychain(t);
  if (!keytar) return;
  const service = testService();
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-keychain-'));
  try {
    const first = new ProfileStore(dataDir, await openSecretStore({ keytar, service }));
    const saved = await first.save({ kind: 'ws1', name: 'Real', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'real-keychain-password-1', apiKey: 'real-keychain-apikey-22' } });
    assert.ok(saved.ok);
    const restarted = new ProfileStore(dataDir, await openSecretStore({ keytar, service }));
    assert.equal(await restarted.secret(await restarted.get('real'), 'password'), 'real-keychain-password-1');
    assert.deepEqual((await restarted.views())[0].secretsSaved, { clientSecret: false, apiKey: true, password: true });
    assert.deepEqual(findLeaks(['real-keychain-password-1', 'real-keychain-apikey-22'], [{ label: 'data', path: dataDir }]), []);
    await restarted.remove('real');
    assert.deepEqual(await findCredentials(service), []);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the MSAL token cache: encrypted file, its key in the real keychain, silent sign-in after a restart', async (t) => {
  const keytar = await realKeychain(t);
  if (!keytar) return;
  const service = testService();
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-keychain-'));
  const f = await startAuthFixture();
  try {
    const secrets = await openSecretStore({ keytar, service });
    await f.signIn({ cachePlugin: msalCachePlugin({ dataDir, profileId: f.profile.id, secrets }) }).signIn({ kind: 'browser' });
    const afterRestart = f.signIn({ allowInteractive: false, cachePlugin: msalCachePlugin({ dataDir, profileId: f.profile.id, secrets: await openSecretStore({ keytar, service }) }) });
    assert.equal(await afterRestart.getToken(afterRestart.scopes('read')), f.authority.issued.accessTokens[0]);
    assert.equal(f.browser.opened.length, 1);
    const stored = await findCredentials(service);
    assert.deepEqual(stored.map((c) => c.account), [`msal-cache-key:${f.profile.id}`]);
    const file = readFileSync(msalCachePath(dataDir, f.profile.id));
    assert.ok(file.length > 2560, 'the cache is bigger than Credential Manager allows, hence the file');
    const { issued } = f.authority;
    assert.deepEqual(findLeaks([...issued.accessTokens, ...issued.refreshTokens, ...issued.idTokens], [{ label: 'data', path: dataDir }]), []);
  } finally {
    await f.stop();
    for (const c of await findCredentials(service)) await keytar.deletePassword(service, c.account);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
