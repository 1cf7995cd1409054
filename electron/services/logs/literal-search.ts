// Literal search over raw window bytes at memory speed, as ripgrep's "packed pair" prefilter does it: two
// rare bytes of the needle, at their fixed distance, are compared 16 candidate positions at a time by a
// tiny WebAssembly SIMD loop (written out below as bytes: no build step, no native code), and every
// candidate is verified in full. Windows are read straight into the module's memory (`buffer()`), so no
// byte is copied. Case-insensitive search folds ASCII letters only (each rare byte is compared in both
// cases); other bytes compare exactly. Node's Buffer.indexOf is the fallback where WebAssembly SIMD is
// missing.
import { WASM_PAGE, compiledOnce, i32Const, leb, section, wasm } from './wasm-code.ts';

/**
 * The search loops, f (exact) and g (ASCII-folded), both (p, limit, o1, o2, a1, f1, a2, f2, np, m): from
 * start p, 64 starts at a time while p < limit, the starts s with (mem[s+o1] | f1) = a1 and
 * (mem[s+o2] | f2) = a2 are candidates (g ORs in f = 0x20 for a letter, so one compare takes both cases;
 * f ignores f1 and f2); each is compared with the m needle bytes at np (g lowers ASCII letters first).
 * Four 16-byte compares are ORed and tested at once, so a stretch without candidates costs no bitmask
 * work. Returns the first match start, or -1.
 */
function searchModule(): Uint8Array {
  const [get, set, tee] = [0x20, 0x21, 0x22].map((op) => (i: number): number[] => [op, i]);
  const simd = (op: number): number[] => [0xfd, op];
  const [splat, eq, and, or, bitmask, anyTrue] = [simd(0x0f), simd(0x23), simd(0x4e), simd(0x50), simd(0x64), simd(0x53)];
  const load8 = [0x2d, 0x00, 0x00];
  const i32 = i32Const;
  const [add, sub, andI, orI, shl, ltU, geU, ne, eqz, ctz] = [[0x6a], [0x6b], [0x71], [0x72], [0x74], [0x49], [0x4f], [0x47], [0x45], [0x68]];
  const [block, loop, ifThen, end, br, brIf, ret] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b], [0x0c], [0x0d], [0x0f]];
  // params 0 p, 1 limit, 2 o1, 3 o2, 4 a1, 5 f1, 6 a2, 7 f2, 8 np, 9 m; locals 10..13 splats of a1 f1 a2
  // f2, 14..17 the four compares, 18 mask, 19 s, 20 k, 21 c, 22 p + o1, 23 p + o2
  const [P, LIMIT, NP, M, X, MASK, S, K, C, Q1, Q2] = [0, 1, 8, 9, 14, 18, 19, 20, 21, 22, 23];
  const body = (fold: boolean): number[] => {
    // Candidates among the 16 starts at p + at: v128.load at q + at (`at` as the load's constant offset).
    const byteAt = (q: number, a: number, f: number, at: number): number[] => [...get(q), ...simd(0x00), 0x00, at, ...(fold ? [...get(f), ...or] : []), ...get(a), ...eq];
    const candAt = (at: number): number[] => [...byteAt(Q1, 10, 11, at), ...byteAt(Q2, 12, 13, at), ...and];
    // Every candidate of the 32 starts at p + base, in order.
    const each = (lo: number, base: number): number[] => [
      ...get(X + lo), ...bitmask, ...get(X + lo + 1), ...bitmask, ...i32(16), ...shl, ...orI, ...set(MASK),
      ...block, ...loop,
      ...get(MASK), ...eqz, ...brIf, 0x01,
      ...get(P), ...(base ? [...i32(base), ...add] : []), ...get(MASK), ...ctz, ...add, ...tee(S), ...get(LIMIT), ...geU, ...ifThen, ...i32(-1), ...ret, ...end,
      ...i32(0), ...set(K),
      ...block, ...loop, // compare
      ...get(K), ...get(M), ...geU, ...ifThen, ...get(S), ...ret, ...end,
      ...get(S), ...get(K), ...add, ...load8,
      ...(fold ? [...tee(C), ...get(C), ...i32(65), ...sub, ...i32(26), ...ltU, ...i32(5), ...shl, ...add] : []),
      ...get(NP), ...get(K), ...add, ...load8, ...ne, ...brIf, 0x01,
      ...get(K), ...i32(1), ...add, ...set(K), ...br, 0x00,
      ...end, ...end,
      ...get(MASK), ...get(MASK), ...i32(1), ...sub, ...andI, ...set(MASK), ...br, 0x00, // next candidate
      ...end, ...end,
    ];
    return [
      0x02, 0x08, 0x7b, 0x06, 0x7f, // locals: 8 × v128, 6 × i32
      ...[4, 5, 6, 7].flatMap((k) => [...get(k), ...splat, ...set(k + 6)]),
      ...block, ...loop, // scan
      ...get(P), ...get(LIMIT), ...geU, ...brIf, 0x01,
      ...get(P), ...get(2), ...add, ...set(Q1), ...get(P), ...get(3), ...add, ...set(Q2),
      ...candAt(0), ...tee(X), ...candAt(16), ...tee(X + 1), ...or, ...candAt(32), ...tee(X + 2), ...or, ...candAt(48), ...tee(X + 3), ...or,
      ...anyTrue, ...ifThen, ...each(0, 0), ...each(2, 32), ...end,
      ...get(P), ...i32(64), ...add, ...set(P), ...br, 0x00,
      ...end, ...end, ...i32(-1), ...end,
    ];
  };
  const code = (b: number[]): number[] => [...leb(b.length), ...b];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x0a, ...Array<number>(10).fill(0x7f), 0x01, 0x7f]),
    ...section(2, [0x01, 0x01, 0x6d, 0x01, 0x6d, 0x02, 0x00, 0x01]), // import m.m: memory, min 1 page
    ...section(3, [0x02, 0x00, 0x00]),
    ...section(7, [0x02, 0x01, 0x66, 0x00, 0x00, 0x01, 0x67, 0x00, 0x01]), // export "f" (exact), "g" (folded)
    ...section(10, [0x02, ...code(body(false)), ...code(body(true))]),
  ]);
}

