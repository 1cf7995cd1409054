// The log engine's modules on their own: indexing in parts (with a pool that runs the parts in this
// thread, finishing out of order), a session's views, and the tail-mode follower.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { within } from '../../support/wait.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordIndex } from '../../../electron/services/logs/index-store.ts';
import { indexWhole } from '../../../electron/services/logs/indexing.ts';
import { indexFile, type IndexSummary } from '../../../electron/services/logs/indexer.ts';
import type { Engine, FileState, Session } from '../../../electron/services/logs/session.ts';
import { keepView, positionsInBase, viewOf, walkView } from '../../../electron/services/logs/session-views.ts';
import { followFiles } from '../../../electron/services/logs/tail.ts';
import { FilteredView } from '../../../electron/services/logs/views.ts';
import type { WorkerMessage, WorkerPool } from '../../../electron/services/logs/worker-host.ts';
import { withTempDir } from './helpers.ts';

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-engine-test-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function serilog(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const sec = String(i % 60).padStart(2, '0');
    out.push(`2026-11-01 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${sec}.000 +01:00 [${i % 7 === 0 ? 'ERR' : 'INF'}] line ${i}`);
    if (i % 5 === 0) out.push('   continued');
  }
  return `${out.join('\n')}\n`;
}

function fileState(path: string, bytes: number): FileState {
  const info = { path, format: 'serilog-text' as const, encoding: 'utf-8' as const, bytes, columns: [], offsetMinutes: 0 };
  return { info, fsPath: path, unitSize: 1, index: new RecordIndex(), early: new RecordIndex(), summary: null, indexed: Promise.resolve(), ino: 0 };
}

/** Runs index jobs here, in small reads; the last part reports first, so earlier parts finish later. */
function inlinePool(size: number): { pool: WorkerPool; jobs: { startByte?: number; endByte?: number }[] } {
  const jobs: { startByte?: number; endByte?: number }[] = [];
  const pool = {
    size,
    run: async (job: { path: string; startByte?: number; endByte?: number }, onMessage: (m: WorkerMessage) => void) => {
      const k = jobs.push(job) - 1;
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (let wait = size - 1 - k; wait > 0; wait--) await new Promise<void>((resolve) => setImmediate(resolve));
      const chunks: unknown[] = [];
      const summary = indexFile({ path: job.path, format: 'serilog-text', startByte: job.startByte, endByte: job.endByte, readBytes: 4096, onChunk: (c) => chunks.push(c) });
      onMessage({ id: k, type: 'chunks', chunks });
      onMessage({ id: k, type: 'progress', bytesDone: job.endByte, records: summary.records });
      return summary;
    },
  } as unknown as WorkerPool;
  return { pool, jobs };
}

test('a file indexed in parts, finished out of order, gives the same records as one pass', async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, 'app.log');
    const text = serilog(60_000);
    writeFileSync(path, text);
    const whole = new RecordIndex();
    const one = indexFile({ path, format: 'serilog-text', onChunk: (c) => whole.accept(c) });
    const { pool, jobs } = inlinePool(3);
    const engine: Engine = { opts: { tempDir: dir, splitBytes: 1 }, pool, maxChars: 1024, inProcessBytes: 0 };
    const f = fileState(path, text.length);
    const reports: number[] = [];
    const summary: IndexSummary = await indexWhole(engine, f, text.length, (done) => reports.push(done), new AbortController().signal);
    assert.equal(jobs.length, 3);
    assert.equal(summary.records, one.records);
    assert.deepEqual(summary.levelCounts, one.levelCounts);
    assert.equal(f.index.count, whole.count);
    const a: number[] = [], b: number[] = [];
    whole.walk(0, whole.count, (r) => void a.push(r.offset, r.length, r.level, r.sec));
    f.index.walk(0, f.index.count, (r) => void b.push(r.offset, r.length, r.level, r.sec));
    assert.deepEqual(b, a);
    assert.equal(reports.at(-1), text.length);
  });
});

