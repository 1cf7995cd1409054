// The real IME logs: counts from test/fixtures/ime-real/README.md under its record rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lvl } from '../../../electron/services/logs/formats/header.ts';
import { assertCovers, imeReal, indexPath, recordSlices } from './helpers.ts';

const table = [
  { file: 'AgentExecutor-20260321-225458.log', records: 16484, errors: 0, warnings: 0, openers: 16483 },
  { file: 'AgentExecutor.log', records: 159, errors: 0, warnings: 0, openers: 159 },
  { file: 'AppActionProcessor.log', records: 9837, errors: 0, warnings: 0, openers: 9837 },
  { file: 'AppWorkload-20260401-160729.log', records: 2854, errors: 32, warnings: 45, openers: 2854 },
];

for (const row of table) {
  test(`${row.file}: ${row.records} records, ${row.errors} errors, ${row.warnings} warnings, every byte once`, () => {
    const ix = indexPath(join(imeReal, row.file));
    assert.equal(ix.summary.format, 'cmtrace');
    assert.equal(ix.summary.encoding, 'utf-8-bom');
    assert.equal(ix.summary.records, row.records);
    assert.equal(ix.index.count, row.records);
    assert.equal(ix.summary.levelCounts[Lvl.Error], row.errors);
    assert.equal(ix.summary.levelCounts[Lvl.Warning], row.warnings);
    assert.equal(ix.summary.levelCounts[Lvl.Unparsed], 0);
    assert.ok(assertCovers(ix), 'records tile the file');
    assert.deepEqual(Buffer.concat(recordSlices(ix)), ix.bytes);
    // Each record ends at its trailer: exactly one `]LOG]!>` per record.
    const slices = recordSlices(ix).map((b) => b.toString('utf8'));
    assert.ok(slices.every((s) => s.split(']LOG]!>').length === 2 && /">\r\n$/.test(s)));
    assert.equal(slices.filter((s) => s.replace(/^\uFEFF/, '').startsWith('<![LOG[')).length, row.openers);
  });
}

test('multi-line records come back whole, and the overwritten opener is its own record', () => {
  const ix = indexPath(join(imeReal, 'AgentExecutor-20260321-225458.log'));
  const slices = recordSlices(ix).map((b) => b.toString('utf8'));
  const multi = slices.filter((s) => s.slice(0, -2).includes('\n'));
  assert.ok(multi.length > 0, 'the file has multi-line records');
  for (const s of multi) assert.match(s, /^(\uFEFF)?<!\[LOG\[[\s\S]*\]LOG\]!><time="[^"]+" date="[^"]+"[^\n]*>\r\n$/);
  const orphan = slices.findIndex((s) => !s.replace(/^\uFEFF/, '').startsWith('<![LOG['));
  assert.ok(slices[orphan].startsWith('g Ordered Parameters]LOG]!><time="23:09:26.9913618"'));
  assert.ok(!Number.isNaN(ix.records[orphan].sec), 'the orphan keeps its own time');
});

test('a huge multi-line record is whole (AppWorkload ends with a 900 KB JSON record)', () => {
  const ix = indexPath(join(imeReal, 'AppWorkload-20260401-160729.log'), { readBytes: 64 * 1024 });
  const last = ix.records[ix.records.length - 1];
  assert.ok(last.length > 900_000);
  assert.equal(ix.summary.records, 2854);
  assert.ok(assertCovers(ix));
});
