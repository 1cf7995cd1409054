// One file's record walk for an analysis (analysis-job.ts): records decoded as an analysis reads them,
// and a stretch of records fed to a reader, every one without a plan, with one those its `take` says to
// decode (analysis-scan.ts finds the plan's literals in the raw windows).
import type { LogRecord } from '../../common/logs.ts';
import { RecordIndex, type IndexedRecord } from './index-store.ts';
import { headBytes, readRecordSync, type RecordSource } from './record-decode.ts';
import { scanRecords, type RecordPlan } from './analysis-scan.ts';

export interface Reader {
  add(r: LogRecord): void;
  /** Records the plan said 'extend' for: the last of them, and the last time they carry. */
  extend?(lastIndex: number, time: string | null, timeMs: number | null): void;
  /** Whether its state can start afresh at this record (a part starts there); absent: at any record. */
  startsHere?(r: LogRecord): boolean;
}

/** An open file being walked: its index and how its records decode (at most `maxChars` of a message). */
export class RecordWalk {
  readonly idx: RecordIndex;

  constructor(
    readonly src: RecordSource & { file: number; chunks: Parameters<typeof RecordIndex.fromChunks>[0] },
    readonly fd: number,
    readonly maxChars: number,
  ) {
    this.idx = RecordIndex.fromChunks(src.chunks);
  }

  /** The record decoded, from its window bytes when it has them, else from the file. */
  decode(rec: IndexedRecord, win: Buffer | null, rs: number): LogRecord {
    const head = win ? win.subarray(rs, rs + headBytes(rec, this.maxChars)) : undefined;
    return readRecordSync(this.fd, this.src, this.src.file, rec, this.maxChars, head);
  }

  /** Where record `i` starts in the file (its end for `i` = the record count). */
  offsetOf(i: number): number {
    const rec = this.idx.get(i);
    if (rec) return rec.offset;
    const last = this.idx.get(this.idx.count - 1);
    return last ? last.offset + last.length : 0;
  }

  /**
   * Feeds the reader records [from, to), each end moved on to the next record where the reader can start
   * afresh (`startsHere`), as a part of the file (analysis-job.ts `part`). Records the plan lets only
   * extend a run are decoded lazily, from the last backwards until a time is found, when the next record
   * is read. `endByte`: where the walk is known to stop (no window reads past it); `stopAt`: the walk
   * ends before this record whatever the reader could start at. False when stopped.
   */
  feed(reader: Reader, plan: RecordPlan | null, from: number, to: number, shouldStop: () => boolean, endByte = Infinity, stopAt = Infinity): boolean {
    const idx = this.idx;
    let extendFrom = -1, extendTo = -1;
    const flush = (): void => {
      if (extendTo < 0) return;
      let time: string | null = null, timeMs: number | null = null;
      for (let i = extendTo; i >= extendFrom && (time === null || timeMs === null); i--) {
        const rec = idx.get(i);
        if (!rec) continue;
        const r = this.decode(rec, null, 0);
        if (time === null && r.time) time = r.time;
        if (timeMs === null && r.timeMs !== null) timeMs = r.timeMs;
      }
      reader.extend?.(extendTo, time, timeMs);
      extendFrom = extendTo = -1;
    };
    const startsHere = reader.startsHere?.bind(reader);
    let started = from === 0 || !startsHere;
    const done = scanRecords(this.fd, idx, from, plan?.needles ?? [], shouldStop, (c, win, rs, hit, mask) => {
      if (c.index >= stopAt) return true;
      // A record a reader can start at holds a literal of its plan (every record does without a plan).
      const maybeStart = startsHere && (hit || !plan);
      if (!started) {
        // No record to start at inside the part: the part before reads on over it, so this one is empty.
        if (c.index >= to) return true;
        if (!maybeStart) return;
        const r = this.decode(c, win, rs);
        if (!startsHere(r)) return;
        started = true;
        reader.add(r);
        return;
      }
      if (c.index >= to) {
        // Past the part's end: it ends where the next part starts.
        if (!startsHere) return true;
        if (maybeStart) {
          const r = this.decode(c, win, rs);
          if (startsHere(r)) return true;
          flush();
          reader.add(r);
          return;
        }
      }
      const take = plan ? plan.take(hit, mask, win && hit ? win.subarray(rs, rs + c.length) : null) : 'decode';
      if (take === 'skip') return;
      if (take === 'extend') {
        if (extendFrom < 0) extendFrom = c.index;
        extendTo = c.index;
        return;
      }
      flush();
      reader.add(this.decode(c, win, rs));
    }, endByte);
    if (done) flush();
    return done;
  }
}