test('a small file is indexed in this thread, without the pool', async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, 'small.log');
    writeFileSync(path, serilog(100));
    const engine: Engine = { opts: { tempDir: dir }, pool: {} as WorkerPool, maxChars: 1024, inProcessBytes: 1 << 20 };
    const f = fileState(path, serilog(100).length);
    const summary = await indexWhole(engine, f, f.info.bytes, () => {}, new AbortController().signal);
    assert.equal(summary.records, 100);
    assert.equal(f.index.count, 100);
  });
});

function twoFileSession(counts: number[]): Session {
  const files = counts.map((n, k) => {
    const f = fileState(`f${k}.log`, 0);
    const b = new RecordIndex();
    withTempDir((dir) => {
      const p = join(dir, 'x.log');
      writeFileSync(p, serilog(n));
      indexFile({ path: p, format: 'serilog-text', onChunk: (c) => b.accept(c) });
    });
    f.index = b;
    f.summary = { format: 'serilog-text', encoding: 'utf-8', bytes: 0, records: n, levelCounts: [], stopped: false };
    return f;
  });
  return { id: 's', files, problems: [], cleanup: async () => {}, abort: new AbortController(), merged: null, mergedReady: Promise.resolve(), views: new Map() };
}

test('files not merged are shown one after another; per-file matches map to those positions', () => {
  const s = twoFileSession([10, 5]);
  assert.equal(viewOf(s).count(), 15);
  const positions = positionsInBase(s, new Map([[0, Uint32Array.from([1, 9])], [1, Uint32Array.from([0, 4])]]));
  assert.deepEqual([...positions], [1, 9, 10, 14]);
  const levels: number[] = [];
  walkView(s, new FilteredView(viewOf(s), positions), (pos, _sec, level) => levels.push(pos, level));
  assert.deepEqual(levels, [0, 3, 1, 3, 2, 5, 3, 3]);
});

test('a session keeps its last four filter results; an older one is reported gone', () => {
  const s = twoFileSession([3]);
  const ids = Array.from({ length: 6 }, () => keepView(s, new FilteredView(viewOf(s), Uint32Array.from([0]))));
  assert.equal(s.views.size, 4);
  assert.equal(viewOf(s, ids[5]).count(), 1);
  assert.throws(() => viewOf(s, ids[0]), /filter result is gone/);
});

test('the follower never runs two steps at once, reports changes only, and stops with its session', async () => {
  const keepAlive = setInterval(() => {}, 1000); // the follower's timer is unref'd
  let open = true, running = 0, most = 0, steps = 0, changes = 0, polls = 0;
  let release: () => void = () => {};
  let stepped: () => void = () => {};
  let polled: () => void = () => {};
  const isOpen = (): boolean => {
    polls++;
    polled();
    return open;
  };
  const step = async (): Promise<boolean> => {
    steps++;
    most = Math.max(most, ++running);
    stepped();
    await new Promise<void>((resolve) => (release = resolve));
    running--;
    return steps % 2 === 0;
  };
  const stop = followFiles(isOpen, step, () => changes++, 1, (err) => assert.fail(String(err)));
  for (let k = 0; k < 4; k++) {
    const started = new Promise<void>((resolve) => (stepped = resolve));
    release();
    await started;
  }
  assert.equal(most, 1);
  assert.equal(changes, 1); // steps 1–3 finished, only step 2 changed anything
  open = false;
  release();
  // a few more ticks of the timer, each finding the session closed
  const target = polls + 5;
  await new Promise<void>((resolve) => (polled = () => polls >= target && resolve()));
  assert.equal(steps, 4);
  assert.equal(changes, 2);
  stop();
  clearInterval(keepAlive);
});

test('a follower step that fails is reported, and following goes on', async () => {
  const keepAlive = setInterval(() => {}, 1000); // the follower's timer is unref'd
  const errors: unknown[] = [];
  let steps = 0;
  let third: () => void = () => {};
  const reached = new Promise<void>((resolve) => (third = resolve));
  const stop = followFiles(
    () => true,
    async () => {
      if (++steps === 3) third();
      if (steps === 1) throw new Error('EIO: the share went away');
      return false;
    },
    () => {},
    1,
    (err) => errors.push(err),
  );
  await within(reached, 'the follower to step again after a failed step');
  stop();
  clearInterval(keepAlive);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /EIO/);
});
