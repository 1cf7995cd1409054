// Cuts a stream of narrow units into records (see formats/table.ts for the rules). A scanner is fed
// successive windows of the file; it returns the offset from which it still needs data, so a 100 MB
// line or record never has to be held whole. Every unit ends up in exactly one record.
import { CmtraceScanner } from './cmtrace-scanner.ts';
import { Col, valueAfter } from './column-presence.ts';
import { EvtxScanner } from './formats/evtx/scanner.ts';
import { Lvl, jsonLineFields, levelByInitial, newHeader, serilogHeader, type Header, type HeaderParser } from './formats/header.ts';
import type { FormatSpec } from './formats/table.ts';
import { ByteFinder } from './byte-finder.ts';

export interface RecordSink {
  /** One record: its length in units, level code (Lvl) and wall-clock seconds (NaN if none). */
  push(units: number, level: number, sec: number): void;
  /**
   * Records cut but not pushed one by one, once the scanner was asked to count (Scanner.countOnly):
   * `levelCounts[0..7]` of them per level, `units` long in all, following the records pushed before.
   */
  counted?(levelCounts: Int32Array, units: number): void;
}

/** A line-format header needs at most this much of its line in memory. */
const LINE_KEEP = 1 << 20;
/** Windows Installer marks a failed action this way. */
const RETURN_3 = Buffer.from('Return value 3');
const SOURCE_CONTEXT = Buffer.from('"SourceContext":'), THREAD_ID = Buffer.from('"ThreadId":');
/** Serilog's level letters as serilogHeader reads them, for ByteFinder.serilogRun. */
const SERILOG_LEVELS = Uint8Array.from({ length: 256 }, (_, c) => levelByInitial(c));

export interface Scanner {
  /**
   * Scans `b` (units `[base, base + b.length)`); `eof` says no more units follow.
   * Returns the unit offset from which the next call must receive data again.
   */
  scan(b: Buffer, base: number, eof: boolean, sink: RecordSink): number;
  /** Optional columns (column-presence.ts bits) seen with a value so far; absent: the format always fills them. */
  filled?(): number | undefined;
  /** A buffer to read windows into, searched in place (byte-finder.ts); windows read elsewhere work too. */
  buffer?(size: number): Buffer;
  /**
   * From the next `scan` on, the scanner may pass records to `sink.counted` instead of `push` (the same
   * records, only without their lengths apart or their times) where it has a quicker way: Serilog text.
   * The last record of a `scan` with `eof` is still pushed. Returns whether it may.
   */
  countOnly?(): boolean;
}

/**
 * `recordStart` is where the first record begins (0, or a split point when a file is indexed in parts);
 * `startUnit` is where scanning begins (after a byte-order mark, which belongs to the first record).
 */
export function createScanner(spec: FormatSpec, startUnit: number, recordStart = 0): Scanner {
  if (spec.split === 'evtx') return new EvtxScanner(recordStart);
  return spec.split === 'cmtrace' ? new CmtraceScanner(startUnit, recordStart) : new LineScanner(spec, startUnit, recordStart);
}

class LineScanner implements Scanner {
  private open = false;
  private level = 0;
  private sec = NaN;
  private pos: number;
  /** Inside a line longer than LINE_KEEP, already classified: only its end matters. */
  private skipping = false;
  private readonly h: Header = newHeader();
  private readonly header: HeaderParser | null;
  /** Non-header lines start records of their own (no continuation lines). */
  private readonly separate: boolean;
  /** Lines that need more than the header parser (JSON keys, MSI failures). */
  private readonly extra: boolean;
  /** JSON lines: component and thread not yet seen with a value. */
  private unseen = Col.Component | Col.Thread;
  /** Serilog text: runs of its lines can be counted in WebAssembly (countOnly). */
  private readonly serilog: boolean;
  private counting = false;
  private readonly find: ByteFinder;

