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
 * were not read; `hit` is then true, since it was not searched). `c` is the walk's cursor: read it, do not
 * keep it.
 */
export type ScanVisit = (c: IndexCursor, win: Buffer | null, rs: number, hit: boolean) => boolean | void;

/**
 * Walks the records of `idx` in order from record `from`, until `visit` returns true (done) or the last
 * record; false when `shouldStop` said so between windows.
 */
export function scanRecords(fd: number, idx: RecordIndex, from: number, needles: readonly ScanNeedle[], shouldStop: () => boolean, visit: ScanVisit): boolean {
  const searches = needles.map((n) => new LiteralSearch(Buffer.from(n.text, 'utf8'), n.caseSensitive));
  // The first search reads in place (its module memory is the window); the others copy it in.
  const buf = searches[0]?.buffer(SCAN_WINDOW) ?? Buffer.allocUnsafe(SCAN_WINDOW);
  const starts: number[] = [], ends: number[] = [];
  const c = idx.cursor(from);
  let have = c.next();
  while (have) {
    if (shouldStop()) return false;
    const winStart = c.offset;
    const n = c.length > SCAN_WINDOW ? 0 : readSync(fd, buf, 0, SCAN_WINDOW, winStart);
    if (n < c.length) {
      // Longer than a window (or cut short by the file ending early): the analysis reads it itself.
      if (visit(c, null, 0, true)) return true;
      have = c.next();
      continue;
    }
    const win = buf.subarray(0, n);
    hitsIn(win, needles, searches, starts, ends);
    let h = 0;
    while (have && c.offset + c.length - winStart <= n) {
      const rs = c.offset - winStart, re = rs + c.length;
      while (h < starts.length && starts[h] < rs) h++;
      let hit = false;
      for (let k = h; k < starts.length && starts[k] < re; k++) {
        if (ends[k] <= re) {
          hit = true;
          break;
        }
      }
      if (visit(c, win, rs, hit)) return true;
      have = c.next();
    }
  }
  return true;
}

/** Every needle's matches in the window, as [start, end) pairs sorted by start (into `starts`, `ends`). */
function hitsIn(win: Buffer, needles: readonly ScanNeedle[], searches: LiteralSearch[], starts: number[], ends: number[]): void {
  starts.length = ends.length = 0;
  const pairs: [number, number][] = [];
  for (const [k, s] of searches.entries()) {
    s.load(win);
    const next = needles[k].next;
    for (let p = s.indexIn(0); p >= 0; p = s.indexIn(p + 1)) {
      if (!next) pairs.push([p, p + s.length]);
      else if (p + s.length < win.length && next(win[p + s.length])) pairs.push([p, p + s.length + 1]);
    }
  }
  if (searches.length > 1) pairs.sort((a, b) => a[0] - b[0]);
  for (const [a, b] of pairs) {
    starts.push(a);
    ends.push(b);
  }
}

/** What an analysis does with a record: decode it and read it, pass over it, or let it only extend a run. */
export type Take = 'decode' | 'skip' | 'extend';

/**
 * An analysis's literals and its choice per record, told whether one of them lies inside the record. The
 * literals must be such that a record holding none of them cannot change the result, unless `take` says
 * 'decode' or 'extend' for it.
 */
export interface RecordPlan {
  needles: ScanNeedle[];
  take(hit: boolean): Take;
}
