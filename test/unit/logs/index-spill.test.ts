// Index chunks spilled to disk (index-spill.ts) read back exactly as the chunks kept in memory: every
// lookup, walk, seek, truncate and export; a chunk that cannot be written stays in memory; leftovers of
// ended processes are swept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { IndexBuilder } from '../../../electron/services/logs/index-builder.ts';
import { CHUNK_RECORDS, type ChunkMessage } from '../../../electron/services/logs/index-chunk.ts';
import { CACHED_CHUNKS, RecordIndex } from '../../../electron/services/logs/index-store.ts';
import { SPILL_PREFIX, removeLeftoverSpills, spillFolder, spillingSink } from '../../../electron/services/logs/index-spill.ts';
import { withTempDir } from './helpers.ts';

const N = CHUNK_RECORDS * 3 + 1234;

/** The same records into an index kept in memory and into one whose full chunks go through `sink`. */
function build(path: string | undefined): { mem: RecordIndex; spilled: RecordIndex; messages: ChunkMessage[] } {
  const mem = new RecordIndex(), spilled = new RecordIndex();
  const messages: ChunkMessage[] = [];
  const sink = spillingSink(path, (m) => {
    messages.push(m);
    spilled.accept(m);
  });
  const a = new IndexBuilder((m) => mem.accept(m), 7);
  const b = new IndexBuilder(sink.onChunk, 7);
  let sec = 1_700_000_000;
  for (let i = 0; i < N; i++) {
    // Lengths past the 2-byte field, time jumps past the 5-bit delta, untimed records, every level.
    const len = i % 5000 === 17 ? 70_000 + i : 40 + (i % 300);
    const t = i % 7 === 3 ? NaN : (sec += i % 911 === 0 ? 3600 : i % 3);
    a.push(len, i % 8, t);
    b.push(len, i % 8, t);
    if (i === 10) b.flush(); // the first window goes out early, as the worker sends it
  }
  a.flush();
  b.flush();
  sink.close();
  return { mem, spilled, messages };
}

function records(idx: RecordIndex, from = 0, to = idx.count): string[] {
  const out: string[] = [];
  idx.walk(from, to, (r) => void out.push(`${r.index} ${r.offset} ${r.length} ${r.level} ${r.sec}`));
  return out;
}

test('spilled chunks read back exactly as chunks kept in memory, with a bounded cache', () =>
  withTempDir((dir) => {
    const folder = spillFolder(dir);
    const { mem, spilled, messages } = build(folder.file('part0'));
    assert.ok(existsSync(join(folder.dir, '.owner-pid')), 'the folder names its owner process');
    assert.equal(messages.filter((m) => m.spill).length, 3, 'the three full chunks went to disk');
    assert.ok(messages.filter((m) => m.spill).every((m) => m.sab === undefined && !m.spillError));
    assert.deepEqual(spilled.residentChunks(), { pinned: 1, cached: 0, spilled: 3 });
    assert.equal(spilled.count, N);
    assert.equal(spilled.bytes, mem.bytes);
    assert.equal(spilled.memoryBytes(), mem.memoryBytes());
    assert.deepEqual(records(spilled), records(mem));
    assert.ok(spilled.residentChunks().cached <= CACHED_CHUNKS);
    for (const i of [0, 1, 255, 256, CHUNK_RECORDS - 1, CHUNK_RECORDS, 2 * CHUNK_RECORDS + 17, N - 1]) {
      assert.deepEqual(spilled.get(i), mem.get(i));
      assert.equal(spilled.levelAt(i), mem.levelAt(i));
      const r = mem.get(i);
      if (r) assert.deepEqual(spilled.locate(r.offset + (r.length >> 1)), mem.locate(r.offset + (r.length >> 1)));
    }
    // Seeks that skip whole chunks land on the same records.
    const [cm, cs] = [mem.cursor(0), spilled.cursor(0)];
    for (const i of [3, CHUNK_RECORDS + 5, CHUNK_RECORDS + 6, 3 * CHUNK_RECORDS + 2, N - 1]) {
      const at = (mem.get(i)?.offset ?? 0) + 1;
      assert.equal(cs.seek(at), cm.seek(at));
      assert.deepEqual([cs.index, cs.offset, cs.length, cs.level, cs.sec], [cm.index, cm.offset, cm.length, cm.level, cm.sec]);
    }
    // A job's copy, from the exported messages (what a worker gets), reads the spill file itself.
    const copy = RecordIndex.fromChunks(spilled.exportChunks());
    assert.deepEqual(records(copy, CHUNK_RECORDS - 3, 2 * CHUNK_RECORDS + 3), records(mem, CHUNK_RECORDS - 3, 2 * CHUNK_RECORDS + 3));
    // Tail mode drops the last record of a spilled chunk and appends after it.
    for (const n of [3 * CHUNK_RECORDS - 1, 2 * CHUNK_RECORDS + 5]) {
      mem.truncate(n);
      spilled.truncate(n);
      assert.equal(spilled.bytes, mem.bytes);
      assert.deepEqual(records(spilled, n - 300), records(mem, n - 300));
      assert.deepEqual(records(RecordIndex.fromChunks(spilled.exportChunks()), n - 10), records(mem, n - 10));
    }
  }));

test('a chunk that cannot be spilled stays in memory, said in its message, and no record is lost', () =>
  withTempDir((dir) => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const { mem, spilled, messages } = build(join(dir, 'not-a-folder', 'sub', 'part0.idx'));
    const full = messages.filter((m) => m.count === CHUNK_RECORDS);
    assert.equal(full.length, 3);
    assert.ok(full.every((m) => m.sab && !m.spill && /ENOTDIR|EEXIST/.test(m.spillError ?? '')), 'each says why');
    assert.deepEqual(spilled.residentChunks(), { pinned: 4, cached: 0, spilled: 0 });
    assert.deepEqual(records(spilled), records(mem));
  }));

test('without a spill path every chunk stays in memory, as before', () => {
  const { mem, spilled, messages } = build(undefined);
  assert.ok(messages.every((m) => m.sab && !m.spill && !m.spillError));
  assert.deepEqual(records(spilled), records(mem));
});

test('spill folders of ended processes are removed at start-up, those of live ones stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-logs-test-'));
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    for (const [name, pid] of [[`${SPILL_PREFIX}dead`, dead], [`${SPILL_PREFIX}live`, String(process.pid)]]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, '.owner-pid'), pid);
      writeFileSync(join(dir, name, 'file0-part0-x.idx'), 'left over');
    }
    mkdirSync(join(dir, 'something-else'));
    assert.equal(await removeLeftoverSpills(dir), 1);
    assert.deepEqual(readdirSync(dir).sort(), [`${SPILL_PREFIX}live`, 'something-else']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
