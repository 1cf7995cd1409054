// The log table's scroll mapping: lists far taller than the browser's ~33.5 M px element limit still
// reach every row, and row → scroll → row round-trips.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_SCROLL_PX, rowAtScroll, scrollForRow, spacerHeight } from '../../../renderer/src/ui/scroll-mapping.ts';

const huge = { rowCount: 20_000_000, rowHeight: 22, viewportHeight: 600 };

test('the spacer never exceeds the cap, and small lists scroll 1:1', () => {
  assert.equal(spacerHeight(huge), MAX_SCROLL_PX);
  assert.ok(MAX_SCROLL_PX < 33_500_000);
  const small = { rowCount: 1000, rowHeight: 22, viewportHeight: 600 };
  assert.equal(spacerHeight(small), 22_000);
  assert.equal(rowAtScroll(small, 220), 10);
  assert.equal(scrollForRow(small, 10), 220);
});

test('20 million rows: the top shows row 0, the bottom shows the last rows', () => {
  assert.equal(rowAtScroll(huge, 0), 0);
  const bottom = spacerHeight(huge) - huge.viewportHeight;
  const visible = Math.floor(huge.viewportHeight / huge.rowHeight);
  assert.equal(Math.floor(rowAtScroll(huge, bottom)), huge.rowCount - visible);
  assert.equal(scrollForRow(huge, huge.rowCount - 1), bottom);
});

test('any row round-trips through its scroll position', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), (rowCount, r) => {
      const g = { rowCount, rowHeight: 22, viewportHeight: 600 };
      const row = Math.min(r, Math.max(0, rowCount - Math.floor(600 / 22)));
      assert.ok(Math.abs(rowAtScroll(g, scrollForRow(g, row)) - row) < 1e-6 * Math.max(1, rowCount));
    }),
    { numRuns: 500, seed: 7 },
  );
});
