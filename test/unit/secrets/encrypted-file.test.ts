import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptedBlobFile } from '../../../electron/services/secrets/encrypted-file.ts';
import { MemoryKeychain } from './fakes.ts';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-enc-'));
  const secrets = new MemoryKeychain();
  const problems: string[] = [];
  const file = (purpose = 'msal-cache:a') =>
    new EncryptedBlobFile({ path: join(dir, 'auth', 'cache.bin'), secrets, keyName: 'key:a', purpose, onProblem: (p) => problems.push(p) });
  return { dir, secrets, problems, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('round-trips large text; the file holds no plaintext and only the owner can read it', async () => {
  const s = setup();
  try {
    const text = JSON.stringify({ RefreshToken: { x: { secret: 'refresh-token-abcdefghijklmnop' } }, pad: 'p'.repeat(50_000) });
    await s.file().write(text);
    const raw = readFileSync(join(s.dir, 'auth', 'cache.bin'));
    assert.equal(raw.subarray(0, 4).toString(), 'SDH1');
    assert.equal(raw.includes('refresh-token-abcdefghijklmnop'), false);
    assert.equal(statSync(join(s.dir, 'auth', 'cache.bin')).mode & 0o777, 0o600);
    const key = await s.secrets.get('key:a');
    assert.equal(Buffer.from(key ?? '', 'base64').length, 32);
    assert.equal(await s.file().read(), text); // a fresh instance reads it with the key from the keychain
    assert.deepEqual(s.problems, []);
  } finally {
    s.cleanup();
  }
});

test('no file reads as null; a new IV each write', async () => {
  const s = setup();
  try {
    assert.equal(await s.file().read(), null);
    const f = s.file();
    await f.write('same');
    const a = readFileSync(join(s.dir, 'auth', 'cache.bin'));
    await f.write('same');
    const b = readFileSync(join(s.dir, 'auth', 'cache.bin'));
    assert.notDeepEqual(a, b);
  } finally {
    s.cleanup();
  }
});

test('tampered file, wrong purpose, or lost key read as empty and are reported', async () => {
  const s = setup();
  try {
    await s.file().write('cache');
    const path = join(s.dir, 'auth', 'cache.bin');
    const raw = readFileSync(path);
    raw[raw.length - 1] ^= 1;
    writeFileSync(path, raw);
    assert.equal(await s.file().read(), null);
    assert.deepEqual(s.problems, ['unreadable']);

    await s.file().write('cache');
    assert.equal(await s.file('msal-cache:other').read(), null);
    assert.deepEqual(s.problems, ['unreadable', 'unreadable']);

    await s.secrets.delete('key:a');
    assert.equal(await s.file().read(), null);
    assert.deepEqual(s.problems, ['unreadable', 'unreadable', 'key-missing']);
    await s.file().write('fresh'); // a new key is made and the file replaced
    assert.equal(await s.file().read(), 'fresh');
  } finally {
    s.cleanup();
  }
});

test('remove deletes the file and its key', async () => {
  const s = setup();
  try {
    const f = s.file();
    await f.write('x');
    await f.remove();
    assert.equal(await s.secrets.get('key:a'), null);
    assert.throws(() => statSync(join(s.dir, 'auth', 'cache.bin')));
  } finally {
    s.cleanup();
  }
});
