// Walks over a view from the index alone, run in a log worker: the next or previous record at some levels
// (F8) and the histogram over time. The view crosses the boundary as each file's index chunks (shared
// memory), the merge order (the file of each base position) and a filter result's base positions.
import type { HistogramBucket } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { RecordIndex } from './index-store.ts';

export interface WalkJob {
  files: { chunks: ChunkMessage[]; offsetSec: number }[];
  /** Merged views: the file of each base position; null: the files one after another. */
  order: Uint8Array | null;
  /** Filter results: the base positions kept, ascending; null: every base position. */
  positions: Uint32Array | null;
  ask: { kind: 'level'; from: number; direction: 'next' | 'previous'; levels: number[] } | { kind: 'histogram'; buckets: number };
}

/** Calls `fn(position, seconds, level)` in view order until it returns false; false when stopped. */
function walk(job: WalkJob, shouldStop: () => boolean, fn: (pos: number, sec: number, level: number) => boolean | void): boolean {
  const indexes = job.files.map((f) => {
    const idx = new RecordIndex();
    for (const c of f.chunks) idx.accept(c);
    return idx;
  });
  const cursors = indexes.map((idx) => idx.cursor(0));
  const keep = job.positions;
  let k = 0, seen = 0, going = true;
  const emit = (basePos: number, file: number, index: number): boolean => {
    if ((++seen & 0xffff) === 0 && shouldStop()) return (going = false);
    let pos = basePos;
    if (keep) {
      if (keep[k] !== basePos) return true;
      pos = k++;
    }
    const c = cursors[file];
    while (c.index < index && c.next());
    return fn(pos, c.sec + job.files[file].offsetSec, c.level) !== false;
  };
  if (job.order) {
    const counters = new Uint32Array(indexes.length);
    for (let p = 0; p < job.order.length; p++) {
      const f = job.order[p];
      if (!emit(p, f, counters[f]++)) return going;
    }
    return true;
  }
  let p = 0;
  for (const [file, idx] of indexes.entries()) for (let i = 0; i < idx.count; i++) if (!emit(p++, file, i)) return going;
  return true;
}

function nextAtLevel(job: WalkJob, ask: Extract<WalkJob['ask'], { kind: 'level' }>, shouldStop: () => boolean): number | null | undefined {
  const want = new Set(ask.levels);
  let found: number | null = null;
  const done = walk(job, shouldStop, (pos, _sec, level) => {
    if (ask.direction === 'next') {
      if (pos <= ask.from || !want.has(level)) return true;
      found = pos;
      return false;
    }
    if (pos >= ask.from) return false;
    if (want.has(level)) found = pos;
    return true;
  });
  return done || found !== null ? found : undefined;
}

function histogram(job: WalkJob, buckets: number, shouldStop: () => boolean): HistogramBucket[] | undefined {
  let min = Infinity, max = -Infinity;
  const timed = walk(job, shouldStop, (_p, sec) => {
    if (sec !== sec) return;
    if (sec < min) min = sec;
    if (sec > max) max = sec;
  });
  if (!timed) return undefined;
  if (min === Infinity) return [];
  const width = Math.max(1, Math.ceil((max - min + 1) / buckets));
  const out: HistogramBucket[] = Array.from({ length: Math.ceil((max - min + 1) / width) }, (_, b) => ({
    startMs: (min + b * width) * 1000,
    endMs: (min + (b + 1) * width) * 1000,
    records: 0,
    errors: 0,
    warnings: 0,
    firstPosition: -1,
  }));
  const counted = walk(job, shouldStop, (p, t, level) => {
    if (t !== t) return;
    const b = out[Math.floor((t - min) / width)];
    b.records++;
    if (level >= 5 && level <= 6) b.errors++;
    if (level === 4) b.warnings++;
    if (b.firstPosition < 0) b.firstPosition = p;
  });
  return counted ? out : undefined;
}

/** Runs one walk; `{ stopped: true }` when its stop flag was raised. */
export function runWalk(job: WalkJob, shouldStop: () => boolean): { stopped: boolean; value: unknown } {
  const value = job.ask.kind === 'level' ? nextAtLevel(job, job.ask, shouldStop) : histogram(job, job.ask.buckets, shouldStop);
  return { stopped: value === undefined, value: value ?? null };
}
