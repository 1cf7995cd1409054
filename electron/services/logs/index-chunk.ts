// The layout of one index chunk: 3 bytes a record (2 length; 1 holding the level in 3 bits and a 5-bit
// time delta) for 16,384 records on a SharedArrayBuffer, marks every 256 records, and small side tables
// for lengths ≥ 65,535 and times beyond a ±14 s step. Written by index-builder.ts, read by index-store.ts
// and index-cursor.ts; a finished chunk is written to a spill file (index-spill.ts) and read back from it.

export const CHUNK_RECORDS = 16384;
/** Time codes: 0–28 = seconds since the previous timed record, biased by 14 (threads log slightly out of order). */
export const BIAS = 14;
export const NO_TIME = 30;
export const ESCAPE = 31;
export const BIG = 0xffff;
export const STEP = 256;

export const MARKS = CHUNK_RECORDS / STEP;
/** Bytes of a chunk's buffer: lengths, metas, then the marks' offsets and times. */
export const CHUNK_BYTES = CHUNK_RECORDS * 3 + MARKS * 16;

/** Offset and running time before records 0, STEP, 2·STEP, … (written by the builder into the SAB). */
export function marksOf(c: Chunk): { offsets: Float64Array; secs: Float64Array } {
  return { offsets: c.markOffsets, secs: c.markSecs };
}

/** Byte offset just past the chunk's last record. */
export function endOffset(c: Chunk): number {
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
  private idx: Uint32Array<ArrayBufferLike> = new Uint32Array(8);
  private sec: Float64Array<ArrayBufferLike> = new Float64Array(8);
  /** False while the arrays are a message's (taken over by `from`): the first push copies them. */
  private owned = true;
  size = 0;

  static from(entries: [number, number][] | EscapeTable): Escapes {
    const e = new Escapes();
    if (Array.isArray(entries)) for (const [i, s] of entries) e.push(i, s);
    else if (entries.idx.length > 0) {
      e.idx = entries.idx;
      e.sec = entries.sec;
      e.size = entries.idx.length;
      e.owned = false;
    }
    return e;
  }

  push(i: number, s: number): void {
    if (this.size === this.idx.length || !this.owned) {
      const idx = new Uint32Array(Math.max(8, this.size * 2)), sec = new Float64Array(Math.max(8, this.size * 2));
      idx.set(this.idx.subarray(0, this.size));
      sec.set(this.sec.subarray(0, this.size));
      this.idx = idx;
      this.sec = sec;
      this.owned = true;
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

  /** The entries as two typed arrays (copies): cloned for a worker far faster than an array of pairs. */
  table(): EscapeTable {
    return { idx: this.idx.slice(0, this.size), sec: this.sec.slice(0, this.size) };
  }
}

/** Escape entries as they cross the worker boundary: record numbers (ascending) and their seconds. */
export interface EscapeTable {
  idx: Uint32Array;
  sec: Float64Array;
}

/** Where a spilled chunk lies: its file, byte position, side-table sizes and the offset past its last record. */
export interface SpillRef {
  path: string;
  at: number;
  big: number;
  escapes: number;
  end: number;
}

/**
 * What crosses the worker boundary for one chunk: in memory (the SAB is shared, the side tables are
 * copied), or on disk (`spill`: no SAB, the side tables are in the file too).
 */
export interface ChunkMessage {
  seq: number;
  start: number;
  count: number;
  sab?: SharedArrayBuffer;
  spill?: SpillRef;
  /** Why the worker could not spill this full chunk (it stays in memory). */
  spillError?: string;
  big: [number, number][];
  /** As pairs, or as a table (what the builder and `exportChunks` send: a few typed arrays clone in microseconds). */
  escapes: [number, number][] | EscapeTable;
}

export interface Chunk {
  /** Shared while the chunk is being built or stays in memory; a plain buffer once read from a spill file. */
  sab: ArrayBufferLike;
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

export function views(sab: ArrayBufferLike): Pick<Chunk, 'lens' | 'meta' | 'markOffsets' | 'markSecs'> {
  return {
    lens: new Uint16Array(sab, 0, CHUNK_RECORDS),
    meta: new Uint8Array(sab, CHUNK_RECORDS * 2, CHUNK_RECORDS),
    markOffsets: new Float64Array(sab, CHUNK_RECORDS * 3, MARKS),
    markSecs: new Float64Array(sab, CHUNK_RECORDS * 3 + MARKS * 8, MARKS),
  };
}
