// The merge of a multi-file session is built on a log worker: runMerge (the worker's side) gives the order
// MergedView would, with ties within a second broken by the milliseconds read from the files, stops when
// asked, and remerge hands the work to the pool instead of walking the records on main.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordIndex } from '../../../electron/services/logs/index-store.ts';
import { runMerge, type MergeJob } from '../../../electron/services/logs/merge-job.ts';
import type { Engine, FileState, Session } from '../../../electron/services/logs/session.ts';
import { remerge } from '../../../electron/services/logs/session-views.ts';
import { MergedView } from '../../../electron/services/logs/views.ts';
import type { WorkerPool } from '../../../electron/services/logs/worker-host.ts';
import { indexPath, withTempDir } from './helpers.ts';

/** File a at .900 and file b at .100 of the same seconds, then one record of a alone. */
function twoFiles(dir: string): { paths: string[]; indexes: RecordIndex[] } {
  const a = join(dir, 'a.log'), b = join(dir, 'b.log');
  writeFileSync(a, '2026-11-20 08:00:00.900 [INF] a0\n2026-11-20 08:00:01.900 [INF] a1\n2026-11-20 08:00:05.000 [INF] a2\n');
  writeFileSync(b, '2026-11-20 08:00:00.100 [INF] b0\n2026-11-20 08:00:01.100 [INF] b1\n');
  return { paths: [a, b], indexes: [a, b].map((p) => indexPath(p, { format: 'iso-text' }).index) };
}

const jobOf = (paths: string[], indexes: RecordIndex[]): MergeJob => ({
  files: paths.map((fsPath, k) => ({ chunks: indexes[k].exportChunks(), offsetSec: 0, fsPath, cmtrace: false, utf16: false })),
});

const order = (v: MergedView): string[] => v.refs(0, v.count()).map((r) => `${'ab'[r.file]}${r.index}`);

test('the worker-side merge breaks ties by milliseconds and stops when asked', () => {
  withTempDir((dir) => {
    const { paths, indexes } = twoFiles(dir);
    const built = runMerge(jobOf(paths, indexes), () => false);
    assert.ok(built);
    assert.deepEqual(order(MergedView.of(built, 2)), ['b0', 'a0', 'b1', 'a1', 'a2']);
    // Without the milliseconds, ties keep file order: the worker's reads are what put b first.
    assert.deepEqual(order(MergedView.build(indexes, [0, 0])), ['a0', 'b0', 'a1', 'b1', 'a2']);
    assert.equal(runMerge(jobOf(paths, indexes), () => true), null);
  });
});

test('remerge sends the merge to the pool and takes the order it returns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-merge-test-'));
  try {
    const { paths, indexes } = twoFiles(dir);
    const kinds: string[] = [];
    const pool = {
      size: 1,
      run: async (job: { kind: string; job: MergeJob }) => {
        kinds.push(job.kind);
        return runMerge(job.job, () => false);
      },
    } as unknown as WorkerPool;
    const engine: Engine = { opts: { tempDir: dir }, pool, maxChars: 1024, inProcessBytes: 0 };
    const files: FileState[] = paths.map((fsPath, k) => ({
      info: { path: fsPath, format: 'iso-text', encoding: 'utf-8', bytes: 0, columns: [], offsetMinutes: 0 },
      fsPath,
      unitSize: 1,
      index: indexes[k],
      early: new RecordIndex(),
      summary: null,
      indexed: Promise.resolve(),
      ino: 0,
    }));
    const s: Session = { id: 's', files, problems: [], cleanup: async () => {}, abort: new AbortController(), merged: null, mergedReady: Promise.resolve(), views: new Map() };
    await remerge(engine, s);
    assert.deepEqual(kinds, ['merge']);
    assert.ok(s.merged);
    assert.deepEqual(order(s.merged), ['b0', 'a0', 'b1', 'a1', 'a2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
