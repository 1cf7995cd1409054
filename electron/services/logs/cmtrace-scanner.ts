// The CMTrace scanner: records run from an opener `<![LOG[` to the end of their trailer `]LOG]!>…>`
// (plus its line break); text between records, or an opener never closed, becomes an unparsed record.
// Level and time come from the trailer's attributes. Used through createScanner (scanner.ts).
import { Lvl, newHeader, type Header } from './formats/header.ts';
import { civilSeconds } from './formats/time.ts';
import { ALL_OPTIONAL, Col, valueAfter } from './column-presence.ts';
import type { RecordSink, Scanner } from './scanner.ts';

const OPENER = Buffer.from('<![LOG[');
const TRAILER = Buffer.from(']LOG]!>');
/** A trailer line longer than this takes the careful path. */
const FAST_MAX = 4096;
/** A trailer's attributes are short; past this the trailer is taken as malformed. */
const TRAILER_MAX = 65536;
const COMPONENT = Buffer.from(' component="'), THREAD = Buffer.from(' thread="'), FILE = Buffer.from(' file="');
/** Whether the trailer ending at `end` ends `file="">` (IME logs end every trailer so): checked inline, per record. */
function emptyFileEnd(b: Buffer, end: number): boolean {
  let g = end - 1;
  if (b[g] === 10) g--;
  if (b[g] === 13) g--;
  return b[g] === 62 && b[g - 1] === 34 && b[g - 2] === 34 && b[g - 3] === 61 && b[g - 4] === 101 && b[g - 5] === 108 && b[g - 6] === 105 && b[g - 7] === 102;
}

export class CmtraceScanner implements Scanner {
  private openerAt = -1;
  private dateKey = -1;
  private dateSec = NaN;
  private pos: number;
  private readonly h: Header = newHeader();
  /** Component, thread and source (the `file` attribute) not yet seen with a value. */
  private unseen: number = ALL_OPTIONAL;

  constructor(
    startUnit: number,
    private recordStart: number,
  ) {
    this.pos = startUnit;
  }

  /**
   * Openers `<![LOG[` and trailers `]LOG]!>` both hold a `!`, which is rare elsewhere: one memchr-speed
   * search for `!` finds both (a multi-byte Buffer.indexOf costs several times more per call).
   */
  scan(b: Buffer, base: number, eof: boolean, sink: RecordSink): number {
    const len = b.length;
    if (this.pos > base + len) return base + len; // still inside the byte-order mark
    let p = this.pos - base;
    for (;;) {
      const i = b.indexOf(0x21, p);
      if (i < 0) break;
      if (i + 5 >= len && !eof) {
        const keep = Math.max(p, i - 5); // too near the end to tell what this `!` belongs to
        this.pos = base + keep;
        return base + keep;
      }
      if (b[i - 1] === 60 && b[i + 1] === 91 && b[i + 2] === 76 && b[i + 3] === 79 && b[i + 4] === 71 && b[i + 5] === 91 && i - 1 >= p) {
        const o = i - 1;
        // An opener while another is still open: the earlier one is an unclosed record.
        if (this.openerAt >= 0) {
          sink.push(base + o - this.recordStart, Lvl.Unparsed, NaN);
          this.recordStart = base + o;
        }
        this.openerAt = base + o;
        p = o + OPENER.length;
        continue;
      }
      if (b[i + 1] === 62 && b[i - 1] === 93 && b[i - 2] === 71 && b[i - 3] === 79 && b[i - 4] === 76 && b[i - 5] === 93 && i - 5 >= p) {
        const t = i - 5;
        const end = this.trailerEnd(b, t, eof);
        if (end < 0) {
          this.pos = base + t;
          return base + t;
        }
        sink.push(base + end - this.recordStart, this.h.level, this.h.sec[0]);
        if (this.unseen !== 0 && !(this.unseen === Col.Source && emptyFileEnd(b, end))) this.note(b, t, end);
        this.recordStart = base + end;
        this.openerAt = -1;
        p = end;
        // The next record's opener usually starts right here: taken without another search for `!`
        // (what that search would find and conclude, one Buffer.indexOf call a record fewer).
        if (end + 6 < len && b[end] === 60 && b[end + 1] === 33 && b[end + 2] === 91 && b[end + 3] === 76 && b[end + 4] === 79 && b[end + 5] === 71 && b[end + 6] === 91) {
          this.openerAt = base + end;
          p = end + OPENER.length;
        }
        continue;
      }
      p = i + 1;
    }
    if (eof) {
      if (this.recordStart < base + len) sink.push(base + len - this.recordStart, Lvl.Unparsed, NaN);
      this.recordStart = base + len;
      this.pos = base + len;
      return base + len;
    }
    const keep = Math.max(p, len - TRAILER.length);
    this.pos = base + keep;
    return base + keep;
  }

