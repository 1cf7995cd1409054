// Text matching over raw file bytes. A literal pattern is searched as encoded bytes (literal-search.ts,
// ASCII case folding when case-insensitive); anything else runs a regular expression (user-regex.ts: RE2, or V8 under a
// time budget) over the window read as latin1, one character per byte, so match positions are byte offsets. UTF-8 is handled by converting the pattern
// the same way; case folding is then ASCII-only. UTF-16 files are matched record by record on decoded text.
import type { LogEncoding, LogTextQuery } from '../../common/logs.ts';
import { decodeText, encodeText } from './encoding.ts';
import { LiteralSearch } from './literal-search.ts';
import { compileUserRegex, type RegexEngine, type UserRegex } from './user-regex.ts';

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
  const re = compileUserRegex(q, Buffer.from(q.pattern, 'utf8').toString('latin1'));
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
