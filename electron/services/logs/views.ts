// Views map a position on screen to (file, record): the session's base order (one file, or several merged
// by time) and filtered subsets of it. Merging uses the index's second-resolution times plus each file's
// offset override; ties keep file order, then record order.
import type { IndexedRecord, RecordIndex } from './index-store.ts';

export interface RecordRef {
  file: number;
  index: number;
}

export interface View {
  count(): number;
  /** Records at positions [first, first + count). */
  refs(first: number, count: number): RecordRef[];
  /** The position of a file's record in this view, or null when the view does not hold it. */
  positionOf(ref: RecordRef): number | null;
}

export class SingleFileView implements View {
  constructor(private readonly index: () => RecordIndex) {}
  count(): number {
    return this.index().count;
  }
  refs(first: number, count: number): RecordRef[] {
    const n = Math.max(0, Math.min(count, this.count() - first));
    return Array.from({ length: n }, (_, k) => ({ file: 0, index: first + k }));
  }
  positionOf(ref: RecordRef): number | null {
    return ref.file === 0 && ref.index < this.count() ? ref.index : null;
  }
}

/** Files one after another (multi-file sessions before their merge is ready, or > 255 files). */
export class ConcatView implements View {
  constructor(private readonly indexes: () => RecordIndex[]) {}
  count(): number {
    return this.indexes().reduce((s, i) => s + i.count, 0);
  }
  refs(first: number, count: number): RecordRef[] {
    const out: RecordRef[] = [];
    let base = 0;
    this.indexes().forEach((idx, file) => {
      const lo = Math.max(first, base), hi = Math.min(first + count, base + idx.count);
      for (let p = lo; p < hi; p++) out.push({ file, index: p - base });
      base += idx.count;
    });
    return out;
  }
  positionOf(ref: RecordRef): number | null {
    const indexes = this.indexes();
    if (ref.index >= (indexes[ref.file]?.count ?? 0)) return null;
    return indexes.slice(0, ref.file).reduce((s, i) => s + i.count, 0) + ref.index;
  }
}

const CHECKPOINT = 4096;

/** The time order of a merge: the file of each position, and each file's count every CHECKPOINT positions. */
export interface MergeOrder {
  fileOf: Uint8Array;
  checkpoints: Uint32Array;
}

/**
 * The time order of `indexes`; `offsetsSec[f]` is added to file f's times. `subSecond(file, record)` (ms
 * within the second, read from the record) breaks ties between files whose records share a second;
 * without it, ties keep file order. Null when `shouldStop` (polled every million positions) says so.
 */
export function mergeOrder(indexes: RecordIndex[], offsetsSec: number[], subSecond: ((file: number, r: IndexedRecord) => number) | undefined, shouldStop: () => boolean): MergeOrder | null {
  const files = indexes.length;
  const total = indexes.reduce((s, i) => s + i.count, 0);
  const fileOf = new Uint8Array(total);
  const checkpoints = new Uint32Array((Math.floor(total / CHECKPOINT) + 1) * files);
  const cursors = indexes.map((idx) => idx.cursor(0));
  const has = cursors.map((c) => c.next());
  const counters = new Uint32Array(files);
  // An untimed record sorts with the record before it in its file.
  const lastSec = cursors.map((c, f) => (c.sec === c.sec ? c.sec : -Infinity) + offsetsSec[f]);
  const key = (f: number): number => {
    const c = cursors[f];
    if (c.sec === c.sec) lastSec[f] = c.sec + offsetsSec[f];
    return lastSec[f];
  };
  for (let pos = 0; pos < total; pos++) {
    if (pos % CHECKPOINT === 0) {
      checkpoints.set(counters, (pos / CHECKPOINT) * files);
      if (pos % (CHECKPOINT * 256) === 0 && shouldStop()) return null;
    }
    let best = -1, bestKey = Infinity, tie = false;
    for (let f = 0; f < files; f++) {
      if (!has[f]) continue;
      const k = key(f);
      if (best < 0 || k < bestKey) {
        best = f;
        bestKey = k;
        tie = false;
      } else if (k === bestKey) tie = true;
    }
    if (tie && subSecond) {
      let bestMs = Infinity;
      for (let f = 0; f < files; f++) {
        if (!has[f] || lastSec[f] !== bestKey) continue;
        const ms = subSecond(f, cursors[f]);
        if (ms < bestMs) {
          bestMs = ms;
          best = f;
        }
      }
    }
    fileOf[pos] = best;
    counters[best]++;
    has[best] = cursors[best].next();
  }
  return { fileOf, checkpoints };
}

export class MergedView implements View {
  private constructor(
    private readonly fileOf: Uint8Array,
    private readonly checkpoints: Uint32Array,
    private readonly files: number,
  ) {}