  constructor(
    private readonly spec: FormatSpec,
    startUnit: number,
    private recordStart: number,
  ) {
    this.pos = startUnit;
    this.header = spec.header ?? null;
    this.separate = spec.split === 'separate';
    this.extra = spec.split === 'json' || spec.format === 'msi';
    this.serilog = spec.header === serilogHeader && spec.split === 'join';
    this.find = new ByteFinder([10], this.serilog ? SERILOG_LEVELS : undefined);
  }

  // Runs once per line of multi-GB files: state stays in locals inside the loop.
  scan(b: Buffer, base: number, eof: boolean, sink: RecordSink): number {
    const len = b.length;
    if (this.pos > base + len) return base + len; // still inside the byte-order mark
    const { header, h, separate, extra } = this;
    let p = this.pos - base;
    let open = this.open, level = this.level, sec = this.sec, recordStart = this.recordStart;
    const find = this.find;
    find.reset(b);
    // Read once a call: the indexer, never counting, pays one local test a line.
    const counting = this.counting;
    while (p < len) {
      if (counting && open && !this.skipping) {
        // Serilog lines counted in WebAssembly up to the first it leaves to the reading below.
        const stop = find.serilogRun(p, len, level);
        const t = find.tally;
        if (t[8] >= 0) {
          const at = base + t[8];
          sink.counted?.(t, at - recordStart);
          t.fill(0, 0, 8);
          recordStart = at;
          level = t[10];
          h.sec[0] = NaN;
          serilogHeader(b, t[8], t[9], h);
          sec = h.sec[0];
        }
        p = stop;
        if (p >= len) break;
      }
      const n = find.next(0, p);
      if (this.skipping) {
        if (n < 0) break;
        this.skipping = false;
        p = n + 1;
        continue;
      }
      let e = n;
      if (n < 0) {
        if (!eof && len - p < LINE_KEEP) break; // wait for the rest of the line
        if (!eof) this.skipping = true; // classify what there is of a huge line, then skip to its end
        e = len;
      }
      h.sec[0] = NaN;
      let ok = header !== null && header(b, p, e, h);
      if (ok && extra) ok = this.extraFields(b, p, e);
      if (ok || separate || !open) {
        // A new record starts here (a line no header recognised is raw; ordinary in `separate` formats).
        const abs = base + p;
        if (open && abs > recordStart) {
          sink.push(abs - recordStart, level, sec);
          recordStart = abs;
        }
        open = true;
        if (ok) {
          level = h.level;
          sec = h.sec[0];
        } else {
          level = separate ? Lvl.None : Lvl.Unparsed;
          sec = NaN;
        }
      }
      p = n < 0 ? len : n + 1;
    }
    let resume = base + len;
    if (p < len && !this.skipping) resume = base + p; // waiting for the rest of a line
    else if (eof) {
      if (recordStart < base + len) sink.push(base + len - recordStart, open ? level : Lvl.None, open ? sec : NaN);
      recordStart = base + len;
      open = false;
    }
    this.open = open;
    this.level = level;
    this.sec = sec;
    this.recordStart = recordStart;
    this.pos = resume;
    return resume;
  }

  buffer(size: number): Buffer {
    return this.find.buffer(size);
  }

  countOnly(): boolean {
    this.counting = this.serilog;
    return this.serilog;
  }

  filled(): number | undefined {
    return this.spec.split === 'json' ? (Col.Component | Col.Thread) & ~this.unseen : undefined;
  }

  /** JSON lines take level and time from their keys; an MSI line with "Return value 3" is an error. */
  private extraFields(b: Buffer, p: number, e: number): boolean {
    const spec = this.spec, h = this.h;
    if (spec.split === 'json') {
      jsonLineFields(b, p, e, spec.compact === true, h);
      if (this.unseen & Col.Component && valueAfter(b, SOURCE_CONTEXT, p, e)) this.unseen &= ~Col.Component;
      if (this.unseen & Col.Thread && valueAfter(b, THREAD_ID, p, e)) this.unseen &= ~Col.Thread;
    } else if (b.subarray(p, e).indexOf(RETURN_3) >= 0) h.level = Lvl.Error;
    return true;
  }
}
