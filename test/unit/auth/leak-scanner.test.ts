import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLeaks } from '../../support/leaks.ts';

const token = '1.AV0A-refresh/token+value_0123456789';

test('finds a secret raw, URL-encoded, form-encoded, JSON-escaped and in base64 at any alignment', () => {
  const hits = (text: string) => findLeaks([token], [{ label: 't', text }]).length;
  assert.equal(hits(`x ${token} y`), 1);
  assert.equal(hits(`?rt=${encodeURIComponent(token)}`), 1);
  assert.equal(hits(new URLSearchParams({ rt: token }).toString()), 1);
  for (const prefix of ['', 'a', 'ab', 'abc:']) {
    assert.equal(hits(Buffer.from(`${prefix}${token}!`).toString('base64')), 1, `base64 prefix ${prefix.length}`);
    assert.equal(hits(Buffer.from(`${prefix}${token}`).toString('base64url')), 1, `base64url prefix ${prefix.length}`);
  }
  assert.equal(hits('1.AV0A-refresh only a part'), 0);
});

test('scans folders recursively, utf-8 and utf-16, and says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-leaks-'));
  try {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'clean.log'), 'nothing to see');
    writeFileSync(join(dir, 'a', 'b', 'wide.txt'), Buffer.from(`x${token}`, 'utf16le'));
    const leaks = findLeaks([token, 'short'], [{ label: 'data', path: dir }, { label: 'missing', path: join(dir, 'nope') }]);
    assert.equal(leaks.length, 1);
    assert.match(leaks[0].where, /wide\.txt \(utf16le\)$/);
    assert.equal(leaks[0].context.includes(token), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
