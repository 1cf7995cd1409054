// The search pane follows the full view: the hit nearest a position among all records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestIndex } from '../../../electron/services/logs/nearest-hit.ts';

test('nearest hit: exact, between (the earlier on a tie), before the first, after the last, none', () => {
  const hits = Uint32Array.of(10, 20, 40);
  assert.equal(nearestIndex(hits, 20), 1);
  assert.equal(nearestIndex(hits, 29), 1);
  assert.equal(nearestIndex(hits, 30), 1, 'a tie goes to the earlier hit');
  assert.equal(nearestIndex(hits, 31), 2);
  assert.equal(nearestIndex(hits, 0), 0);
  assert.equal(nearestIndex(hits, 2 ** 40), 2);
  assert.equal(nearestIndex(new Uint32Array(0), 5), -1);
});
