// The compact record index: 3 bytes a record (2 length; 1 holding the level in 3 bits and a 5-bit time
// delta) in chunks of 16,384 records on SharedArrayBuffers, so the indexing worker writes and main reads
// without copies. Lengths ≥ 65,535 and times beyond a ±14 s step go to small per-chunk side tables.

export const CHUNK_RECORDS = 16384;
/** Time codes: 0–28 = seconds since the previous timed record, biased by 14 (threads log slightly out of order). */
const BIAS = 14;
const NO_TIME = 30;
const ESCAPE = 31;
const BIG = 0xffff;
const STEP = 256;

const MARKS = CHUNK_RECORDS / STEP;

/** Offset and running time before records 0, STEP, 2·STEP, … (written by the builder into the SAB). */
function marksOf(c: Chunk): { offsets: Float64Array; secs: Float64Array } {
  return { offsets: c.markOffsets, secs: c.markSecs };
}

/** Byte offset just past the chunk's last record. */
function endOffset(c: Chunk): number {
  if (c.count === 0) return c.start;
  const j = Math.floor((c.count - 1) / STEP);
  let pos = c.markOffsets[j];
  for (let k = j * STEP; k < c.count; k++) pos += c.lens[k] === BIG ? (c.big.get(k) ?? 0) : c.lens[k];
  return pos;
}

/**
 * Exact times of the records whose time code could not hold them: record numbers (ascending) and seconds
 * in typed arrays, 12 bytes an entry (a sparse log can escape on most records; a Map would cost ~5×).
 */
export class Escapes {
  private idx = new Uint32Array(8);
  private sec = new Float64Array(8);
  size = 0;

  static from(pairs: [number, number][]): Escapes {
    const e = new Escapes();
    for (const [i, s] of pairs) e.push(i, s);
    return e;
  }

  push(i: number, s: number): void {
    if (this.size === this.idx.length) {
      const idx = new Uint32Array(this.size * 2), sec = new Float64Array(this.size * 2);
      idx.set(this.idx);
      sec.set(this.sec);
      this.idx = idx;
      this.sec = sec;
    }
    this.idx[this.size] = i;
    this.sec[this.size++] = s;
  }

  get(i: number): number {
    let lo = 0, hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.idx[mid];
      if (v === i) return this.sec[mid];
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return NaN;
  }

  /** Forgets entries for records `count` and later. */
  truncate(count: number): void {
    while (this.size > 0 && this.idx[this.size - 1] >= count) this.size--;
  }

  pairs(): [number, number][] {
    return Array.from({ length: this.size }, (_, k) => [this.idx[k], this.sec[k]] as [number, number]);
  }
}

/** What crosses the worker boundary for one chunk (the SAB is shared, the side tables are copied). */
export interface ChunkMessage {
  seq: number;
  start: number;
  count: number;
  sab: SharedArrayBuffer;
  big: [number, number][];
  escapes: [number, number][];
}

interface Chunk {
  sab: SharedArrayBuffer;
  start: number;
  count: number;
  lens: Uint16Array;
  /** level | time code << 3 */
  meta: Uint8Array;
  /** Every STEP records: the offset and running time before that record (1 KB a chunk, ~0.06 B a record). */
  markOffsets: Float64Array;
  markSecs: Float64Array;
  big: Map<number, number>;
  escapes: Escapes;
}

function views(sab: SharedArrayBuffer): Pick<Chunk, 'lens' | 'meta' | 'markOffsets' | 'markSecs'> {
  return {
    lens: new Uint16Array(sab, 0, CHUNK_RECORDS),
    meta: new Uint8Array(sab, CHUNK_RECORDS * 2, CHUNK_RECORDS),
    markOffsets: new Float64Array(sab, CHUNK_RECORDS * 3, MARKS),
    markSecs: new Float64Array(sab, CHUNK_RECORDS * 3 + MARKS * 8, MARKS),
  };
}

/** Worker side: appends records and hands out chunk messages. */
export class IndexBuilder {
  private chunk: Chunk;
  private seq = 0;
  private lastSec = NaN;
  private offset: number;
  records = 0;
  readonly levelCounts = new Float64Array(8);

  constructor(
    private readonly onChunk: (msg: ChunkMessage) => void,
    startOffset = 0,
  ) {
    this.offset = startOffset;
    this.chunk = this.newChunk();
  }

  private newChunk(): Chunk {
    const sab = new SharedArrayBuffer(CHUNK_RECORDS * 3 + MARKS * 16);
    this.lastSec = NaN;
    return { sab, start: this.offset, count: 0, ...views(sab), big: new Map(), escapes: new Escapes() };
  }

  push(bytes: number, level: number, sec: number): void {
    const c = this.chunk;
    const i = c.count;
    if ((i & (STEP - 1)) === 0) {
      c.markOffsets[i / STEP] = this.offset;
      c.markSecs[i / STEP] = this.lastSec;
    }
    if (bytes >= BIG) {
      c.lens[i] = BIG;
      c.big.set(i, bytes);
    } else c.lens[i] = bytes;
    let t = NO_TIME;
    if (sec === sec) {
      const d = sec - this.lastSec;
      if (d >= -BIAS && d <= BIAS) t = d + BIAS;
      else {
        t = ESCAPE;
        c.escapes.push(i, sec);
      }
      this.lastSec = sec;
    }
    c.meta[i] = level | (t << 3);
    this.levelCounts[level]++;
    this.records++;
    this.offset += bytes;
    c.count = i + 1;
    if (c.count === CHUNK_RECORDS) {
      this.onChunk(this.message());
      this.seq++;
      this.chunk = this.newChunk();
    }
  }

  /** The chunk being filled, for early windows and the final flush. */
  flush(): void {
    if (this.chunk.count > 0) this.onChunk(this.message());
  }

  private message(): ChunkMessage {
    const c = this.chunk;
    return { seq: this.seq, start: c.start, count: c.count, sab: c.sab, big: [...c.big], escapes: c.escapes.pairs() };
  }
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
  private readonly chunks: Chunk[] = [];
  /** First record number of each chunk. */
  private firsts: number[] = [];
  count = 0;
  bytes = 0;

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

  /** The chunks as messages, to share the index with a filter worker. */
  exportChunks(): ChunkMessage[] {
    return this.chunks.map((c, seq) => ({ seq, start: c.start, count: c.count, sab: c.sab, big: [...c.big], escapes: c.escapes.pairs() }));
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