  filled(): number {
    return ALL_OPTIONAL & ~this.unseen;
  }

  /** Notes which of component, thread and file the trailer [t, end) gives a value. */
  private note(b: Buffer, t: number, end: number): void {
    if (this.unseen & Col.Component && valueAfter(b, COMPONENT, t, end)) this.unseen &= ~Col.Component;
    if (this.unseen & Col.Thread && valueAfter(b, THREAD, t, end)) this.unseen &= ~Col.Thread;
    if (this.unseen & Col.Source && !emptyFileEnd(b, end) && valueAfter(b, FILE, t, end)) this.unseen &= ~Col.Source;
  }

  /**
   * Parses the trailer at `t` (`]LOG]!><time="…" date="…" … type="3" …>`) into this.h and returns the
   * record end (after the `>` and its line break), or -1 when more data is needed. Which path runs depends
   * only on the bytes, never on where a read ended, so any read size cuts the same records.
   */
  private trailerEnd(b: Buffer, t: number, eof: boolean): number {
    const nl = b.indexOf(10, t);
    if (nl < 0 && !eof && b.length - t < FAST_MAX) return -1;
    if (nl >= 0 && nl - t <= FAST_MAX) {
      const fast = this.fastTrailerEnd(b, t, nl);
      if (fast >= 0) return fast;
    }
    return this.slowTrailerEnd(b, t, eof);
  }

  /**
   * The common shape: the trailer fills the rest of its line, `<time="…" date="…" … type="N" …>` then
   * CR…LF. The level is found walking back from the end (type, thread and file are short). -1 = slow path.
   */
  private fastTrailerEnd(b: Buffer, t: number, nl: number): number {
    const v = t + 14;
    if (b[t + 7] !== 60 || b[t + 8] !== 116 || b[t + 9] !== 105 || b[t + 12] !== 61 || b[t + 13] !== 34) return -1;
    let gt = nl - 1;
    while (gt > v && b[gt] === 13) gt--;
    if (b[gt] !== 62 || gt <= v) return -1;
    const h = this.h;
    h.level = Lvl.Info;
    for (let q = gt - 1; q > v + 5; q--) {
      if (b[q] === 34 && b[q - 1] === 61 && b[q - 2] === 101 && b[q - 3] === 112 && b[q - 4] === 121 && b[q - 5] === 116 && b[q - 6] === 32) {
        const d = b[q + 1];
        h.level = d === 51 ? Lvl.Error : d === 50 ? Lvl.Warning : Lvl.Info;
        break;
      }
    }
    h.sec[0] = NaN;
    const hh = num2(b, v), mi = num2(b, v + 3), ss = num2(b, v + 6);
    let q = v + 16; // HH:MM:SS.fffffff is the usual width
    if (b[q] !== 34) for (q = v + 8; q < gt && b[q] !== 34; ) q++;
    if (b[q + 1] === 32 && b[q + 2] === 100 && b[q + 3] === 97 && b[q + 6] === 61 && b[q + 7] === 34) {
      let x = 0, part = 0, mo = -1, dd = -1;
      for (q += 8; q < gt && part < 3; q++) {
        const c = b[q] - 48;
        if (c >= 0 && c <= 9) x = x * 10 + c;
        else {
          if (part === 0) mo = x;
          else if (part === 1) dd = x;
          else break;
          part++;
          x = 0;
        }
      }
      if (part === 2 && hh >= 0 && mi >= 0 && ss >= 0) {
        // Consecutive records share their date: reuse the day count.
        const key = x * 10000 + mo * 100 + dd;
        if (key !== this.dateKey) {
          this.dateKey = key;
          this.dateSec = civilSeconds(x, mo, dd, 0, 0, 0);
        }
        if (hh < 24 && mi < 60 && ss <= 60) h.sec[0] = this.dateSec + hh * 3600 + mi * 60 + ss;
      }
    }
    return nl + 1;
  }

