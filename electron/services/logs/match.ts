// Text matching over raw file bytes. A literal pattern is searched as encoded bytes (literal-search.ts,
// ASCII case folding when case-insensitive). A regular expression runs over text read as latin1, one
// character per byte, so match positions are byte offsets (UTF-8 is handled by converting the pattern the
// same way): behind its required literal, on the records holding it, on V8 with its linear-time fallback
// where RE2 and V8 read the pattern alike (regex-plan.ts); else over whole windows on RE2 (user-regex.ts;
// V8 under a time budget for lookaround and backreferences). UTF-16 files are matched record by record
// on decoded text.
import type { LogEncoding, LogTextQuery } from '../../common/logs.ts';
import { decodeText, encodeText } from './encoding.ts';
import { LiteralSearch } from './literal-search.ts';
import { planRegex, v8LinearFallback } from './regex-plan.ts';
import { compileUserRegex, v8Regex, type RegexEngine, type UserRegex } from './user-regex.ts';

export interface TextMatcher {
  /** The engine running the pattern: RE2 (linear time) or V8 (only for lookaround and backreferences). */
  engine: RegexEngine;
  /** True when matching must decode each record (UTF-16). */
  perRecord: boolean;
  /**
   * Preferred window in bytes. The regex path copies each window into a latin1 string: windows under
   * V8's large-object size (~128 KB) die young, so memory stays flat instead of piling up between GCs.
   */
  window: number;
  /** A buffer to read windows into (literal search reads straight into its WebAssembly memory). */
  buffer?(size: number): Buffer;
  /** Prepares a window of bytes; then `nextHit` finds candidate offsets in it. */
  load(window: Buffer): void;
  /** First hit at or after `from` in the loaded window: [start, end) or null. */
  nextHit(from: number): [number, number] | null;
  /** Does the window range [start, end) (one record) contain a match? */
  matchesRange(start: number, end: number): boolean;
  /** For per-record matching: does this record's raw bytes match? */
  matchesBytes(bytes: Buffer): boolean;
}

/** The query as one pattern over decoded text (UTF-16 records, event logs). */
export function compileQuery(q: LogTextQuery): UserRegex {
  return compileUserRegex(q);
}

export function createMatcher(q: LogTextQuery, encoding: LogEncoding): TextMatcher {
  const caseSensitive = q.caseSensitive !== false;
  const textRe = compileQuery(q);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return {
      engine: textRe.engine,
      perRecord: true,
      window: 1 << 20,
      load() {},
      nextHit: () => null,
      matchesRange: () => false,
      matchesBytes: (bytes) => textRe.test(decodeText(bytes, encoding)),
    };
  }
  if (!q.regex) {
    const search = new LiteralSearch(encodeText(q.pattern, encoding), caseSensitive);
    return {
      engine: 'v8',
      perRecord: false,
      window: 1 << 20,
      buffer: (size) => search.buffer(size),
      load: (w) => search.load(w),
      nextHit(from) {
        const i = search.indexIn(from);
        return i < 0 ? null : [i, i + search.length];
      },
      matchesRange: (start, end) => search.indexIn(start, end) >= 0,
      matchesBytes: (bytes) => search.containedIn(bytes),
    };
  }
  // Regex over latin1: the pattern's non-ASCII characters become their UTF-8 bytes.
  const source = Buffer.from(q.pattern, 'utf8').toString('latin1');
  const re2 = compileUserRegex(q, source);
  const plan = re2.engine === 're2' ? planRegex(source) : null;
  const literal = plan?.literal;
  // ASCII folding finds every case of an ASCII literal; a non-ASCII one folded by the regex engine could be missed.
  if (literal && literal.length >= 3 && (caseSensitive || [...literal].every((ch) => ch.charCodeAt(0) < 0x80))) {
    // One record per run: V8 (its linear engine taking over a backtracking match) is bounded by the record.
    const onV8 = plan.v8 !== null && v8LinearFallback();
    const re = onV8 && plan.v8 ? v8Regex(plan.v8, caseSensitive) : re2;
    // The class after the literal is read as V8 reads it, so it only narrows candidates V8 then verifies.
    const after = onV8 && plan.after ? byteClass(plan.after, caseSensitive) : null;
    return prefiltered(re, new LiteralSearch(Buffer.from(literal, 'latin1'), caseSensitive), after);
  }
  // Whole windows stay on RE2: V8's linear engine is far slower than RE2 on a pattern that backtracks.
  const re = re2;
  let text = '';
  return {
    engine: re.engine,
    perRecord: false,
    window: 120 * 1024,
    load(w) {
      text = w.toString('latin1');
    },
    nextHit: (from) => re.exec(text, from),
    matchesRange: (start, end) => re.test(text.slice(start, end)),
    matchesBytes: (bytes) => re.test(bytes.toString('latin1')),
  };
}

/** Which latin1 characters (one a byte) the V8 class `cls` matches. */
function byteClass(cls: string, caseSensitive: boolean): Uint8Array {
  const re = new RegExp(cls, caseSensitive ? '' : 'i');
  return Uint8Array.from({ length: 256 }, (_, b) => (re.test(String.fromCharCode(b)) ? 1 : 0));
}

/**
 * A regex behind its required literal: hits are the literal's places, each only a candidate (its end is
 * unknown), so the caller checks the record holding it with `matchesRange`; text is decoded per record.
 * With `after` (the bytes every match has right after the literal), a place followed by another byte is
 * no candidate: "for " is in one IME record in six, "for " and a digit in one in about 400.
 */
function prefiltered(re: UserRegex, search: LiteralSearch, after: Uint8Array | null = null): TextMatcher {
  let win: Buffer = Buffer.alloc(0);
  return {
    engine: re.engine,
    perRecord: false,
    window: 1 << 20,
    buffer: (size) => search.buffer(size),
    load(w) {
      win = w;
      search.load(w);
    },
    nextHit(from) {
      let i = search.indexIn(from);
      // A place at the window's end is kept: the record is then judged whole.
      if (after) while (i >= 0 && i + search.length < win.length && after[win[i + search.length]] === 0) i = search.indexIn(i + 1);
      return i < 0 ? null : [i, Infinity];
    },
    matchesRange: (start, end) => re.test(win.toString('latin1', start, end)),
    matchesBytes: (bytes) => re.test(bytes.toString('latin1')),
  };
}
