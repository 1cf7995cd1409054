// A session's views: one file as it is, several merged by time (or shown one after another), filter
// results over either; walks over a view from the index alone.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/errors.ts';
import type { LogProgress } from '../../common/logs.ts';
import { currentIndex, type Engine, type Session } from './session.ts';
import { ConcatView, FilteredView, MergedView, SingleFileView, type MergeOrder, type View } from './views.ts';

/** Filter results kept per session: the current one and a few before it. */
const KEPT_VIEWS = 4;

/**
 * Builds (again) the time-merged view of a session's files once they are indexed, on a log worker (it
 * walks every record and reads the milliseconds of records that share a second).
 */
export async function remerge(e: Engine, s: Session, onProgress?: (p: LogProgress) => void): Promise<void> {
  await Promise.all(s.files.map((f) => f.indexed));
  if (s.files.length > 255) return; // shown one after another
  const total = s.files.reduce((a, f) => a + f.index.count, 0);
  onProgress?.({ phase: 'merge', bytesDone: 0, bytesTotal: total, records: 0, done: false });
  const files = s.files.map((f) => ({ chunks: f.index.exportChunks(), offsetSec: f.info.offsetMinutes * 60, fsPath: f.fsPath, cmtrace: f.info.format === 'cmtrace', utf16: f.unitSize === 2 }));
  const order = await e.pool.run<MergeOrder | null>({ kind: 'merge', job: { files } }, () => {}, s.abort.signal);
  if (!order) throw new AppError('cancelled', 'The log task was cancelled.');
  s.merged = MergedView.of(order, s.files.length);
  s.views.clear(); // filtered views referred to the old order
  onProgress?.({ phase: 'merge', bytesDone: total, bytesTotal: total, records: total, done: true });
}

/** A filter result by id, or the session's base view. */
export function viewOf(s: Session, viewId?: string): View {
  if (viewId) {
    const v = s.views.get(viewId);
    if (!v) throw new AppError('not_found', 'This filter result is gone (the view was re-merged); apply the filter again.');
    return v;
  }
  if (s.files.length === 1) return new SingleFileView(() => currentIndex(s.files[0]));
  return s.merged ?? new ConcatView(() => s.files.map((f) => currentIndex(f)));
}

/** Keeps a filter result and returns its id; older results (millions of positions each) are let go. */
export function keepView(s: Session, view: FilteredView): string {
  const viewId = randomUUID();
  s.views.set(viewId, view);
  // The viewer shows one filter at a time.
  for (const old of s.views.keys()) if (s.views.size > KEPT_VIEWS) s.views.delete(old);
  return viewId;
}

/** Base-view positions of per-file matches (merged or concatenated order). */
export function positionsInBase(s: Session, perFile: Map<number, Uint32Array>): Uint32Array {
  const out: number[] = [];
  const ptr = new Map<number, number>();
  const take = (pos: number, file: number, index: number): void => {
    const m = perFile.get(file);
    if (!m) return;
    const p = ptr.get(file) ?? 0;
    if (p < m.length && m[p] === index) {
      out.push(pos);
      ptr.set(file, p + 1);
    }
  };
  if (s.merged) s.merged.forEach(take);
  else {
    let base = 0;
    s.files.forEach((f, file) => {
      for (const i of perFile.get(file) ?? []) out.push(base + i);
      base += f.index.count;
    });
  }
  return Uint32Array.from(out);
}

/**
 * Calls `fn(position, seconds, level)` for every record of a view, in order, from the index alone
 * (per file a cursor only moves forward: every view keeps each file's record order).
 */
export function walkView(s: Session, v: View, fn: (pos: number, sec: number, level: number) => void): void {
  const base = v instanceof FilteredView ? v.base : v;
  const keep = v instanceof FilteredView ? v.positions : null;
  const cursors = s.files.map((f) => f.index.cursor(0));
  const offsets = s.files.map((f) => f.info.offsetMinutes * 60);
  let k = 0;
  const emit = (basePos: number, file: number, index: number): void => {
    let pos = basePos;
    if (keep) {
      if (keep[k] !== basePos) return;
      pos = k++;
    }
    const c = cursors[file];
    while (c.index < index && c.next());
    fn(pos, c.sec + offsets[file], c.level);
  };
  if (base instanceof MergedView) base.forEach(emit);
  else if (base instanceof SingleFileView) for (let i = 0, n = base.count(); i < n; i++) emit(i, 0, i);
  else {
    let p = 0;
    s.files.forEach((f, file) => {
      for (let i = 0; i < f.index.count; i++) emit(p++, file, i);
    });
  }
}