type SearchFn = (p: number, limit: number, o1: number, o2: number, a1: number, f1: number, a2: number, f2: number, np: number, m: number) => number;

const searchCode = compiledOnce(searchModule);

/** Bytes past a window the search loop may load (64 starts); never part of a match. */
const PAD = 64;
/** Window head over which candidate pairs are compared, and how many of the needle's rarest bytes pair up. */
const PAIR_SAMPLE = 256 * 1024;
const PAIR_BYTES = 6;

/** The bit to OR in before comparing with a lowered needle byte: 0x20 for a letter (both cases match). */
const foldBit = (b: number): number => (b >= 0x61 && b <= 0x7a ? 0x20 : 0);
const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 32 : b);

/** How often each byte value occurs in `sample` (both cases of a letter together when folding). */
function byteCounts(sample: Uint8Array, fold: boolean): Uint32Array {
  const counts = new Uint32Array(256);
  for (let i = 0; i < sample.length; i++) counts[sample[i]]++;
  if (fold) for (let b = 0x61; b <= 0x7a; b++) counts[b] = counts[b - 32] = counts[b] + counts[b - 32];
  return counts;
}

export class LiteralSearch {
  readonly length: number;
  private readonly needle: Uint8Array;
  private readonly fold: boolean;
  private mem: Buffer | null = null;
  private fn: SearchFn | null = null;
  private o1 = 0;
  private o2 = 0;
  private np = 0;
  private picked = false;
  private win: Buffer = Buffer.alloc(0);
  private inMem = false;

  constructor(needle: Buffer, caseSensitive: boolean) {
    this.fold = !caseSensitive;
    this.needle = this.fold ? Uint8Array.from(needle, lower) : needle;
    this.length = needle.length;
  }

  /**
   * Searches for several needles over one module memory ([window][PAD][needle 1][needle 2]…): a window
   * read into `buffer(size)` of any of them is searched in place by all, instead of being copied into
   * each one's own memory (an analysis walks 2.2 GB with up to six literals).
   */
  static sharing(needles: readonly { needle: Buffer; caseSensitive: boolean }[], size: number): LiteralSearch[] {
    const searches = needles.map((n) => new LiteralSearch(n.needle, n.caseSensitive));
    const code = searchCode();
    if (!code || !wasm || searches.length < 2) return searches;
    const memory = new wasm.Memory({ initial: Math.ceil((size + PAD + searches.reduce((a, x) => a + x.length, 0)) / WASM_PAGE) });
    const exports = new wasm.Instance(code, { m: { m: memory } }).exports;
    const mem = Buffer.from(memory.buffer, 0, size);
    let np = size + PAD;
    for (const x of searches) {
      x.fn = exports[x.fold ? 'g' : 'f'] as SearchFn;
      x.mem = mem;
      x.np = np;
      new Uint8Array(memory.buffer).set(x.needle, np);
      np += x.length;
    }
    return searches;
  }

  /** A buffer of `size` bytes to read windows into (in the module's memory when there is one). */
  buffer(size: number): Buffer {
    const code = searchCode();
    if (!code || !wasm) return Buffer.allocUnsafe(size);
    if (!this.mem || this.mem.length < size) {
      // [window][PAD][needle]
      const memory = new wasm.Memory({ initial: Math.ceil((size + PAD + this.length) / WASM_PAGE) });
      this.fn = new wasm.Instance(code, { m: { m: memory } }).exports[this.fold ? 'g' : 'f'] as SearchFn;
      this.mem = Buffer.from(memory.buffer, 0, size);
      this.np = size + PAD;
      new Uint8Array(memory.buffer).set(this.needle, this.np);
    }
    return this.mem.subarray(0, size);
  }

