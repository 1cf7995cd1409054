// The bookmark store: per file by path and size, kept across a restart, written atomically, a changed
// size keeps the old bookmarks apart, a bad file on disk reads as empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookmarkStore } from '../../../electron/services/logs/marks/bookmark-store.ts';

test('toggle on and off, per path and size, kept across a restart; another size is "changed"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-marks-'));
  try {
    const file = join(dir, 'logs-bookmarks.json');
    const a = new BookmarkStore(file);
    assert.equal(a.toggle('C:/logs/IME.log', 100, { index: 7, time: '10:00', text: 'seven' }), true);
    assert.equal(a.toggle('C:/logs/IME.log', 100, { index: 3, time: null, text: 'three' }), true);
    assert.equal(a.toggle('C:/logs/Other.log', 100, { index: 1, time: null, text: 'other' }), true);
    assert.equal(existsSync(`${file}.tmp`), false, 'the temp file was renamed into place');
    const b = new BookmarkStore(file);
    assert.deepEqual(b.of('C:/logs/IME.log', 100).current.map((m) => m.index), [3, 7], 'in record order, after a restart');
    assert.deepEqual(b.of('C:/logs/IME.log', 100).changed, []);
    // The file grew: nothing is applied, the old ones are listed apart.
    assert.deepEqual(b.of('C:/logs/IME.log', 180), { current: [], changed: [{ index: 3, time: null, text: 'three' }, { index: 7, time: '10:00', text: 'seven' }] });
    assert.equal(b.toggle('C:/logs/IME.log', 180, { index: 9, time: null, text: 'nine' }), true);
    assert.deepEqual(b.of('C:/logs/IME.log', 180).current.map((m) => m.index), [9]);
    assert.equal(b.toggle('C:/logs/IME.log', 100, { index: 7, time: '10:00', text: 'seven' }), false, 'toggled off');
    assert.deepEqual(new BookmarkStore(file).of('C:/logs/IME.log', 100).current.map((m) => m.index), [3]);
    writeFileSync(file, '{ not json');
    assert.deepEqual(new BookmarkStore(file).of('C:/logs/IME.log', 100), { current: [], changed: [] }, 'unreadable: empty, never a crash');
    assert.ok(readFileSync(file, 'utf8').startsWith('{ not'), 'reading never rewrites');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
