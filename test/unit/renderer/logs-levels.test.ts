// The filter bar's level boxes (issue 13, point 4): "Errors" is error and fatal together, both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toggleLevel } from '../../../renderer/src/features/logs/levels.ts';

test('ticking then unticking Errors leaves no level behind (the 0-records bug)', () => {
  const ticked = toggleLevel([], 'error');
  assert.deepEqual(ticked, ['error', 'fatal']);
  assert.deepEqual(toggleLevel(ticked, 'error'), []);
});

test('other boxes toggle alone and keep the rest', () => {
  const two = toggleLevel(toggleLevel([], 'warning'), 'error');
  assert.deepEqual(two, ['warning', 'error', 'fatal']);
  assert.deepEqual(toggleLevel(two, 'warning'), ['error', 'fatal']);
  assert.deepEqual(toggleLevel(two, 'error'), ['warning']);
  assert.deepEqual(toggleLevel(['info'], 'info'), []);
});