  private slowTrailerEnd(b: Buffer, t: number, eof: boolean): number {
    const len = b.length;
    const limit = Math.min(len, t + TRAILER_MAX);
    const h = this.h;
    h.level = Lvl.Info;
    h.sec[0] = NaN;
    let q = t + TRAILER.length;
    let nameStart = q + 1;
    let hh = -1, mi = -1, ss = -1, mo = -1, dd = -1, yy = -1;
    let end = -1;
    while (q < limit) {
      const c = b[q];
      if (c === 62) {
        end = q + 1;
        break;
      }
      if (c === 10) {
        end = q + 1; // malformed trailer: the line ends the record
        return this.finish(end, hh, mi, ss, mo, dd, yy);
      }
      if (c === 32 || c === 60) {
        nameStart = q + 1;
        q++;
        continue;
      }
      if (c === 34) {
        // value of attribute b[nameStart…]
        let v = q + 1;
        const n0 = b[nameStart], n1 = b[nameStart + 1];
        if (n0 === 116 && n1 === 105) {
          // time="HH:MM:SS.fffffff[+NNN]"
          hh = num2(b, v);
          mi = num2(b, v + 3);
          ss = num2(b, v + 6);
        } else if (n0 === 100 && n1 === 97) {
          // date="M-D-YYYY"
          let x = 0, part = 0;
          for (; v < limit && b[v] !== 34; v++) {
            const d = b[v] - 48;
            if (d >= 0 && d <= 9) x = x * 10 + d;
            else {
              if (part === 0) mo = x;
              else if (part === 1) dd = x;
              part++;
              x = 0;
            }
          }
          if (part === 2) yy = x;
        } else if (n0 === 116 && n1 === 121) {
          const d = b[v];
          h.level = d === 51 ? Lvl.Error : d === 50 ? Lvl.Warning : Lvl.Info;
        }
        v = b.indexOf(34, q + 1);
        if (v < 0 || v >= limit) {
          q = limit;
          break;
        }
        q = v + 1;
        continue;
      }
      q++;
    }
    if (end < 0) {
      if (limit === t + TRAILER_MAX) end = t + TRAILER.length; // runaway trailer: cut it short
      else if (!eof) return -1;
      else end = len;
    }
    // The line break after the trailer belongs to the record (stray CRs included).
    while (end < len && b[end] === 13) end++;
    if (end < len && b[end] === 10) end++;
    else if (end >= len && !eof) return -1;
    return this.finish(end, hh, mi, ss, mo, dd, yy);
  }

  private finish(end: number, hh: number, mi: number, ss: number, mo: number, dd: number, yy: number): number {
    if (hh >= 0 && mi >= 0 && ss >= 0 && yy > 0) this.h.sec[0] = civilSeconds(yy, mo, dd, hh, mi, ss);
    return end;
  }
}

function num2(b: Uint8Array, p: number): number {
  const a = b[p] - 48, c = b[p + 1] - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}
