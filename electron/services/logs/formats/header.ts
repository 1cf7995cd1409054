// Byte-level recognisers for the first line of a record in line-based formats, run by the indexer on every
// line, so they read bytes (all headers are ASCII) instead of building strings.
import { civilSeconds, digits } from './time.ts';

/** Level codes as stored in the index (3 bits). Order matches `logLevels` in common/logs.ts. */
export const Lvl = { None: 0, Verbose: 1, Debug: 2, Info: 3, Warning: 4, Error: 5, Fatal: 6, Unparsed: 7 } as const;

/** Scratch result of a header parse: level and wall-clock seconds (NaN when the line has no time). */
export interface Header {
  level: number;
  /** [0]: the seconds, in a typed array so the per-line hot path never boxes a double. */
  sec: Float64Array;
  /**
   * What a stateful format carries from line to line of one scanner (see bundle-headers.ts): [0] the
   * start of the last full stamp's day in seconds, [1] its year, [2] the dsregcmd border state (3: nothing read yet).
   */
  carry: Float64Array;
}

/** A fresh scratch header. */
export function newHeader(): Header {
  return { level: 0, sec: new Float64Array([NaN]), carry: new Float64Array([NaN, NaN, 3]) };
}

/** A recogniser: `p` is the line start, `e` the end of the bytes available for this line. */
export type HeaderParser = (b: Uint8Array, p: number, e: number, out: Header) => boolean;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * A DataView over the bytes the scanner is reading, kept for the last buffer seen: the stamp is read four
 * bytes per load (every line of a multi-GB log passes here; single-byte loads were most of its cost).
 */
