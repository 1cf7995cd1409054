// Questions over a session's records: find next/previous match, next/previous record at some levels,
// a histogram over time (the three on log workers), per-file statistics.
import { logLevels, type HistogramBucket, type LevelCounts, type LogFileStats, type LogFilterSpec } from '../../common/logs.ts';
import { AppError } from '../../common/errors.ts';
import { filterFile, untilAborted } from './filtering.ts';
import { readRecords } from './reading.ts';
import { currentIndex, settled, type Engine, type Session } from './session.ts';
import { viewOf } from './session-views.ts';
import { FilteredView, MergedView, SingleFileView, type RecordRef, type View } from './views.ts';
import type { WalkJob } from './walk-job.ts';

/**
 * The file of each position of a merged view. views.ts keeps it private (that file belongs to the merged
 * views' owner); a public accessor there would replace this read.
 */
function mergeOrder(v: MergedView): Uint8Array {
  return (v as unknown as { fileOf: Uint8Array }).fileOf;
}

const levelCode = new Map(logLevels.map((l, i) => [l, i]));

/**
 * Next (or previous) view position after (before) `from` whose record matches `spec`; null if none.
 * A single file's own view is searched by the workers straight from `from` (the next match stops the
 * job; previous matches are looked for in growing blocks backwards). Other views go in blocks of
 * positions mapped to per-file record ranges; main only maps positions (a block stays small enough for
 * that to take a few ms).
 */
export async function find(e: Engine, s: Session, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<number | null> {
  const v = viewOf(s, viewId);
  const total = v.count();
  // A position past the end (a stale or hostile one) searches back from the end, not from there: stepping
  // back in blocks from 2^40 would take tens of thousands of empty rounds.
  from = Math.min(from, total);
  const direct = v instanceof SingleFileView;
  if (direct && direction === 'next') {
    const m = await filterFile(e, s, 0, spec, from + 1, total, 1, () => {}, signal);
    return m.length ? m[0] : null;
  }
  let block = 4096;
  let lo = direction === 'next' ? from + 1 : Math.max(0, from - block);
  let hi = direction === 'next' ? Math.min(total, lo + block) : from;
  while (lo < hi) {
    signal?.throwIfAborted();
    if (direct) {
      const m = await filterFile(e, s, 0, spec, lo, hi, Infinity, () => {}, signal);
      if (m.length) return m[m.length - 1];
    } else {
      const hit = await firstInBlock(e, s, v.refs(lo, hi - lo), spec, direction, signal);
      if (hit !== null) return lo + hit;
    }
    block = Math.min(block * 4, direct ? 1 << 24 : 1 << 18);
    if (direction === 'next') {
      lo = hi;
      hi = Math.min(total, lo + block);
    } else {
      hi = lo;
      lo = Math.max(0, hi - block);
    }
  }
  return null;
}

/** The first (or last) of `refs` whose record matches, as an offset into `refs`; null if none. */
async function firstInBlock(e: Engine, s: Session, refs: RecordRef[], spec: LogFilterSpec, direction: 'next' | 'previous', signal?: AbortSignal): Promise<number | null> {
  const range = new Map<number, [number, number]>();
  for (const r of refs) {
    const got = range.get(r.file);
    if (!got) range.set(r.file, [r.index, r.index]);
    else got[1] = Math.max(got[1], r.index);
  }
  const hits = new Map<number, Set<number>>();
  for (const [file, [min, max]] of range) hits.set(file, new Set(await filterFile(e, s, file, spec, min, max + 1, Infinity, () => {}, signal)));
  for (let n = 0; n < refs.length; n++) {
    const k = direction === 'next' ? n : refs.length - 1 - n;
    if (hits.get(refs[k].file)?.has(refs[k].index)) return k;
  }
  return null;
}

/** A view as a walk job sees it: each file's index (shared memory), the merge order, a filter's positions. */
function walkJob(s: Session, v: View, ask: WalkJob['ask']): WalkJob {
  const base = v instanceof FilteredView ? v.base : v;
  return {
    files: s.files.map((f) => ({ chunks: currentIndex(f).exportChunks(), offsetSec: f.info.offsetMinutes * 60 })),
    order: base instanceof MergedView ? mergeOrder(base) : null,
    positions: v instanceof FilteredView ? v.positions : null,
    ask,
  };
}

async function runWalk<T>(e: Engine, job: WalkJob, signal?: AbortSignal): Promise<T> {
  const r = await e.pool.run<{ stopped: boolean; value: T }>({ kind: 'walk', job }, () => {}, signal);
  if (r.stopped) throw new AppError('cancelled', 'The log task was cancelled.');
  return r.value;
}

/** Next/previous record at one of `levels`, from the index alone, on a log worker. */
export async function nextLevel(e: Engine, s: Session, from: number, direction: 'next' | 'previous', levels: string[], viewId?: string, signal?: AbortSignal): Promise<number | null> {
  const v = viewOf(s, viewId);
  const codes = levels.map((l) => levelCode.get(l as never)).filter((c) => c !== undefined);
  return runWalk<number | null>(e, walkJob(s, v, { kind: 'level', from, direction, levels: codes }), signal);
}

/** Record and error counts over `buckets` equal time slices of the view, on a log worker. */
export async function histogram(e: Engine, s: Session, buckets: number, viewId?: string, signal?: AbortSignal): Promise<HistogramBucket[]> {
  await untilAborted(settled(s), signal);
  return runWalk<HistogramBucket[]>(e, walkJob(s, viewOf(s, viewId), { kind: 'histogram', buckets }), signal);
}

/** Per-file statistics (waits for indexing). */
export async function stats(s: Session): Promise<LogFileStats[]> {
  await settled(s);
  const out: LogFileStats[] = [];
  for (const [file, f] of s.files.entries()) {
    const c = (f.summary?.levelCounts ?? []) as number[];
    const levels = Object.fromEntries(logLevels.map((l, i) => [l, c[i] ?? 0])) as LevelCounts;
    const timed = (dir: 1 | -1): number | null => {
      const n = f.index.count;
      if (dir > 0) {
        const cur = f.index.cursor(0);
        while (cur.next()) if (cur.sec === cur.sec) return cur.index;
        return null;
      }
      for (let hi = n; hi > 0; hi -= 65536) {
        let last: number | null = null;
        f.index.walk(Math.max(0, hi - 65536), hi, (r) => void (r.sec === r.sec && (last = r.index)));
        if (last !== null) return last;
      }
      return null;
    };
    const timeOf = async (i: number | null): Promise<string | null> => (i === null ? null : ((await readRecords(s, [{ file, index: i }], 4096))[0]?.time ?? null));
    out.push({
      path: f.info.path,
      format: f.info.format,
      encoding: f.info.encoding,
      bytes: f.info.bytes,
      records: f.summary?.records ?? f.index.count,
      levels: { error: levels.error, warning: levels.warning, info: levels.info, verbose: levels.verbose, debug: levels.debug, fatal: levels.fatal, none: levels.none },
      first: await timeOf(timed(1)),
      last: await timeOf(timed(-1)),
      unparsed: levels.unparsed,
    });
  }
  return out;
}
