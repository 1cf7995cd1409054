// Where a byte occurs next, for the scanners' per-line and per-record searches: the same answers as
// Buffer.indexOf(byte, from), found a block at a time by a tiny WebAssembly SIMD loop (written out below
// as bytes, as literal-search.ts does) that lists every position of the byte in 64 KB. A Buffer.indexOf
// call costs ~40 ns whatever it skips, and the indexer made one or more a line: 24 M lines of a 2.2 GB
// Serilog file spent about a second there. Windows read into `buffer()` are searched in place; any other
// buffer is copied a block at a time. Node's Buffer.indexOf is the fallback where WebAssembly SIMD is missing.
import { WASM_PAGE, compiledOnce, i32Const, leb, section, wasm } from './wasm-code.ts';

/**
 * f(p, end, byte, out): the positions s in [p, end) with mem[s] = byte, ascending, as i32 at out; returns
 * how many. 32 bytes a step (two 16-byte compares, one bitmask test); may load up to 31 bytes past end.
 */
function finderModule(): Uint8Array {
  const [get, set, tee] = [0x20, 0x21, 0x22].map((op) => (i: number): number[] => [op, i]);
  const simd = (op: number): number[] => [0xfd, op];
  const [splat, eq, bitmask] = [simd(0x0f), simd(0x23), simd(0x64)];
  const i32 = i32Const;
  const [add, sub, andI, orI, shl, geU, eqz, ctz] = [[0x6a], [0x6b], [0x71], [0x72], [0x74], [0x4f], [0x45], [0x68]];
  const [block, loop, ifThen, end, br, brIf, ret] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b], [0x0c], [0x0d], [0x0f]];
  // params 0 p, 1 end, 2 byte, 3 out; locals 4 splat, 5 mask, 6 count, 7 s
  const [P, END, OUT, SPLAT, MASK, N, S] = [0, 1, 3, 4, 5, 6, 7];
  const maskAt = (at: number): number[] => [...get(P), ...simd(0x00), 0x00, at, ...get(SPLAT), ...eq, ...bitmask];
  const body = [
    0x02, 0x01, 0x7b, 0x03, 0x7f, // locals: 1 × v128, 3 × i32
    ...get(2), ...splat, ...set(SPLAT),
    ...block, ...loop,
    ...get(P), ...get(END), ...geU, ...brIf, 0x01,
    ...maskAt(0), ...maskAt(16), ...i32(16), ...shl, ...orI, ...set(MASK),
    ...block, ...loop, // each position among the 32
    ...get(MASK), ...eqz, ...brIf, 0x01,
    ...get(P), ...get(MASK), ...ctz, ...add, ...tee(S), ...get(END), ...geU, ...ifThen, ...get(N), ...ret, ...end,
    ...get(OUT), ...get(N), ...i32(2), ...shl, ...add, ...get(S), 0x36, 0x02, 0x00, // i32.store
    ...get(N), ...i32(1), ...add, ...set(N),
    ...get(MASK), ...get(MASK), ...i32(1), ...sub, ...andI, ...set(MASK), ...br, 0x00,
    ...end, ...end,
    ...get(P), ...i32(32), ...add, ...set(P), ...br, 0x00,
    ...end, ...end, ...get(N), ...end,
  ];
  const run = serilogRunBody();
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]),
    ...section(2, [0x01, 0x01, 0x6d, 0x01, 0x6d, 0x02, 0x00, 0x01]), // import m.m: memory, min 1 page
    ...section(3, [0x02, 0x00, 0x00]),
    ...section(7, [0x02, 0x01, 0x66, 0x00, 0x00, 0x01, 0x67, 0x00, 0x01]), // export "f", "g"
    ...section(10, [0x02, ...leb(body.length), ...body, ...leb(run.length), ...run]),
  ]);
}

/** 16 lanes: `at` maps lane → byte, the rest `fill`. */
const lanes = (fill: number, at: Record<number, number>): number[] => Array.from({ length: 16 }, (_, i) => at[i] ?? fill);