let viewBytes: Uint8Array | null = null;
let view: DataView | null = null;
function viewOf(b: Uint8Array): DataView {
  if (b !== viewBytes || !view) {
    viewBytes = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  return view;
}
const stampTail = Buffer.alloc(20); // a Buffer, like every other input, so the loads stay monomorphic
/**
 * The last stamp's first 16 bytes as words and the seconds of its hour (lines share their hour). Typed
 * arrays keep the words unboxed; it depends only on the bytes, so every scanner can share it.
 */
const lastWords = new Int32Array([-1, -1, -1, -1]);
const lastHourSec = new Float64Array([NaN]);

/** `YYYY-MM-DD[T ]HH:MM:SS[.fff][ ][Z|±HH:MM]` (also `/` separators); returns the end or -1. */
export function isoStamp(b: Uint8Array, p: number, e: number, out: Header): number {
  if (e - p >= 20) return stampAt(b, p, e, out);
  if (e - p < 19) return -1;
  // A line that is only a stamp: read it from a copy with room for the fifth word.
  stampTail.set(b.subarray(p, e));
  stampTail[19] = 0;
  return stampAt(stampTail, 0, 20, out) < 0 ? -1 : e;
}

/** isoStamp with at least 20 bytes from `p` to `e`. */
function stampAt(b: Uint8Array, p: number, e: number, out: Header): number {
  const v = viewOf(b);
  // Bytes 0–19 as five little-endian words: YYYY, -MM-, DD H, H:MM, :SS.
  const w0 = v.getInt32(p, true), w1 = v.getInt32(p + 4, true), w2 = v.getInt32(p + 8, true);
  const w3 = v.getInt32(p + 12, true), w4 = v.getInt32(p + 16, true);
  // Lines of one log mostly share their date and hour with the line before: then only MM:SS need reading.
  const hour = w3 & 0xffff;
  if (w0 !== lastWords[0] || w1 !== lastWords[1] || w2 !== lastWords[2] || hour !== lastWords[3]) {
    const sep = w1 & 255;
    if ((sep !== 45 && sep !== 47) || w1 >>> 24 !== sep || hour >>> 8 !== 58) return -1;
    const t = (w2 >>> 16) & 255;
    if (t !== 32 && t !== 84) return -1;
    // Ten digits, checked at once: any byte outside '0'..'9' makes its (c - 48) >>> 0 exceed 9.
    const y0 = (w0 & 255) - 48, y1 = ((w0 >>> 8) & 255) - 48, y2 = ((w0 >>> 16) & 255) - 48, y3 = (w0 >>> 24) - 48;
    const m0 = ((w1 >>> 8) & 255) - 48, m1 = ((w1 >>> 16) & 255) - 48, d0 = (w2 & 255) - 48, d1 = ((w2 >>> 8) & 255) - 48;
    const h0 = (w2 >>> 24) - 48, h1 = (hour & 255) - 48;
    if (((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1 | h0 | h1) >>> 0) > 15 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9) return -1;
    lastWords[0] = w0;
    lastWords[1] = w1;
    lastWords[2] = w2;
    lastWords[3] = hour;
    lastHourSec[0] = civilSeconds(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1, h0 * 10 + h1, 0, 0);
  }
  const i0 = ((w3 >>> 16) & 255) - 48, i1 = (w3 >>> 24) - 48, s0 = ((w4 >>> 8) & 255) - 48, s1 = ((w4 >>> 16) & 255) - 48;
  if ((w4 & 255) !== 58 || ((i0 | i1 | s0 | s1) >>> 0) > 15 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9) return -1;
  const mi = i0 * 10 + i1, s = s0 * 10 + s1;
  // Two stores rather than a ternary with NaN, which would box the double.
  if (mi < 60 && s <= 60) out.sec[0] = lastHourSec[0] + mi * 60 + s;
  else out.sec[0] = NaN;
  let q = p + 19;
  const c19 = w4 >>> 24;
  // The usual tail, `.fff ±HH:MM`, read as two words and two bytes; it ends where the general reading below would.
  if (c19 === 46 && e - p >= 30) {
    const w5 = v.getInt32(p + 20, true), w6 = v.getInt32(p + 24, true);
    const f0 = (w5 & 255) - 48, f1 = ((w5 >>> 8) & 255) - 48, f2 = ((w5 >>> 16) & 255) - 48;
    const sign = w6 & 255, z0 = ((w6 >>> 8) & 255) - 48, z1 = ((w6 >>> 16) & 255) - 48, z2 = b[p + 28] - 48, z3 = b[p + 29] - 48;
    if (w5 >>> 24 === 32 && (sign === 43 || sign === 45) && w6 >>> 24 === 58 && ((f0 | f1 | f2 | z0 | z1 | z2 | z3) >>> 0) <= 15 && f0 <= 9 && f1 <= 9 && f2 <= 9 && z0 <= 9 && z1 <= 9 && z2 <= 9 && z3 <= 9) return p + 30;
  }
  if ((c19 === 46 || c19 === 44) && q + 1 < e && isDigit(b[q + 1])) {
    q++;
    while (q < e && isDigit(b[q])) q++;
  }
  let z = q < e && b[q] === 32 ? q + 1 : q;
  if (z < e && b[z] === 90) return z + 1;
  if (z + 5 < e + 1 && (b[z] === 43 || b[z] === 45) && isDigit(b[z + 1]) && isDigit(b[z + 2])) {
    z += 3;
    if (b[z] === 58) z++;
    if (isDigit(b[z]) && isDigit(b[z + 1])) return z + 2;
  }
  return q;
}

/** `M/D/YYYY[,] h:mm:ss[.fff][ AM|PM]`; returns the end or -1. */
export function usStamp(b: Uint8Array, p: number, e: number, out: Header): number {
  let q = p;
  const num = (max: number): number => {
    let v = 0, n = 0;
    while (q < e && n < max && isDigit(b[q])) {
      v = v * 10 + b[q++] - 48;
      n++;
    }
    return n ? v : -1;
  };
  const mo = num(2);
  if (mo < 0 || b[q++] !== 47) return -1;
  const d = num(2);
  if (d < 0 || b[q++] !== 47) return -1;
  const y = num(4);
  if (y < 1000) return -1;
  if (b[q] === 44) q++;
  if (b[q++] !== 32) return -1;
  let h = num(2);
  if (h < 0 || b[q++] !== 58) return -1;
  const mi = num(2);
  if (mi < 0 || b[q++] !== 58) return -1;
  const s = num(2);
  if (s < 0) return -1;
  if (b[q] === 46 && isDigit(b[q + 1])) for (q++; q < e && isDigit(b[q]); ) q++;
  const meridiem = b[q] === 32 && (b[q + 2] | 32) === 109 ? b[q + 1] | 32 : 0;
  if (meridiem === 97 || meridiem === 112) {
    h = (h % 12) + (meridiem === 112 ? 12 : 0); // 12 AM is 0h, 12 PM is 12h
    q += 3;
  }
  out.sec[0] = civilSeconds(y, mo, d, h, mi, s);
  return q;
}

/** Level from a word's first letter, for formats whose level column is known to hold a level. */
export function levelByInitial(c: number): number {
  switch (c | 32) {
    case 118: case 116: return Lvl.Verbose; // Verbose, Trace
    case 100: return Lvl.Debug;
    case 105: case 112: return Lvl.Info; // Information, Perf (CBS)
    case 119: return Lvl.Warning;
    case 101: return Lvl.Error;
    case 102: case 99: return Lvl.Fatal; // Fatal, Critical
    default: return Lvl.None;
  }
}

// Exact level words accepted after a generic stamp (a generic line may start with any word).
const levelWords = new Map<string, number>([
  ['VRB', 1], ['VERBOSE', 1], ['TRACE', 1], ['TRC', 1], ['DBG', 2], ['DEBUG', 2], ['INF', 3], ['INFO', 3],
  ['INFORMATION', 3], ['WRN', 4], ['WARN', 4], ['WARNING', 4], ['ERR', 5], ['ERROR', 5], ['FTL', 6],
  ['FATAL', 6], ['CRITICAL', 6], ['CRIT', 6],
]);

export function wordLevel(b: Uint8Array, p: number, e: number): number {
  while (p < e && (b[p] === 32 || b[p] === 9 || b[p] === 44 || b[p] === 45)) p++;
  if (b[p] === 91) p++;
  let w = '';
  for (let i = 0; i < 12 && p < e; i++, p++) {
    const c = b[p];
    if (c < 65 || (c > 90 && c < 97) || c > 122) break;
    w += String.fromCharCode(c & ~32);
  }
  return levelWords.get(w) ?? Lvl.None;
}

/** Serilog text: ISO stamp with optional offset, then `[INF]`-style level. */
export const serilogHeader: HeaderParser = (b, p, e, out) => {
  const q = isoStamp(b, p, e, out);
  if (q < 0 || b[q] !== 32 || b[q + 1] !== 91) return false;
  let r = q + 5; // `[INF]`, the usual three letters
  if (r >= e || b[r] !== 93) for (r = q + 2; r < e && r < q + 16 && b[r] !== 93; ) r++;
  if (b[r] !== 93) return false;
  const level = levelByInitial(b[q + 2]);
  out.level = level;
  return level !== Lvl.None;
};

/** CBS / DISM / Panther: `YYYY-MM-DD HH:MM:SS, Info   CBS   message`. */
export const cbsHeader: HeaderParser = (b, p, e, out) => {
  const q = isoStamp(b, p, e, out);
  if (q < 0 || b[q] !== 44 || b[q + 1] !== 32) return false;
  const c = b[q + 2];
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  out.level = levelByInitial(c);
  return true;
};

export const isoHeader: HeaderParser = (b, p, e, out) => {
  const q = isoStamp(b, p, e, out);
  if (q < 0) return false;
  out.level = wordLevel(b, q, e);
  return true;
};

export const usHeader: HeaderParser = (b, p, e, out) => {
  const q = usStamp(b, p, e, out);
  if (q < 0) return false;
  out.level = wordLevel(b, q, e);
  return true;
};

const MSI = [77, 83, 73, 32, 40]; // "MSI ("
/** `MSI (s) (7C:44) [08:02:11:532]: …` — time only, no date; "Return value 3" marks a failed action. */
export const msiHeader: HeaderParser = (b, p, e, out) => {
  for (let i = 0; i < 5; i++) if (b[p + i] !== MSI[i]) return false;
  let q = p + 5;
  while (q < e && q < p + 40 && b[q] !== 91) q++;
  if (b[q] !== 91 || b[q + 3] !== 58 || b[q + 6] !== 58) return false;
  const h = digits(b, q + 1, 2), mi = digits(b, q + 4, 2), s = digits(b, q + 7, 2);
  out.sec[0] = (h | mi | s) < 0 ? NaN : h * 3600 + mi * 60 + s;
  out.level = Lvl.Info;
  return true;
};

/** A JSON-lines record starts with `{`; its level and time are read by `jsonLineFields`. */
export const jsonHeader: HeaderParser = (b, p, e, out) => {
  let q = p;
  while (q < e && (b[q] === 32 || b[q] === 9)) q++;
  if (b[q] !== 123) return false;
  out.level = Lvl.Info;
  out.sec[0] = NaN;
  return true;
};

const AT_T = Buffer.from('"@t":"'), AT_L = Buffer.from('"@l":"');
const TS = Buffer.from('"Timestamp":"'), LEVEL = Buffer.from('"Level":"');

/** Level and time of one JSON line `[p, e)` (compact `@t`/`@l` or plain `Timestamp`/`Level`). */
export function jsonLineFields(b: Buffer, p: number, e: number, compact: boolean, out: Header): void {
  const line = b.subarray(p, e);
  const t = line.indexOf(compact ? AT_T : TS);
  out.sec[0] = NaN;
  if (t >= 0) {
    const q = p + t + (compact ? AT_T.length : TS.length);
    if (isoStamp(b, q, e, out) < 0) out.sec[0] = NaN;
  }
  const l = line.indexOf(compact ? AT_L : LEVEL);
  // Compact JSON leaves @l out for Information.
  out.level = l >= 0 ? levelByInitial(b[p + l + (compact ? AT_L.length : LEVEL.length)]) || Lvl.Info : Lvl.Info;
}
