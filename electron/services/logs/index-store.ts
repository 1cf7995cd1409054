// The record index, main side: chunks of 3 bytes a record (index-chunk.ts) written by the indexing worker
// (index-builder.ts) into SharedArrayBuffers and read here without copies, by random access or in walks
// (index-cursor.ts).
import { BIG, Escapes, MARKS, STEP, endOffset, marksOf, views, type Chunk, type ChunkMessage } from './index-chunk.ts';
import { IndexCursor } from './index-cursor.ts';

/** One record as the index knows it. */
export interface IndexedRecord {
  index: number;
  offset: number;
  length: number;
  level: number;
  /** Wall-clock seconds as written, NaN when the record has no time. */
  sec: number;
}

/**
 * Main side: random access and sequential walks over the records indexed so far. Chunks are full except
 * the last one of each indexing part (a file indexed by two workers has a short chunk in the middle).
 */
export class RecordIndex {
  private readonly chunks: Chunk[] = [];
  /** First record number of each chunk. */
  private firsts: number[] = [];
  count = 0;
  bytes = 0;

  /** An index over chunks shared by another thread (a job's copy of a file's index). */
  static fromChunks(chunks: readonly ChunkMessage[]): RecordIndex {
    const idx = new RecordIndex();
    for (const c of chunks) idx.accept(c);
    return idx;
  }

  /** Adds or refreshes a chunk; `seqBase` places a later indexing part after the earlier ones. */
  accept(msg: ChunkMessage, seqBase = 0): void {
    const at = seqBase + msg.seq;
    const prev = this.chunks[at];
    const arrays = prev ? { lens: prev.lens, meta: prev.meta, markOffsets: prev.markOffsets, markSecs: prev.markSecs } : views(msg.sab);
    this.chunks[at] = { ...arrays, sab: msg.sab, start: msg.start, count: msg.count, big: new Map(msg.big), escapes: Escapes.from(msg.escapes) };
    this.renumber(at);
  }

  /** Number of chunks (where the next indexing part starts). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  private renumber(from: number): void {
    for (let k = from; k < this.chunks.length; k++) this.firsts[k] = k === 0 ? 0 : this.firsts[k - 1] + (this.chunks[k - 1]?.count ?? 0);
    this.firsts.length = this.chunks.length;
    const lastK = this.chunks.length - 1;
    const last = this.chunks[lastK];
    this.count = last ? this.firsts[lastK] + last.count : 0;
    this.bytes = last ? endOffset(last) : 0;
  }

  /** Drops records from `n` on (tail mode re-reads the last record, which may have been half written). */
  truncate(n: number): void {
    if (n >= this.count) return;
    if (n <= 0) {
      this.chunks.length = 0;
      this.renumber(0);
      return;
    }
    const seq = this.chunkOf(n - 1);
    const c = this.chunks[seq];
    c.count = n - this.firsts[seq];
    for (const k of [...c.big.keys()]) if (k >= c.count) c.big.delete(k);
    c.escapes.truncate(c.count);
    c.exported = undefined;
    this.chunks.length = seq + 1;
    this.renumber(seq);
  }

  /** Index memory in bytes (3 a record, the marks, chunk headers and side tables), for the benchmark. */
  memoryBytes(): number {
    let side = 0;
    for (const c of this.chunks) side += 16 + MARKS * 16 + c.big.size * 16 + c.escapes.size * 12;
    return this.count * 3 + side;
  }

  /** Chunk holding record `index` (binary search over chunk starts). */
  chunkOf(index: number): number {
    let lo = 0, hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Record containing byte `offset` (or the last record). */
  recordAt(offset: number): number {
    return this.locate(offset).index;
  }

  /** Record containing byte `offset` (or the last record), with its start offset. */
  locate(offset: number): { index: number; start: number } {
    let lo = 0, hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const c = this.chunks[lo];
    if (!c || c.count === 0) return { index: 0, start: 0 };
    const m = marksOf(c);
    let j = 0;
    while ((j + 1) * STEP < c.count && m.offsets[j + 1] <= offset) j++;
    let pos = m.offsets[j];
    for (let k = j * STEP; k < c.count; k++) {
      const len = c.lens[k] === BIG ? (c.big.get(k) ?? 0) : c.lens[k];
      if (pos + len > offset) return { index: this.firsts[lo] + k, start: pos };
      pos += len;
    }
    const k = c.count - 1;
    return { index: this.firsts[lo] + k, start: pos - (c.lens[k] === BIG ? (c.big.get(k) ?? 0) : c.lens[k]) };
  }

  get(index: number): IndexedRecord | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const c = this.cursor(index);
    return c.next() ? { index: c.index, offset: c.offset, length: c.length, level: c.level, sec: c.sec } : undefined;
  }

  /** Calls `fn` for records `[from, to)` in order (the object is reused); returning `false` stops. */
  walk(from: number, to: number, fn: (r: IndexedRecord) => boolean | void): void {
    to = Math.min(to, this.count);
    if (from >= to) return;
    const c = this.cursor(from);
    while (c.next() && c.index < to) if (fn(c) === false) return;
  }

  /**
   * The chunks as messages, to share the index with a filter worker. Each chunk's message is kept until
   * the chunk changes, so a job on an indexed file costs no rebuilding here.
   */
  exportChunks(): ChunkMessage[] {
    return this.chunks.map((c, seq) => (c.exported ??= { seq, start: c.start, count: c.count, sab: c.sab, big: [...c.big], escapes: c.escapes.table() }));
  }

  /** A cursor positioned before record `from` (call `next()` to load it). */
  cursor(from: number): IndexCursor {
    return new IndexCursor(this, from);
  }

  /** @internal for IndexCursor */
  chunkAt(seq: number): Chunk | undefined {
    return this.chunks[seq];
  }

  /** @internal for IndexCursor */
  firstOf(seq: number): number {
    return this.firsts[seq];
  }

  /** Level code of one record without a walk (for next/previous error). */
  levelAt(index: number): number {
    const seq = this.chunkOf(index);
    return this.chunks[seq].meta[index - this.firsts[seq]] & 7;
  }
}
