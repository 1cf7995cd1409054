// The record walk of an analysis: windows of whole records are read from the file, searched for the
// analysis's literals at memory speed (literal-search.ts), and each record is handed on with whether one
// of them lies wholly inside it. An analysis then decodes only the records that can matter to it, instead
// of decoding and parsing every record of a 2 GB file.
import { readSync } from 'node:fs';
import type { IndexCursor } from './index-cursor.ts';
import type { RecordIndex } from './index-store.ts';
import { LiteralSearch } from './literal-search.ts';

/** Window size: records longer than this are handed on without a window (the analysis reads them itself). */
export const SCAN_WINDOW = 1 << 20;

export interface ScanNeedle {
  text: string;
  caseSensitive: boolean;
  /**
   * When set, a match counts only with a byte after it (inside the record) that passes this test: it is
   * then one byte longer. Lets one short literal stand for several ("Id" then a quote or a backslash).
   */
  next?: (byte: number) => boolean;
}

/**
 * `win` holds the record at [rs, rs + c.length), or is null for a record longer than a window (its bytes
 * were not read; `hit` is then true, since it was not searched). `mask` has bit k set when needle k lies
 * wholly inside the record (all bits for a record not searched). `c` is the walk's cursor: read it, do not
 * keep it.
 */
export type ScanVisit = (c: IndexCursor, win: Buffer | null, rs: number, hit: boolean, mask: number) => boolean | void;

/**
 * Walks the records of `idx` in order from record `from`, until `visit` returns true (done) or the last
 * record; false when `shouldStop` said so between windows. `endByte`: no window reads past it (a walk
 * that ends at a known record reads no more than it needs); a record crossing it is handed on without a
 * window. At most 31 needles (the mask's bits). `hitsOnly`: only records holding a needle (or too long to
 * search) are visited, the others skipped without loading them.
 */
export function scanRecords(fd: number, idx: RecordIndex, from: number, needles: readonly ScanNeedle[], shouldStop: () => boolean, visit: ScanVisit, endByte = Infinity, hitsOnly = false): boolean {
  const searches = searchesFor(needles);
  // The window is read into the searches' shared module memory: each searches it in place.
  const buf = searches[0]?.buffer(SCAN_WINDOW) ?? Buffer.allocUnsafe(SCAN_WINDOW);
  const starts: number[] = [], ends: number[] = [], which: number[] = [];
  const c = idx.cursor(from);
  let have = c.next();
  while (have) {
    if (shouldStop()) return false;
    const winStart = c.offset;
    const want = Math.min(SCAN_WINDOW, endByte - winStart);
    const n = c.length > want ? 0 : readSync(fd, buf, 0, want, winStart);
    if (n < c.length) {
      // Longer than a window (or cut short by the file ending early): the analysis reads it itself.
      if (visit(c, null, 0, true, 0x7fffffff)) return true;
      have = c.next();
      continue;
    }
    const win = buf.subarray(0, n);
    hitsIn(win, needles, searches, starts, ends, which);
    if (hitsOnly) {
      // Straight to each record holding a hit (the cursor skips the others by their lengths), then on
      // to the first record not wholly in the window.
      for (let h = 0; h < starts.length && c.seek(winStart + starts[h]); ) {
        const rs = c.offset - winStart, re = rs + c.length;
        if (re > n) break;
        let mask = 0;
        for (; h < starts.length && starts[h] < re; h++) if (ends[h] <= re) mask |= 1 << which[h];
        if (mask && visit(c, win, rs, true, mask)) return true;
      }
      have = c.seek(winStart + n);
      continue;
    }
    let h = 0;
    while (have && c.offset + c.length - winStart <= n) {
      const rs = c.offset - winStart, re = rs + c.length;
      while (h < starts.length && starts[h] < rs) h++;
      let mask = 0;
      for (let k = h; k < starts.length && starts[k] < re; k++) if (ends[k] <= re) mask |= 1 << which[k];
      if (visit(c, win, rs, mask !== 0, mask)) return true;
      have = c.next();
    }
  }
  return true;
}

/**
 * The searches of a set of needles, made once per set: a reader that walks many short stretches (the IME
 * timeline's kept runs, ime/agent-cut.ts) would otherwise build a module and its memory for each.
 */
const madeSearches = new WeakMap<readonly ScanNeedle[], LiteralSearch[]>();
function searchesFor(needles: readonly ScanNeedle[]): LiteralSearch[] {
  let s = madeSearches.get(needles);
  if (!s) madeSearches.set(needles, (s = LiteralSearch.sharing(needles.map((n) => ({ needle: Buffer.from(n.text, 'utf8'), caseSensitive: n.caseSensitive })), SCAN_WINDOW)));
  return s;
}

/**
 * Every needle's matches in the window, as [start, end) pairs sorted by start (into `starts`, `ends`, and
 * the needle's number into `which`).
 */
function hitsIn(win: Buffer, needles: readonly ScanNeedle[], searches: LiteralSearch[], starts: number[], ends: number[], which: number[]): void {
  starts.length = ends.length = which.length = 0;
  // Each needle's matches come in order: one needle's go straight in, several are merged (no sort, no
  // pair per match: a window of a sign-in walk holds thousands of "session" and "log").
  const lists = searches.length === 1 ? [starts] : perNeedle(searches.length);
  for (const [k, s] of searches.entries()) {
    const list = lists[k];
    list.length = 0;
    s.load(win);
    const next = needles[k].next;
    for (let p = s.indexIn(0); p >= 0; p = s.indexIn(p + 1)) {
      if (!next) list.push(p, p + s.length);
      else if (p + s.length < win.length && next(win[p + s.length])) list.push(p, p + s.length + 1);
    }
  }
  if (searches.length === 1) {
    // starts holds start, end pairs: split them.
    const pairs = starts.splice(0);
    for (let i = 0; i < pairs.length; i += 2) {
      starts.push(pairs[i]);
      ends.push(pairs[i + 1]);
      which.push(0);
    }
    return;
  }
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let k = 0; k < lists.length; k++) if (at[k] < lists[k].length && (best < 0 || lists[k][at[k]] < lists[best][at[best]])) best = k;
    if (best < 0) return;
    starts.push(lists[best][at[best]]);
    ends.push(lists[best][at[best] + 1]);
    which.push(best);
    at[best] += 2;
  }
}

/** Arrays for each needle's matches (start, end pairs), kept between windows. */
const lists: number[][] = [];
function perNeedle(n: number): number[][] {
  while (lists.length < n) lists.push([]);
  return lists.slice(0, n);
}

/** What an analysis does with a record: decode it and read it, pass over it, or let it only extend a run. */
export type Take = 'decode' | 'skip' | 'extend';

/**
 * An analysis's literals and its choice per record, told whether one of them lies inside the record
 * (`mask`: which, as ScanVisit has it; `raw`: the record's bytes, null when not read). The literals must
 * be such that a record holding none of them cannot change the result, unless `take` says 'decode' or
 * 'extend' for it. The record `take` said 'decode' for is the next one the reader gets.
 */
export interface RecordPlan {
  needles: ScanNeedle[];
  take(hit: boolean, mask: number, raw: Buffer | null): Take;
}
