// The record around a byte offset, without an index: the format's scanner is started a little before the
// offset, at a point where indexing in parts may start (see findSplit in indexer.ts: the records after the
// first one it sees are cut exactly as one pass from the file's start cuts them), and fed until it passes
// the offset. Hits come in file order, so one run of the scanner serves every nearby hit; a hit far
// ahead starts a new run. Runs in a log worker (synchronous reads).
import { readSync } from 'node:fs';
import type { FormatSpec } from './formats/table.ts';
import { createScanner, type RecordSink, type Scanner } from './scanner.ts';

export interface LocatedRecord {
  offset: number;
  length: number;
  level: number;
  sec: number;
}

/** Reads from the file grow from FIRST_READ after a new run to READ while the run goes on. */
const FIRST_READ = 8 * 1024;
const READ = 256 * 1024;
/**
 * In the caller's window the scanner is fed up to AHEAD past the hit, then twice as far each time: it scans
 * all it is fed, and 8 KB feeds doubling to 256 KB scanned a sixth of a CMTrace file around its hits.
 */
const AHEAD = 512;
/** A hit further than this past the scanner's position starts a new run instead of scanning up to it. */
const JUMP = 2 * 1024;
/** Start of a run: this far before the hit (grown when the first exact record begins after the hit). */
const BACK = 2 * 1024;
/** A CMTrace run starts at the last trailer before the hit when it is this near. */
const TRAILER_BACK = 64 * 1024;
/** Where the `!` is in a trailer `]LOG]!>`. */
const BANG = 5;

export class RecordLocator {
  private scanner: Scanner | null = null;
  private buf = Buffer.allocUnsafe(READ * 2);
  private base = 0;
  private len = 0;
  private filePos = 0;
  /** Start of the next record the scanner will report. */
  private pos = 0;
  /** True once the records reported are cut as in one pass from the start. */
  private clean = false;
  private readonly recent: LocatedRecord[] = [];
  /** Where the scanner reports records (one object for every feed: a search starts a run per hit). */
  private readonly sink: RecordSink = {
    push: (units, level, sec) => {
      const r = { offset: this.pos, length: units, level, sec };
      this.pos += units;
      if (this.clean) this.recent.push(r);
      else if (this.spec.split !== 'cmtrace' || level !== 7) this.clean = true; // this one may be partial
    },
  };
  private at = 0;
  private read = FIRST_READ;
  /** The caller's window: file bytes [winStart, winStart + win.length). */
  private win: Buffer | null = null;
  private winStart = 0;
  /** The run's bytes [base, filePos) are in the window (not copied into buf). */
  private inWin = false;

  constructor(
    private readonly fd: number,
    private readonly spec: FormatSpec,
    private readonly size: number,
    /** Where the first record starts (after a byte-order mark). */
    private readonly firstUnit: number,
  ) {}

  /**
   * The bytes the caller holds of the file from `start`, valid until the next call; a run still scanning
   * the previous window ends (the next hit starts another).
   */
  setWindow(bytes: Buffer, start: number): void {
    if (this.inWin) this.scanner = null;
    this.inWin = false;
    this.win = bytes;
    this.winStart = start;
  }

  private inWindow(from: number, to: number): boolean {
    return this.win !== null && from >= this.winStart && to <= this.winStart + this.win.length;
  }

  /** The record holding byte `h`; calls must come with `h` not decreasing. */
  locate(h: number): LocatedRecord {
    for (let back = this.trailerBack(h); ; back = back < BACK ? BACK : back * 4) {
      if (!this.scanner || h < this.runStart() || h - this.pos > JUMP) this.startRun(Math.max(0, h - back));
      if (this.inWin) this.read = Math.max(h - this.filePos, 0) + AHEAD;
      while (this.pos <= h && this.filePos < this.size) this.feed();
      const r = this.find(h);
      if (r) return r;
      if (h - back <= 0) return { offset: h, length: 1, level: 7, sec: NaN }; // cannot happen: a run from 0 covers every byte
      this.scanner = null; // the first exact record began after h: start further back
    }
  }