/**
 * g(p, end, level, tally): Serilog text lines from p while each is either a continuation (its first byte
 * is no digit, so no stamp starts it) or a header of the usual shape, `YYYY-MM-DD HH:MM:SS.fff +HH:MM [L..]`
 * (`/` dates, `T`, `-` offsets too) whose level letter `tally[64 + letter]` maps to a level: exactly the
 * lines serilogHeader (formats/header.ts) reads through its fast tail, with that level. A header closes
 * the open record (`level`): tally[level] (i32) counts it; the new record's start, line end and level go
 * to tally bytes 32, 36 and 40. Returns the first line it leaves to the caller (any other line, or one
 * whose line break is not before `end`). Loads up to 48 bytes past a line start, never using bytes past end.
 */
function serilogRunBody(): number[] {
  const [get, set, tee] = [0x20, 0x21, 0x22].map((op) => (i: number): number[] => [op, i]);
  const simd = (op: number): number[] => [0xfd, op];
  const i32 = i32Const;
  const [add, sub, shl, ne, ltU, gtU, geU, eqz, ctz] = [[0x6a], [0x6b], [0x74], [0x47], [0x49], [0x4b], [0x4f], [0x45], [0x68]];
  const [block, loop, ifThen, end, br, brIf] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b], [0x0c], [0x0d]];
  const load8 = (off: number): number[] => [0x2d, 0x00, ...leb(off)];
  const load = (off: number): number[] => [0x28, 0x02, ...leb(off)];
  const store = (off: number): number[] => [0x36, 0x02, ...leb(off)];
  const vload = (off: number): number[] => [...simd(0x00), 0x00, ...leb(off)];
  const vconst = (bytes: number[]): number[] => [...simd(0x0c), ...bytes];
  const [splat, eq, ltU8, sub8, and, or, bitmask] = [simd(0x0f), simd(0x23), simd(0x26), simd(0x71), simd(0x4e), simd(0x50), simd(0x64)];
  // params 0 p, 1 end, 2 level, 3 tally; locals 4 n, 5 q, 6 m, 7 lv (i32), 8 v (v128)
  const [P, END, LEVEL, TALLY, N, Q, M, LV, V] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const digitLanes = (ds: number[]): number[] => lanes(0, Object.fromEntries(ds.map((d) => [d, 0xff])));
  /** 16 bytes at p + off: each a digit where `digits` says, else one of the two templates' bytes. */
  const sixteen = (off: number, digits: number[], a: Record<number, number>, b: Record<number, number>): number[] => [
    ...get(P), ...vload(off), ...tee(V), ...i32(48), ...splat, ...sub8, ...i32(10), ...splat, ...ltU8, ...vconst(digitLanes(digits)), ...and,
    ...get(V), ...vconst(lanes(48, a)), ...eq, ...or, ...get(V), ...vconst(lanes(48, b)), ...eq, ...or,
    ...bitmask, ...i32(0xffff), ...ne, ...brIf, 0x01,
  ];
  return [
    0x02, 0x04, 0x7f, 0x01, 0x7b, // locals: 4 × i32, 1 × v128
    ...block, ...loop, // depth 0 the line loop, 1 the way out (return p)
    ...get(P), ...get(END), ...geU, ...brIf, 0x01,
    ...get(P), ...set(Q),
    ...block, ...loop, // the line break: 16 bytes a step
    ...get(Q), ...get(END), ...geU, ...brIf, 0x03,
    ...get(Q), ...vload(0), ...i32(10), ...splat, ...eq, ...bitmask, ...tee(M), ...brIf, 0x01,
    ...get(Q), ...i32(16), ...add, ...set(Q), ...br, 0x00,
    ...end, ...end,
    ...get(Q), ...get(M), ...ctz, ...add, ...tee(N), ...get(END), ...geU, ...brIf, 0x01,
    // No digit first: a continuation line of the open record.
    ...get(P), ...load8(0), ...i32(48), ...sub, ...i32(9), ...gtU,
    ...ifThen, ...get(N), ...i32(1), ...add, ...set(P), ...br, 0x01, ...end,
    ...get(N), ...get(P), ...sub, ...i32(36), ...ltU, ...brIf, 0x01,
    ...sixteen(0, [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15], { 4: 45, 7: 45, 10: 32, 13: 58 }, { 4: 47, 7: 47, 10: 84, 13: 58 }),
    ...get(P), ...load8(4), ...get(P), ...load8(7), ...ne, ...brIf, 0x01,
    ...sixteen(16, [1, 2, 4, 5, 6, 9, 10, 12, 13], { 0: 58, 3: 46, 7: 32, 8: 43, 11: 58, 14: 32, 15: 91 }, { 0: 58, 3: 46, 7: 32, 8: 45, 11: 58, 14: 32, 15: 91 }),
    ...get(P), ...load8(35), ...i32(93), ...ne, ...brIf, 0x01,
    ...get(TALLY), ...get(P), ...load8(32), ...add, ...load8(64), ...tee(LV), ...eqz, ...brIf, 0x01,
    ...get(TALLY), ...get(LEVEL), ...i32(2), ...shl, ...add, ...tee(Q), ...get(Q), ...load(0), ...i32(1), ...add, ...store(0),
    ...get(LV), ...set(LEVEL),
    ...get(TALLY), ...get(P), ...store(32),
    ...get(TALLY), ...get(N), ...store(36),
    ...get(TALLY), ...get(LV), ...store(40),
    ...get(N), ...i32(1), ...add, ...set(P), ...br, 0x00,
    ...end, ...end,
    ...get(P), ...end,
  ];
}

