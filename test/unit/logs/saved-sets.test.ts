// Saved sets of filters and highlight rules: the export file's schema, an import that is all or nothing
// and says in words what is wrong, names replaced on import, kept across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { savedSetsFileSchema, type SavedSet } from '../../../electron/common/logs-marks.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { SavedSetStore } from '../../../electron/services/logs/marks/saved-set-store.ts';

const set = (name: string, pattern = 'Win32App'): SavedSet => ({
  name,
  filter: { levels: ['error'], component: 'AppWorkload', thread: '', text: { pattern, regex: false, caseSensitive: false }, like: [{ mode: 'exclude', by: 'message', value: 'Heartbeat <n>' }] },
  highlights: [{ text: 'failed', colour: 'rgba(239,68,68,0.25)' }],
});

test('save, replace, remove, export and import back, kept across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-sets-'));
  try {
    const path = join(dir, 'logs-saved-sets.json');
    const a = new SavedSetStore(path);
    a.save(set('Errors'));
    a.save(set('Apps'));
    assert.deepEqual(a.save(set('Errors', 'changed')).map((s) => [s.name, s.filter.text.pattern]), [['Apps', 'Win32App'], ['Errors', 'changed']]);
    const exported = a.exportText();
    assert.equal(savedSetsFileSchema.safeParse(JSON.parse(exported)).success, true);
    a.remove('Apps');
    assert.deepEqual(new SavedSetStore(path).list().map((s) => s.name), ['Errors'], 'after a restart');
    const back = new SavedSetStore(path).importText('sets.json', exported);
    assert.equal(back.imported, 2);
    assert.deepEqual(back.sets.map((s) => s.name), ['Apps', 'Errors']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad file imports nothing and says why in words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-sets-'));
  try {
    const store = new SavedSetStore(join(dir, 'logs-saved-sets.json'));
    store.save(set('Mine'));
    const good = JSON.parse(store.exportText()) as { sets: unknown[] };
    const bad = (text: string): string => {
      try {
        store.importText('bad.json', text);
      } catch (err) {
        assert.ok(err instanceof AppError && err.code === 'invalid_input');
        return err.message;
      }
      assert.fail('imported');
    };
    assert.equal(bad('{'), 'bad.json is not JSON, so no set was imported.');
    assert.match(bad(JSON.stringify({ kind: 'something-else', version: 1, sets: [] })), /not a saved-sets file exported by this app/);
    // One good set and one bad: neither is imported.
    const mixed = { kind: 'sdh-logs-saved-sets', version: 1, sets: [set('New'), { ...set('Broken'), highlights: [{ text: 'x', colour: 'url(javascript:1)' }] }] };
    assert.match(bad(JSON.stringify(mixed)), /sets #2 highlights #1 colour: a colour as #rgb or rgba/);
    assert.match(bad(JSON.stringify({ ...good, sets: [set('A'), set('A')] })), /two sets have the same name/);
    assert.match(bad(JSON.stringify({ ...good, sets: [{ ...set('L'), filter: { ...set('L').filter, levels: ['loud'] } }] })), /sets #1 filter levels #1 is not one of the values the app knows/);
    for (const m of [bad('{')]) assert.doesNotMatch(m, /zod|expected|received/i);
    assert.deepEqual(store.list().map((s) => s.name), ['Mine'], 'nothing changed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
