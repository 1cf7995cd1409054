import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../electron/common/errors.ts';
import { ProfileStore } from '../../../electron/services/profiles/profile-store.ts';
import { SessionSecretStore } from '../../../electron/services/secrets/secret-store.ts';
import { MemoryKeychain } from '../secrets/fakes.ts';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-profiles-'));
  const secrets = new MemoryKeychain();
  return { dir, secrets, store: new ProfileStore(dir, secrets), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('saving keeps secrets in the store and only the profile in profiles.json (owner-only)', async () => {
  const s = setup();
  try {
    const saved = await s.store.save({ kind: 'ws1', name: 'Fabrikam', apiHost: 'as1506.awmdm.com', authMethod: 'oauth', clientId: 'cid-1', region: 'na', secrets: { clientSecret: 'client-secret-value', apiKey: 'api-key-value' } });
    assert.ok(saved.ok);
    if (!saved.ok) return;
    assert.deepEqual(saved.view.secretsSaved, { clientSecret: true, apiKey: true, password: false });
    assert.equal(saved.view.secretStorage, 'keychain');
    const file = readFileSync(join(s.dir, 'profiles.json'), 'utf8');
    assert.equal(file.includes('client-secret-value') || file.includes('api-key-value'), false);
    assert.equal(statSync(join(s.dir, 'profiles.json')).mode & 0o777, 0o600);
    assert.equal(await s.secrets.get('profile:fabrikam:https://as1506.awmdm.com|oauth|na:clientSecret'), 'client-secret-value');
    assert.equal(JSON.stringify(await s.store.views()).includes('secret-value'), false);
  } finally {
    s.cleanup();
  }
});

test('editing keeps saved secrets, switching method asks for them again and drops the old ones, removing deletes all', async () => {
  const s = setup();
  try {
    await s.store.save({ kind: 'ws1', name: 'F', apiHost: 'as1.awmdm.com', authMethod: 'oauth', clientId: 'c', region: 'na', secrets: { clientSecret: 'cs-123456', apiKey: 'ak-123456' } });
    const kept = await s.store.save({ kind: 'ws1', id: 'f', name: 'F2', apiHost: 'as1.awmdm.com', authMethod: 'oauth', clientId: 'c2', region: 'na' });
    assert.ok(kept.ok);
    assert.equal(await s.secrets.get('profile:f:https://as1.awmdm.com|oauth|na:clientSecret'), 'cs-123456');
    const asked = await s.store.save({ kind: 'ws1', id: 'f', name: 'F2', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'pw-123456' } });
    assert.deepEqual(asked.ok ? [] : asked.problems.map((p) => p.field), ['apiKey', 'secrets']);
    const switched = await s.store.save({ kind: 'ws1', id: 'f', name: 'F2', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'admin', secrets: { password: 'pw-123456', apiKey: 'ak-123456' } });
    assert.ok(switched.ok);
    assert.deepEqual([...s.secrets.values.keys()].sort(), ['profile:f:https://as1.awmdm.com|basic|admin:apiKey', 'profile:f:https://as1.awmdm.com|basic|admin:password']);
    assert.equal((await s.store.list()).length, 1);
    await s.store.remove('f');
    assert.deepEqual(await s.store.list(), []);
    assert.equal(s.secrets.values.size, 0);
  } finally {
    s.cleanup();
  }
});

test('a second profile with the same name is refused; invalid drafts return problems, not errors', async () => {
  const s = setup();
  try {
    const draft = { kind: 'intune' as const, name: 'Contoso', tenant: 'contoso.onmicrosoft.com', clientId: '0b6f4a3e-1d2c-4e5f-8a9b-0c1d2e3f4a5b' };
    assert.ok((await s.store.save(draft)).ok);
    assert.deepEqual(await s.store.save(draft), { ok: false, problems: [{ field: 'name', message: 'A profile with that name exists already.' }] });
    const bad = await s.store.save({ kind: 'intune', name: 'x' });
    assert.equal(bad.ok, false);
    await assert.rejects(s.store.get('nope'), (e: unknown) => e instanceof AppError && e.code === 'not_found');
  } finally {
    s.cleanup();
  }
});

test('session-only secrets show in the view; a damaged file is an error that says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-profiles-'));
  try {
    const store = new ProfileStore(dir, new SessionSecretStore({ code: 'no-dbus', message: 'No D-Bus.' }));
    const saved = await store.save({ kind: 'ws1', name: 'S', apiHost: 'as1.awmdm.com', authMethod: 'basic', username: 'u', secrets: { password: 'p-123456', apiKey: 'k-123456' } });
    assert.ok(saved.ok && saved.view.secretStorage === 'session');
    writeFileSync(join(dir, 'profiles.json'), '{not json');
    await assert.rejects(store.list(), (e: unknown) => e instanceof AppError && /damaged/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
