// Views map a file's record back to its position (explainer attempts in merged views): every record of a
// merge, including at and after checkpoint boundaries, and filtered views over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcatView, FilteredView, MergedView, SingleFileView, lowerBound } from '../../../electron/services/logs/views.ts';
import { indexBytes } from './helpers.ts';

const lines = (n: number, startSec: number, step: number) =>
  Array.from({ length: n }, (_, i) => {
    const t = new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + (startSec + i * step) * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return `${t} [INF] line ${i}\n`;
  }).join('');

test('a merge of 8,192 records (two full checkpoint stretches) maps each record back to its position', async () => {
  const a = indexBytes(lines(4096, 0, 2), { format: 'iso-text' });
  const b = indexBytes(lines(4096, 1, 2), { format: 'iso-text' });
  assert.equal(a.index.count + b.index.count, 8192);
  const merged = await MergedView.build([a.index, b.index], [0, 0]);
  const refs = merged.refs(0, merged.count());
  refs.forEach((r, pos) => assert.equal(merged.positionOf(r), pos, `file ${r.file} record ${r.index}`));
  assert.equal(merged.positionOf({ file: 0, index: 4096 }), null);
  assert.equal(merged.positionOf({ file: 2, index: 0 }), null);
  const concat = new ConcatView(() => [a.index, b.index]);
  assert.equal(concat.positionOf({ file: 1, index: 5 }), 4096 + 5);
  assert.equal(concat.positionOf({ file: 1, index: 4096 }), null);
  const single = new SingleFileView(() => a.index);
  assert.equal(single.positionOf({ file: 0, index: 7 }), 7);
  assert.equal(single.positionOf({ file: 1, index: 7 }), null);
  const evens = new FilteredView(merged, Uint32Array.from({ length: 4096 }, (_, k) => k * 2));
  assert.equal(evens.positionOf(refs[10]), 5);
  assert.equal(evens.positionOf(refs[11]), null);
});

test('lowerBound finds the first position not below a value', () => {
  const xs = Uint32Array.from([2, 4, 4, 9]);
  assert.deepEqual([0, 2, 3, 4, 5, 9, 10].map((v) => lowerBound(xs, v)), [0, 0, 1, 1, 3, 3, 4]);
});
