// What the hand-written WebAssembly loops (literal-search.ts, byte-finder.ts) share: the API as used here,
// the encoding helpers for a module's bytes, and compiling a module once per thread (null where
// WebAssembly SIMD is missing, so the caller falls back to Buffer.indexOf).

/** The WebAssembly API as used here (the project's TypeScript libraries do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (code: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (size: { initial: number }) => { buffer: ArrayBuffer };
}
export const wasm = (globalThis as unknown as { WebAssembly?: Wasm }).WebAssembly;

export const WASM_PAGE = 64 * 1024;

/** Unsigned LEB128, as module sizes and counts are written. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128 of an i32 constant. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** `i32.const n`. */
export const i32Const = (n: number): number[] => [0x41, ...sleb(n)];

/** A module section: its id, its size, its bytes. */
export const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];

/** `build()`'s module, compiled on first use; null when this runtime cannot compile it. */
export function compiledOnce(build: () => Uint8Array): () => object | null {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = wasm ? new wasm.Module(build()) : null;
      } catch {
        compiled = null; // no WebAssembly SIMD: the caller's Buffer.indexOf path serves
      }
    }
    return compiled;
  };
}
