// Sequential reads over a record index: the cursor decodes one chunk's lengths and time deltas as it goes
// (a spilled chunk is read back as the cursor enters it, index-store.ts).
import { BIAS, BIG, ESCAPE, NO_TIME, STEP, marksOf, type Chunk } from './index-chunk.ts';
import type { IndexedRecord, RecordIndex } from './index-store.ts';

/** Sequential reader: `next()` loads the next record into the public fields; false at the end. */
export class IndexCursor implements IndexedRecord {
  index = -1;
  offset = 0;
  length = 0;
  level = 0;
  sec = NaN;
  private seq: number;
  private i: number;
  private chunk: Chunk | undefined;
  private nextOffset = 0;
  private runSec = NaN;

  constructor(
    private readonly idx: RecordIndex,
    from: number,
  ) {
    this.seq = idx.chunkOf(from);
    this.i = Math.max(0, from - (idx.firstOf(this.seq) ?? 0));
    this.load(this.i);
  }

  private load(upTo: number): void {
    const c = (this.chunk = this.idx.chunkAt(this.seq));
    if (!c) return;
    let offset = c.start, sec = NaN, from = 0;
    if (upTo >= STEP) {
      const m = marksOf(c);
      const j = Math.min(Math.floor(upTo / STEP), Math.floor((c.count - 1) / STEP));
      offset = m.offsets[j];
      sec = m.secs[j];
      from = j * STEP;
    }
    for (let k = from; k < upTo; k++) {
      offset += c.lens[k] === BIG ? (c.big.get(k) ?? 0) : c.lens[k];
      const t = c.meta[k] >> 3;
      if (t === ESCAPE) sec = c.escapes.get(k);
      else if (t !== NO_TIME) sec += t - BIAS;
    }
    this.nextOffset = offset;
    this.runSec = sec;
  }

  /**
   * Moves forward to the record holding byte `offset` (at or after the current record's start) and loads
   * it (a no-op when the current record holds it); false when no record at or after the current one does. Skips whole chunks by their starts and
   * runs of 256 records by their marks, then steps over lengths and time codes only, without loading each
   * record: a text filter maps its hits to records this way (a full walk cost ~125 ms on 6.5 M records).
   */
  seek(offset: number): boolean {
    if (this.index >= 0 && offset < this.offset + this.length) return true;
    let c = this.chunk;
    if (!c) return false;
    // Chunks skipped are never read (a spilled one would be read back from disk for nothing).
    let seq = this.seq;
    for (let s = this.idx.startOf(seq + 1); s !== undefined && s <= offset; s = this.idx.startOf(seq + 1)) seq++;
    if (seq !== this.seq) {
      this.seq = seq;
      this.i = 0;
      this.load(0);
      c = this.chunk as Chunk;
    }
    if (c.count > 0) {
      const m = marksOf(c);
      const last = Math.floor((c.count - 1) / STEP);
      let j = Math.floor(this.i / STEP);
      while (j < last && m.offsets[j + 1] <= offset) j++;
      if (j * STEP > this.i) {
        this.i = j * STEP;
        this.load(this.i);
      }
    }
    const { lens, meta, big, escapes } = c;
    let i = this.i, pos = this.nextOffset, sec = this.runSec;
    for (; i < c.count; i++) {
      const len = lens[i] === BIG ? (big.get(i) ?? 0) : lens[i];
      if (pos + len > offset) break;
      pos += len;
      const t = meta[i] >> 3;
      if (t === ESCAPE) sec = escapes.get(i);
      else if (t !== NO_TIME) sec += t - BIAS;
    }
    this.i = i;
    this.nextOffset = pos;
    this.runSec = sec;
    return this.next() && offset < this.offset + this.length;
  }

  next(): boolean {
    let c = this.chunk;
    if (!c) return false;
    while (this.i >= c.count) {
      this.seq++;
      this.i = 0;
      this.load(0);
      c = this.chunk;
      if (!c) return false;
    }
    const i = this.i++;
    const len = c.lens[i] === BIG ? (c.big.get(i) ?? 0) : c.lens[i];
    const meta = c.meta[i];
    const t = meta >> 3;
    if (t === ESCAPE) this.sec = this.runSec = c.escapes.get(i);
    else if (t !== NO_TIME) this.sec = this.runSec = this.runSec + t - BIAS;
    else this.sec = NaN;
    this.index = this.idx.firstOf(this.seq) + i;
    this.offset = this.nextOffset;
    this.length = len;
    this.level = meta & 7;
    this.nextOffset += len;
    return true;
  }
}