type FindFn = (p: number, end: number, byte: number, out: number) => number;
type RunFn = (p: number, end: number, level: number, tally: number) => number;

const finderCode = compiledOnce(finderModule);

/** Bytes listed per call (a stream's positions fit its out area whatever the bytes are). */
const BLOCK = 64 * 1024;
/** Bytes past a block the loop may load. */
const PAD = 32;
/** serilogRun's counts and last header (64 bytes), then a level per letter (256). */
const TALLY_BYTES = 64 + 256;

/** One byte's positions in the current block: [lo, hi) of the buffer, listed at out[first, first + count). */
interface Stream {
  byte: number;
  lo: number;
  hi: number;
  /** Next listed position to look at, and the end of the list (indexes into `out`). */
  k: number;
  end: number;
  first: number;
  /** Buffer offset minus memory address of the block. */
  shift: number;
  last: number;
}

export class ByteFinder {
  private fn: FindFn | null = null;
  private runFn: RunFn | null = null;
  /** serilogRun's tally (see serilogRunBody): where it lies in memory, and its first 11 words. */
  private tallyAt = 0;
  /** [0..7] records closed per level, [8] the last header's start (-1: none), [9] its line end, [10] its level. */
  tally: Int32Array = new Int32Array(11);
  private mem: Buffer | null = null;
  private out: Int32Array = new Int32Array(0);
  private dataBytes = 0;
  private readonly streams: Stream[];
  private b: Buffer = Buffer.alloc(0);
  /** Memory address of b[0] when b lies in the module's memory, else -1 (blocks are copied). */
  private base = -1;

  /**
   * One stream per byte: `next(k, from)` finds `bytes[k]`. `headerLevels`: the level of each possible
   * level letter (0: none), for serilogRun.
   */
  constructor(
    bytes: number[],
    private readonly headerLevels?: Uint8Array,
  ) {
    this.streams = bytes.map((byte) => ({ byte, lo: 0, hi: 0, k: 0, end: 0, first: 0, shift: 0, last: 0 }));
  }

