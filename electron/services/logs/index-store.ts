// The record index, main side: chunks of 3 bytes a record (index-chunk.ts) written by the indexing worker
// (index-builder.ts) into SharedArrayBuffers, or by then in a spill file (index-spill.ts), read here by
// random access or in walks (index-cursor.ts). A spilled chunk is read back when wanted; the last few
// read are kept (CACHED_CHUNKS), so memory stays flat however big the file.
import { BIG, Escapes, MARKS, STEP, endOffset, marksOf, views, type Chunk, type ChunkMessage, type SpillRef } from './index-chunk.ts';
import { IndexCursor } from './index-cursor.ts';
import { readSpilled } from './index-spill.ts';

/** Spilled chunks kept after a read (50 KB each): a screen, a window read, a walk's current chunk. */
export const CACHED_CHUNKS = 8;

/** A chunk as the index holds it: in memory, or on disk with what lookups need without reading it. */
interface Slot {
  start: number;
  count: number;
  /** Offset just past the last record. */
  end: number;
  /** In memory (not spilled: being filled, the short last chunk of a part, or its spill failed). */
  chunk?: Chunk;
  spill?: SpillRef;
  /** The chunk as last exported, until it changes. */
  exported?: ChunkMessage;
}

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
  private readonly slots: Slot[] = [];
  /** First record number of each chunk. */
  private firsts: number[] = [];
  /** Spilled chunks read back, most recent last. */
  private readonly cache = new Map<number, Chunk>();
  count = 0;
  bytes = 0;

  /** An index over chunks shared by another thread or spilled (a job's copy of a file's index). */
  static fromChunks(chunks: readonly ChunkMessage[]): RecordIndex {
    const idx = new RecordIndex();
    for (const c of chunks) idx.accept(c);
    return idx;
  }

  /** Adds or refreshes a chunk; `seqBase` places a later indexing part after the earlier ones. */
  accept(msg: ChunkMessage, seqBase = 0): void {
    const at = seqBase + msg.seq;
    this.cache.delete(at);
    if (msg.spill) this.slots[at] = { start: msg.start, count: msg.count, end: msg.spill.end, spill: msg.spill };
    else {
      const sab = msg.sab as SharedArrayBuffer;
      const prev = this.slots[at]?.chunk;
      const arrays = prev ? { lens: prev.lens, meta: prev.meta, markOffsets: prev.markOffsets, markSecs: prev.markSecs } : views(sab);
      const chunk: Chunk = { ...arrays, sab, start: msg.start, count: msg.count, big: new Map(msg.big), escapes: Escapes.from(msg.escapes) };
      this.slots[at] = { start: msg.start, count: msg.count, end: endOffset(chunk), chunk };
    }
    this.renumber(at);
  }

  /** Number of chunks (where the next indexing part starts). */
  get chunkCount(): number {
    return this.slots.length;
  }

  /** Chunks held in memory, spilled or not (tests, diagnostics). */
  residentChunks(): { pinned: number; cached: number; spilled: number } {
    return { pinned: this.slots.filter((s) => s?.chunk).length, cached: this.cache.size, spilled: this.slots.filter((s) => s?.spill).length };
  }

  private renumber(from: number): void {
    for (let k = from; k < this.slots.length; k++) this.firsts[k] = k === 0 ? 0 : this.firsts[k - 1] + (this.slots[k - 1]?.count ?? 0);
    this.firsts.length = this.slots.length;
    const lastK = this.slots.length - 1;
    const last = this.slots[lastK];
    this.count = last ? this.firsts[lastK] + last.count : 0;
    this.bytes = last ? last.end : 0;
  }

  /** Drops records from `n` on (tail mode re-reads the last record, which may have been half written). */
  truncate(n: number): void {
    if (n >= this.count) return;
    this.cache.clear();
    if (n <= 0) {
      this.slots.length = 0;
      this.renumber(0);
      return;
    }
    const seq = this.chunkOf(n - 1);
    const slot = this.slots[seq];
    slot.count = n - this.firsts[seq];
    const c = slot.chunk;
    if (c) {
      c.count = slot.count;
      for (const k of [...c.big.keys()]) if (k >= c.count) c.big.delete(k);
      c.escapes.truncate(c.count);
    }
    // A spilled chunk keeps its bytes on disk: records past `count` are never read.
    slot.end = endOffset(this.chunkAt(seq) as Chunk);
    slot.exported = undefined;
    this.slots.length = seq + 1;
    this.renumber(seq);
  }

  /** Index size in bytes (3 a record, the marks, chunk headers and side tables), in memory or spilled, for the benchmark. */
  memoryBytes(): number {
    let side = 0;
    for (const s of this.slots) side += 16 + MARKS * 16 + (s.chunk ? s.chunk.big.size * 16 + s.chunk.escapes.size * 12 : s.spill ? s.spill.big * 16 + s.spill.escapes * 12 : 0);
    return this.count * 3 + side;
  }

  /** Chunk holding record `index` (binary search over chunk starts). */
  chunkOf(index: number): number {
    let lo = 0, hi = this.slots.length - 1;
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
    let lo = 0, hi = this.slots.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.slots[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    const c = this.chunkAt(lo);
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
    return this.slots.map((s, seq) => (s.exported ??= s.chunk ? { seq, start: s.start, count: s.count, sab: s.chunk.sab as SharedArrayBuffer, big: [...s.chunk.big], escapes: s.chunk.escapes.table() } : { seq, start: s.start, count: s.count, spill: s.spill, big: [], escapes: [] }));
  }

  /** A cursor positioned before record `from` (call `next()` to load it). */
  cursor(from: number): IndexCursor {
    return new IndexCursor(this, from);
  }

  /** @internal for IndexCursor: the chunk, read back from its spill file when it is not in memory. */
  chunkAt(seq: number): Chunk | undefined {
    const s = this.slots[seq];
    if (!s) return undefined;
    if (s.chunk) return s.chunk;
    let c = this.cache.get(seq);
    if (c) {
      this.cache.delete(seq);
      this.cache.set(seq, c);
      return c;
    }
    c = readSpilled(s.spill as SpillRef, s.start, s.count);
    this.cache.set(seq, c);
    if (this.cache.size > CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value as number);
    return c;
  }

  /** @internal for IndexCursor: where chunk `seq` starts, without reading it (undefined past the last). */
  startOf(seq: number): number | undefined {
    return this.slots[seq]?.start;
  }

  /** @internal for IndexCursor */
  firstOf(seq: number): number {
    return this.firsts[seq];
  }

  /** Level code of one record without a walk (for next/previous error). */
  levelAt(index: number): number {
    const seq = this.chunkOf(index);
    return (this.chunkAt(seq) as Chunk).meta[index - this.firsts[seq]] & 7;
  }
}
