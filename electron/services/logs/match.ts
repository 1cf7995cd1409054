// Text matching over raw file bytes. A literal case-sensitive pattern is searched as encoded bytes
// (Buffer.indexOf, native); anything else runs a regular expression (user-regex.ts: RE2, or V8 under a
// time budget) over the window read as latin1, one character per byte, so match positions are byte offsets. UTF-8 is handled by converting the pattern
// the same way; case folding is then ASCII-only. UTF-16 files are matched record by record on decoded text.
import type { LogEncoding, LogTextQuery } from '../../common/logs.ts';
import { decodeText, encodeText } from './encoding.ts';
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
  if (!q.regex && caseSensitive) {
    const needle = encodeText(q.pattern, encoding);
    let win: Buffer = Buffer.alloc(0);
    // grep's trick: when one byte of the needle is rare in the data, memchr for it and verify around it;
    // Buffer.indexOf(needle) (Boyer-Moore-Horspool) wins when every needle byte is common. Chosen per
    // window from a 16 KB sample, and abandoned for the window if candidates turn out dense.
    let rare = -1;
    let candidates = 0;
    const counts = new Uint32Array(256);
    const pickRare = (sample: Buffer): void => {
      counts.fill(0);
      for (let i = 0; i < sample.length; i++) counts[sample[i]]++;
      let best = 0;
      for (let k = 1; k < needle.length; k++) if (counts[needle[k]] <= counts[needle[best]]) best = k;
      rare = needle.length > 1 && counts[needle[best]] * 400 < sample.length ? best : -1;
    };
    const rareHit = (from: number): number => {
      const b = needle[rare], n = needle.length;
      for (let i = win.indexOf(b, from + rare); i >= 0; i = win.indexOf(b, i + 1)) {
        const start = i - rare;
        if (start + n > win.length) return -1;
        let k = 0;
        while (k < n && win[start + k] === needle[k]) k++;
        if (k === n) return start;
        if (++candidates > win.length >> 9) {
          rare = -1; // the sample lied: back to Boyer-Moore for this window
          return win.indexOf(needle, start + 1);
        }
      }
      return -1;
    };
    return {
      engine: 'v8',
      perRecord: false,
      window: 1 << 20,
      load(w) {
        win = w;
        candidates = 0;
        pickRare(w.subarray(0, 16 * 1024));
      },
      nextHit(from) {
        const i = rare >= 0 ? rareHit(from) : win.indexOf(needle, from);
        return i < 0 ? null : [i, i + needle.length];
      },
      matchesRange: (start, end) => {
        const i = win.indexOf(needle, start);
        return i >= 0 && i + needle.length <= end;
      },
      matchesBytes: (bytes) => bytes.indexOf(needle) >= 0,
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
