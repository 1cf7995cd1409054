// Questions over a session's records: find next/previous match, next/previous record at some levels,
// a histogram over time, per-file statistics.
import { logLevels, type HistogramBucket, type LevelCounts, type LogFileStats, type LogFilterSpec } from '../../common/logs.ts';
import { filterFile } from './filtering.ts';
import { readRecords } from './reading.ts';
import { currentIndex, settled, type Engine, type Session } from './session.ts';
import { viewOf, walkView } from './session-views.ts';

const levelCode = new Map(logLevels.map((l, i) => [l, i]));

/**
 * Next (or previous) view position after (before) `from` whose record matches `spec`; null if none.
 * Runs on the view's records in blocks, so it stops at the first hit.
 */
export async function find(e: Engine, s: Session, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<number | null> {
  const v = viewOf(s, viewId);
  const total = v.count();
  let block = 4096;
  let lo = direction === 'next' ? from + 1 : Math.max(0, from - block);
  let hi = direction === 'next' ? Math.min(total, lo + block) : from;
  while (lo < hi) {
    signal?.throwIfAborted();
    const refs = v.refs(lo, hi - lo);
    const hits = new Set<string>();
    const byFile = new Map<number, number[]>();
    for (const r of refs) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.index]);
    for (const [file, list] of byFile) {
      const min = Math.min(...list), max = Math.max(...list);
      const m = await filterFile(e, s, file, spec, min, max + 1, Infinity, () => {}, signal);
      const wanted = new Set(list);
      for (const i of m) if (wanted.has(i)) hits.add(`${file}:${i}`);
    }
    const order = direction === 'next' ? refs.map((_, k) => k) : refs.map((_, k) => refs.length - 1 - k);
    for (const k of order) if (hits.has(`${refs[k].file}:${refs[k].index}`)) return lo + k;
    block = Math.min(block * 4, 1 << 20);
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

/** Next/previous record at one of `levels`, from the index alone. */
export function nextLevel(s: Session, from: number, direction: 'next' | 'previous', levels: string[], viewId?: string): number | null {
  const v = viewOf(s, viewId);
  const want = new Set(levels.map((l) => levelCode.get(l as never)));
  const step = direction === 'next' ? 1 : -1;
  const total = v.count();
  const BLOCK = 8192;
  for (let p = from + step; p >= 0 && p < total; ) {
    const lo = step > 0 ? p : Math.max(0, p - BLOCK + 1);
    const refs = v.refs(lo, step > 0 ? Math.min(BLOCK, total - p) : p - lo + 1);
    const order = step > 0 ? refs.map((_, k) => k) : refs.map((_, k) => refs.length - 1 - k);
    for (const k of order) {
      const r = refs[k];
      if (want.has(currentIndex(s.files[r.file]).levelAt(r.index))) return lo + k;
    }
    p = step > 0 ? p + refs.length : lo - 1;
    if (refs.length === 0) break;
  }
  return null;
}

/** Record and error counts over `buckets` equal time slices of the view. */
export async function histogram(s: Session, buckets: number, viewId?: string): Promise<HistogramBucket[]> {
  await settled(s);
  const v = viewOf(s, viewId);
  let min = Infinity, max = -Infinity;
  walkView(s, v, (_p, sec) => {
    if (sec !== sec) return;
    if (sec < min) min = sec;
    if (sec > max) max = sec;
  });
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
  walkView(s, v, (p, t, level) => {
    if (t !== t) return;
    const b = out[Math.floor((t - min) / width)];
    b.records++;
    if (level >= 5 && level <= 6) b.errors++;
    if (level === 4) b.warnings++;
    if (b.firstPosition < 0) b.firstPosition = p;
  });
  return out;
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