  /** A buffer of `size` bytes to read windows into (in the module's memory when there is one). */
  buffer(size: number): Buffer {
    this.setup(size);
    return this.mem ? this.mem.subarray(0, size) : Buffer.allocUnsafe(size);
  }

  private setup(size: number): void {
    const dataBytes = Math.max(size, BLOCK); // a copied block needs BLOCK bytes
    const code = finderCode();
    if (!code || !wasm || (this.mem && this.dataBytes >= dataBytes)) return;
    // [data][PAD][one out area of BLOCK positions per stream][serilogRun's tally: 64 bytes, 256 levels]
    const outAt = dataBytes + PAD;
    const tallyAt = ((outAt >> 2) + this.streams.length * BLOCK) * 4; // after the out areas, as they are placed below
    const memory = new wasm.Memory({ initial: Math.ceil((tallyAt + TALLY_BYTES) / WASM_PAGE) });
    const exports = new wasm.Instance(code, { m: { m: memory } }).exports;
    this.fn = exports.f as FindFn;
    this.runFn = exports.g as RunFn;
    this.tallyAt = tallyAt;
    this.tally = new Int32Array(memory.buffer, tallyAt, 11);
    if (this.headerLevels) new Uint8Array(memory.buffer, tallyAt + 64, 256).set(this.headerLevels);
    this.mem = Buffer.from(memory.buffer, 0, dataBytes);
    this.out = new Int32Array(memory.buffer);
    this.dataBytes = dataBytes;
    this.streams.forEach((s, k) => (s.first = (outAt >> 2) + k * BLOCK));
  }

  /** Starts over on `b` (its bytes must not change until the next reset). */
  reset(b: Buffer): void {
    if (!this.mem) this.setup(0);
    this.b = b;
    this.base = this.mem && b.buffer === this.mem.buffer ? b.byteOffset : -1;
    for (const s of this.streams) s.lo = s.hi = s.last = 0;
  }

  /** b.indexOf(bytes[stream], from) for the buffer of the last reset. */
  next(stream: number, from: number): number {
    const b = this.b;
    if (!this.fn) return b.indexOf(this.streams[stream].byte, from);
    if (from >= b.length) return -1;
    const s = this.streams[stream];
    if (from < s.lo || from >= s.hi || from < s.last) this.fill(s, from);
    s.last = from;
    const out = this.out;
    for (;;) {
      let k = s.k;
      while (k < s.end && out[k] + s.shift < from) k++;
      s.k = k;
      if (k < s.end) return out[k] + s.shift;
      if (s.hi >= b.length) return -1;
      this.fill(s, s.hi);
    }
  }

  /**
   * The lines of the last reset's buffer from `from` (a line start, in an open record) that serilogRunBody
   * reads, given the open record's level; returns the first line left to the caller (`from` itself when
   * the buffer is not in this memory or there is no WebAssembly). `tally` says what it found; the caller
   * zeroes [0..7] once it has taken them.
   */
  serilogRun(from: number, end: number, level: number): number {
    const base = this.base, t = this.tally;
    t[8] = -1;
    if (!this.runFn || !this.headerLevels || base < 0) return from;
    const stop = this.runFn(base + from, base + end, level, this.tallyAt) - base;
    if (t[8] >= 0) {
      t[8] -= base;
      t[9] -= base;
    }
    return stop;
  }

  /** Lists the stream's byte in the block of the buffer starting at `lo`. */
  private fill(s: Stream, lo: number): void {
    const b = this.b, fn = this.fn, mem = this.mem;
    if (!fn || !mem) return;
    const hi = Math.min(b.length, lo + BLOCK);
    let at = this.base + lo;
    if (this.base < 0) {
      b.copy(mem, 0, lo, hi);
      at = 0;
    }
    s.lo = lo;
    s.hi = hi;
    s.shift = lo - at;
    s.k = s.first;
    s.end = s.first + fn(at, at + hi - lo, s.byte, s.first << 2);
  }
}