  /** A merge built elsewhere (a log worker builds it with `mergeOrder`). */
  static of(m: MergeOrder, files: number): MergedView {
    return new MergedView(m.fileOf, m.checkpoints, files);
  }

  /** Builds the time order in the calling thread (tests; the service builds it on a log worker). */
  static build(indexes: RecordIndex[], offsetsSec: number[], subSecond?: (file: number, r: IndexedRecord) => number): MergedView {
    return MergedView.of(mergeOrder(indexes, offsetsSec, subSecond, () => false) as MergeOrder, indexes.length);
  }

  count(): number {
    return this.fileOf.length;
  }

  refs(first: number, count: number): RecordRef[] {
    const end = Math.min(this.fileOf.length, first + count);
    if (first >= end) return [];
    const cp = Math.floor(first / CHECKPOINT);
    const counters = this.checkpoints.slice(cp * this.files, (cp + 1) * this.files);
    for (let p = cp * CHECKPOINT; p < first; p++) counters[this.fileOf[p]]++;
    const out: RecordRef[] = [];
    for (let p = first; p < end; p++) {
      const f = this.fileOf[p];
      out.push({ file: f, index: counters[f]++ });
    }
    return out;
  }

  /**
   * Where a file's record sits in the merge: the last checkpoint before it (checkpoints count each file's
   * records so far, so they grow with the position) found by bisection, then a walk of at most one stretch.
   */
  positionOf(ref: RecordRef): number | null {
    const { file, index } = ref;
    if (file >= this.files || this.fileOf.length === 0) return null;
    // the last checkpoint written is that of the last stretch (one past it stays zero)
    let lo = 0, hi = Math.floor((this.fileOf.length - 1) / CHECKPOINT);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid * this.files + file] <= index) lo = mid;
      else hi = mid - 1;
    }
    let seen = this.checkpoints[lo * this.files + file];
    for (let p = lo * CHECKPOINT; p < this.fileOf.length; p++) {
      if (this.fileOf[p] !== file) continue;
      if (seen === index) return p;
      seen++;
    }
    return null;
  }

  /** Walks all positions in order (histograms, filtered merges); `fn` returning false stops the walk. */
  forEach(fn: (pos: number, file: number, index: number) => boolean | void): void {
    const counters = new Uint32Array(this.files);
    for (let p = 0; p < this.fileOf.length; p++) {
      const f = this.fileOf[p];
      if (fn(p, f, counters[f]++) === false) return;
    }
  }
}

/** A filtered subset of a base view: the base positions that matched, in order. */
export class FilteredView implements View {
  constructor(
    readonly base: View,
    readonly positions: Uint32Array,
  ) {}
  count(): number {
    return this.positions.length;
  }
  refs(first: number, count: number): RecordRef[] {
    const out: RecordRef[] = [];
    const end = Math.min(this.positions.length, first + count);
    for (let p = first; p < end; p++) out.push(...this.base.refs(this.positions[p], 1));
    return out;
  }
  positionOf(ref: RecordRef): number | null {
    const at = this.base.positionOf(ref);
    if (at === null) return null;
    const k = lowerBound(this.positions, at);
    return this.positions[k] === at ? k : null;
  }
}

/** The first k with `sorted[k] >= value` (sorted.length when none). */
export function lowerBound(sorted: Uint32Array, value: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const STAMP = /\d\d:\d\d:\d\d[.,:](\d{1,3})/;

/**
 * Milliseconds within the second of records read in file order, for merge tie-breaks: a sequential 1 MB
 * window per file, and the first `HH:MM:SS.fff` (or `:fff`, MSI) stamp of the record's header or, for
 * CMTrace, of its trailer. UTF-16 files and records without a fraction give 0.
 */
export class SubSecondReader {
  private buf = Buffer.alloc(0);
  private start = 0;
  private end = 0;

  constructor(
    private readonly read: (buf: Buffer, position: number) => number,
    private readonly cmtrace: boolean,
    private readonly utf16: boolean,
  ) {}

  ms(r: IndexedRecord): number {
    if (this.utf16) return 0;
    const want = Math.min(r.length, this.cmtrace ? 512 : 160);
    const at = this.cmtrace ? r.offset + r.length - want : r.offset;
    if (at < this.start || at + want > this.end) {
      if (this.buf.length === 0) this.buf = Buffer.alloc(1 << 20);
      this.start = at;
      this.end = at + this.read(this.buf, at);
      if (this.end < at + want) return 0;
    }
    let text = this.buf.toString('latin1', at - this.start, at - this.start + want);
    if (this.cmtrace) {
      const t = text.lastIndexOf(']LOG]!>');
      if (t < 0) return 0;
      text = text.slice(t);
    }
    const m = STAMP.exec(text);
    return m ? Number(m[1].padEnd(3, '0')) : 0;
  }
}
