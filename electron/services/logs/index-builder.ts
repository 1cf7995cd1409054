// Worker side of the record index: appends records to chunks (index-chunk.ts) and hands each out as a
// message once full (and the one being filled on flush).
import { BIAS, BIG, CHUNK_BYTES, CHUNK_RECORDS, ESCAPE, Escapes, NO_TIME, STEP, views, type Chunk, type ChunkMessage } from './index-chunk.ts';

/** Worker side: appends records and hands out chunk messages. */
export class IndexBuilder {
  private chunk: Chunk;
  private sab!: SharedArrayBuffer;
  private seq = 0;
  private lastSec = NaN;
  private offset: number;
  records = 0;
  /** Some record has a time. */
  timed = false;
  readonly levelCounts = new Float64Array(8);

  /** True once the chunk being filled was handed out with its SAB (flush): it is then never reused. */
  private shared = false;

  /**
   * `onChunk` may answer true for a full chunk it wrote elsewhere (index-spill.ts) without keeping the
   * SAB: the next chunk is then built in the same SAB instead of a new one.
   */
  constructor(
    private readonly onChunk: (msg: ChunkMessage) => boolean | void,
    startOffset = 0,
  ) {
    this.offset = startOffset;
    this.chunk = this.newChunk();
  }

  private newChunk(reuse?: SharedArrayBuffer): Chunk {
    // Bytes left from a reused chunk sit past `count`, where nothing reads.
    const sab = (this.sab = reuse ?? new SharedArrayBuffer(CHUNK_BYTES));
    this.shared = false;
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
      this.timed = true;
    }
    c.meta[i] = level | (t << 3);
    this.levelCounts[level]++;
    this.records++;
    this.offset += bytes;
    c.count = i + 1;
    if (c.count === CHUNK_RECORDS) {
      const written = this.onChunk(this.message()) === true && !this.shared;
      this.seq++;
      this.chunk = this.newChunk(written ? this.sab : undefined);
    }
  }

  /** The chunk being filled, for early windows and the final flush. */
  flush(): void {
    if (this.chunk.count === 0) return;
    this.shared = true;
    this.onChunk(this.message());
  }

  private message(): ChunkMessage {
    const c = this.chunk;
    return { seq: this.seq, start: c.start, count: c.count, sab: this.sab, big: [...c.big], escapes: c.escapes.table() };
  }
}