  /** Sets the window searched by `indexIn` (copied into the module's memory when read elsewhere). */
  load(win: Buffer): void {
    if (!this.mem && searchCode()) this.buffer(Math.max(win.length, 1 << 20));
    const mem = this.mem;
    this.inMem = mem !== null && win.buffer === mem.buffer && win.byteOffset === 0;
    if (!this.inMem && mem && win.length <= mem.length) {
      win.copy(mem);
      this.inMem = true;
      win = mem.subarray(0, win.length);
    }
    this.win = win;
    if (!this.picked && this.length > 0) this.pickPair(win.subarray(0, 64 * 1024));
  }

  /**
   * The rarest needle byte and the rarest at another offset, by byte counts of the first window's head;
   * then, where the search loop runs, every pair of the needle's rarest bytes is run over that head and
   * the one with the fewest candidates is kept (two rare bytes can still occur together often: in IME
   * logs `m…s` of "remediation script" gives three times the candidates of `d…i`).
   */
  private pickPair(sample: Uint8Array): void {
    const counts = byteCounts(sample, this.fold);
    const n = this.needle;
    let a = 0;
    for (let k = 1; k < n.length; k++) if (counts[n[k]] < counts[n[a]]) a = k;
    let b = a === 0 ? Math.min(1, n.length - 1) : 0;
    for (let k = 0; k < n.length; k++) if (k !== a && (counts[n[k]] < counts[n[b]] || (n[b] === n[a] && n[k] !== n[a]))) b = k;
    [this.o1, this.o2] = a < b ? [a, b] : [b, a];
    this.picked = true;
    const fn = this.fn;
    const limit = Math.min(this.win.length, PAIR_SAMPLE) - n.length + 1;
    if (!fn || !this.inMem || n.length < 3 || limit <= 0) return;
    const rare: number[] = [];
    for (const k of [...n.keys()].sort((x, y) => counts[n[x]] - counts[n[y]])) if (!rare.some((r) => n[r] === n[k])) rare.push(k);
    const top = rare.slice(0, PAIR_BYTES).sort((x, y) => x - y);
    let best = this.candidates(fn, this.o1, this.o2, limit, Infinity);
    for (let i = 0; i < top.length; i++) {
      for (let j = i + 1; j < top.length && best > 0; j++) {
        const c = this.candidates(fn, top[i], top[j], limit, best);
        if (c < best) [best, this.o1, this.o2] = [c, top[i], top[j]];
      }
    }
  }

  /** Candidates of the pair (o1, o2) among starts [0, limit) of the window, counted up to `stopAt`. */
  private candidates(fn: SearchFn, o1: number, o2: number, limit: number, stopAt: number): number {
    const n = this.needle;
    const [a, b] = [n[o1], n[o2]];
    let c = 0;
    // Needle length 0: each candidate is returned unverified.
    for (let s = fn(0, limit, o1, o2, a, foldBit(a), b, foldBit(b), this.np, 0); s >= 0 && c < stopAt; s = fn(s + 1, limit, o1, o2, a, foldBit(a), b, foldBit(b), this.np, 0)) c++;
    return c;
  }

  /** First match start in the loaded window within [from, end) (the whole match inside), or -1. */
  indexIn(from: number, end = this.win.length): number {
    const m = this.length;
    const limit = end - m + 1;
    if (from >= limit) return -1;
    if (m === 0) return from;
    if (!this.inMem || !this.fn) return this.fallback(from, end);
    const n = this.needle;
    const a = n[this.o1], b = n[this.o2];
    return this.fn(from, limit, this.o1, this.o2, a, foldBit(a), b, foldBit(b), this.np, m);
  }

  private fallback(from: number, end: number): number {
    const w = this.win.subarray(0, end);
    if (!this.fold) return w.indexOf(this.needle, from);
    const m = this.length, n = this.needle;
    for (let s = from; s + m <= end; s++) {
      let k = 0;
      while (k < m && lower(w[s + k]) === n[k]) k++;
      if (k === m) return s;
    }
    return -1;
  }

  /** Does `bytes` (any buffer, e.g. one record) hold the needle? */
  containedIn(bytes: Buffer): boolean {
    if (!this.fold) return bytes.indexOf(this.needle) >= 0;
    const keep = { win: this.win, inMem: this.inMem };
    this.win = bytes;
    this.inMem = false;
    const found = this.fallback(0, bytes.length) >= 0;
    ({ win: this.win, inMem: this.inMem } = keep);
    return found;
  }
}
