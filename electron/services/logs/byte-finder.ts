// Where a byte occurs next, for the scanners' per-line and per-record searches: the same answers as
// Buffer.indexOf(byte, from), found a block at a time by a tiny WebAssembly SIMD loop (written out below
// as bytes, as literal-search.ts does) that lists every position of the byte in 64 KB. A Buffer.indexOf
// call costs ~40 ns whatever it skips, and the indexer made one or more a line: 24 M lines of a 2.2 GB
// Serilog file spent about a second there. Windows read into `buffer()` are searched in place; any other
// buffer is copied a block at a time. Node's Buffer.indexOf is the fallback where WebAssembly SIMD is missing.
import { WASM_PAGE, compiledOnce, leb, section, wasm } from './wasm-code.ts';

/**
 * f(p, end, byte, out): the positions s in [p, end) with mem[s] = byte, ascending, as i32 at out; returns
 * how many. 32 bytes a step (two 16-byte compares, one bitmask test); may load up to 31 bytes past end.
 */
function finderModule(): Uint8Array {
  const [get, set, tee] = [0x20, 0x21, 0x22].map((op) => (i: number): number[] => [op, i]);
  const simd = (op: number): number[] => [0xfd, op];
  const [splat, eq, bitmask] = [simd(0x0f), simd(0x23), simd(0x64)];
  const i32 = (n: number): number[] => [0x41, n & 0x7f]; // 0 ≤ n < 64
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
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]),
    ...section(2, [0x01, 0x01, 0x6d, 0x01, 0x6d, 0x02, 0x00, 0x01]), // import m.m: memory, min 1 page
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, 0x01, 0x66, 0x00, 0x00]), // export "f"
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
}

type FindFn = (p: number, end: number, byte: number, out: number) => number;

const finderCode = compiledOnce(finderModule);

/** Bytes listed per call (a stream's positions fit its out area whatever the bytes are). */
const BLOCK = 64 * 1024;
/** Bytes past a block the loop may load. */
const PAD = 32;

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
  private mem: Buffer | null = null;
  private out: Int32Array = new Int32Array(0);
  private dataBytes = 0;
  private readonly streams: Stream[];
  private b: Buffer = Buffer.alloc(0);
  /** Memory address of b[0] when b lies in the module's memory, else -1 (blocks are copied). */
  private base = -1;

  /** One stream per byte: `next(k, from)` finds `bytes[k]`. */
  constructor(bytes: number[]) {
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
    // [data][PAD][one out area of BLOCK positions per stream]
    const outAt = dataBytes + PAD;
    const memory = new wasm.Memory({ initial: Math.ceil((outAt + this.streams.length * BLOCK * 4) / WASM_PAGE) });
    this.fn = new wasm.Instance(code, { m: { m: memory } }).exports.f as FindFn;
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
