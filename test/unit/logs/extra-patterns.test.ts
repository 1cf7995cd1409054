// The technician's extra step pattern file (Settings): a bad file changes nothing and says why; a good one
// is kept in the data folder, read again by the next start, and forgotten on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../electron/common/errors.ts';
import { ExtraStepPatterns } from '../../../electron/services/logs/reassignment/extra-patterns.ts';
import { shippedPatterns } from '../../../electron/services/logs/reassignment/patterns.ts';

const good = JSON.stringify({ patterns: [{ kind: 'trigger', meaning: 'A German sign-in line', allOf: [['angemeldet']], captures: { user: [{ type: 'user' }] }, requires: ['user'], examples: [{ line: 'CONTOSO\\anna angemeldet' }] }] });

test('load, keep across a restart, refuse a bad file without losing the good one, clear', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-patterns-'));
  try {
    const file = join(dir, 'step-patterns.extra.json');
    const store = new ExtraStepPatterns(file);
    assert.deepEqual(store.info(), { shipped: shippedPatterns.length, extra: null });
    assert.deepEqual(store.load('hub-de.json', good).extra, { name: 'hub-de.json', count: 1 });
    assert.throws(
      () => store.load('broken.json', '{"patterns": []}'),
      (err: unknown) => err instanceof AppError && err.code === 'invalid_input' && /^broken\.json: The file is not a step pattern file \(patterns: /.test(err.message),
    );
    assert.equal(store.get().length, 1, 'a bad file changes nothing');
    const again = new ExtraStepPatterns(file);
    assert.deepEqual(again.info().extra, { name: 'hub-de.json', count: 1 });
    assert.equal(again.get()[0].kind, 'trigger');
    again.clear();
    assert.equal(existsSync(file), false);
    assert.equal(new ExtraStepPatterns(file).info().extra, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