  /**
   * How far back a run for `h` starts: in a CMTrace window, at the last trailer before the hit (the run is
   * exact after the first trailer it sees, as from BACK, only it scans one record instead of several).
   */
  private trailerBack(h: number): number {
    const w = this.win;
    if (this.spec.split !== 'cmtrace' || !w || !this.inWindow(h, h)) return BACK;
    // The last `]LOG]!>` starting before h, found by its `!` (a one-byte search runs at memchr speed; a
    // seven-byte lastIndexOf cost about 0.5 µs a hit).
    const lo = Math.max(0, h - this.winStart - TRAILER_BACK);
    for (let i = Math.min(h - this.winStart - 1 + BANG, w.length - 1); i >= lo + BANG; i--) {
      i = w.lastIndexOf(0x21, i);
      if (i < lo + BANG) break;
      if (w[i + 1] === 62 && w[i - 1] === 93 && w[i - 2] === 71 && w[i - 3] === 79 && w[i - 4] === 76 && w[i - 5] === 93) return h - (this.winStart + i - BANG);
    }
    return BACK;
  }

  private runStart(): number {
    return this.recent.length ? this.recent[0].offset : this.clean ? this.pos : Infinity;
  }

  private find(h: number): LocatedRecord | null {
    const rs = this.recent;
    while (this.at < rs.length && rs[this.at].offset + rs[this.at].length <= h) this.at++;
    const r = rs[this.at];
    return r && r.offset <= h ? r : null;
  }

  private startRun(atByte: number): void {
    this.recent.length = 0;
    this.at = 0;
    this.len = 0;
    this.read = FIRST_READ;
    if (atByte <= this.firstUnit) {
      this.scanner = createScanner(this.spec, this.firstUnit);
      this.base = this.filePos = this.pos = 0;
      this.clean = true;
      this.inWin = this.inWindow(0, 0);
      return;
    }
    let start = atByte;
    if (this.spec.split !== 'cmtrace') {
      // Line formats: from the first line start after atByte (as findSplit does).
      start = this.nextLineStart(atByte);
    }
    this.scanner = createScanner(this.spec, start, start);
    this.base = this.filePos = this.pos = start;
    this.clean = false;
    this.inWin = this.inWindow(start, start);
  }

  private nextLineStart(at: number): number {
    if (this.win && this.inWindow(at, at)) {
      const nl = this.win.indexOf(10, at - this.winStart);
      if (nl >= 0) return this.winStart + nl + 1;
    }
    for (let n = FIRST_READ, from = at; from < this.size; from += n, n = Math.min(n * 4, READ)) {
      const got = readSync(this.fd, this.buf, 0, n, from);
      const nl = this.buf.subarray(0, got).indexOf(10);
      if (nl >= 0) return from + nl + 1;
      if (got === 0) break;
    }
    return this.size;
  }

  private feed(): void {
    const want = Math.min(this.read, this.size - this.filePos);
    this.read = Math.min(this.read * 2, READ);
    let bytes: Buffer;
    if (this.inWin && this.win && this.inWindow(this.base, this.filePos + want)) {
      // Inside the caller's window: scan its bytes where they are.
      this.filePos = want > 0 ? this.filePos + want : this.size;
      bytes = this.win.subarray(this.base - this.winStart, this.filePos - this.winStart);
    } else {
      if (this.inWin && this.win) {
        // Leaving the window: what the scanner still needs moves to buf, and reading goes on from there.
        const have = this.filePos - this.base;
        if (this.buf.length < have + READ) this.buf = Buffer.allocUnsafe(Math.max(this.buf.length * 2, have + READ));
        this.win.copy(this.buf, 0, this.base - this.winStart, this.filePos - this.winStart);
        this.len = have;
        this.inWin = false;
      }
      if (this.buf.length - this.len < READ) {
        const bigger = Buffer.allocUnsafe(this.buf.length * 2);
        this.buf.copy(bigger, 0, 0, this.len);
        this.buf = bigger;
      }
      const n = want > 0 ? readSync(this.fd, this.buf, this.len, want, this.filePos) : 0;
      this.filePos = n > 0 ? this.filePos + n : this.size;
      this.len += n;
      bytes = this.buf.subarray(0, this.len);
    }
    const eof = this.filePos >= this.size;
    this.recent.length = 0;
    this.at = 0;
    const keep = (this.scanner as Scanner).scan(bytes, this.base, eof, this.sink);
    if (!this.inWin) {
      const drop = keep - this.base;
      this.buf.copy(this.buf, 0, drop, this.len);
      this.len -= drop;
    }
    this.base = keep;
  }
}
