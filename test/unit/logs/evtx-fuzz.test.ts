// Fuzzing the EVTX reader the way the text formats are fuzzed: random bytes behind real signatures, real
// chunks cut and spliced, real events with bytes overwritten. For every input: nothing throws, records tile
// the file, the cut does not depend on the read size, and every record reads back (an event or a note).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EvtxChunkCache, readEvtxRecord } from '../../../electron/services/logs/formats/evtx/read.ts';
import { assertCovers, indexPath, repoRoot, withTempDir } from './helpers.ts';

const evtxDir = join(repoRoot, 'test/fixtures/evtx');

const real = readFileSync(join(evtxDir, 'system.evtx'));
const header = real.subarray(0, 4096);
const chunkMagic = Buffer.from('ElfChnk\0', 'latin1');

/** Indexes `bytes` whole and with tiny reads, checks tiling and agreement, reads every record back. */
function check(bytes: Buffer, readBytes: number): void {
  withTempDir((dir) => {
    const path = join(dir, 'fuzz.evtx');
    writeFileSync(path, bytes);
    const whole = indexPath(path, { format: 'evtx' });
    const tiny = indexPath(path, { format: 'evtx', readBytes });
    assert.ok(assertCovers(whole), 'tiles');
    assert.deepEqual(tiny.records.map((r) => [r.length, r.level]), whole.records.map((r) => [r.length, r.level]));
    const fd = openSync(path, 'r');
    try {
      const cache = new EvtxChunkCache(fd);
      for (const r of whole.records) assert.equal(typeof readEvtxRecord(cache, r.offset, r.length).message, 'string');
    } finally {
      closeSync(fd);
    }
  });
}

test('random bytes behind a real file header and chunk signature (fuzzed)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 70000 }), fc.integer({ min: 600, max: 70000 }), (body, readBytes) => {
      check(Buffer.concat([header, chunkMagic, Buffer.from(body)]), readBytes);
    }),
    { numRuns: 40, seed: 19 },
  );
});

test('real chunks cut at random points and spliced (fuzzed)', () => {
  const piece = fc.tuple(fc.integer({ min: 4096, max: real.length - 1 }), fc.integer({ min: 1, max: 90000 }));
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.integer({ min: 600, max: 70000 }), (cuts, readBytes) => {
      check(Buffer.concat([header, ...cuts.map(([at, n]) => real.subarray(at, at + n))]), readBytes);
    }),
    { numRuns: 40, seed: 1919 },
  );
});

test('real events with bytes overwritten: BinXML, sizes, templates, names (fuzzed)', () => {
  const file = real.subarray(0, 4096 + 3 * 65536);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 4096, max: file.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 16 })), { minLength: 1, maxLength: 12 }), (hits) => {
      const bytes = Buffer.from(file);
      for (const [at, b] of hits) Buffer.from(b).copy(bytes, at);
      check(bytes, 65536);
    }),
    { numRuns: 60, seed: 2026 },
  );
});
