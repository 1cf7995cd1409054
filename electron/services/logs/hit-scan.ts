// Searching a file that has no index (`sdh logs search`): the matches are found first, by a byte scan of
// large windows (Buffer.indexOf for literals, the regex engine for patterns), and only then the records
// around them (record-locator.ts), so the cost follows the file's size at search speed, not at indexing
// speed. One job scans a byte range [start, end) of the file: it takes the hits that begin in it. Windows
// are cut at line ends, so a match never spans two windows unless it spans lines. Runs in a log worker.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogEncoding, LogFormat, LogRecord, LogTextQuery } from '../../common/logs.ts';
import { formatSpec } from './formats/table.ts';
import { createMatcher } from './match.ts';
import { readRecordSync } from './record-decode.ts';
import { RecordLocator, type LocatedRecord } from './record-locator.ts';

export interface HitScanJob {
  path: string;
  format: LogFormat;
  encoding: LogEncoding;
  /** Bytes of the byte-order mark (the first record starts after it). */
  bomBytes: number;
  size: number;
  text: LogTextQuery;
  /** Level codes to keep (8 booleans), or null for all. */
  levels: boolean[] | null;
  start: number;
  end: number;
  /** Records to decode and return (the rest are only counted). */
  keep: number;
  /** Characters of each returned record's message. */
  maxChars: number;
}

export interface HitScanResult {
  matches: number;
  /** Start of the first and the last matching record (-1: none), to count a record two ranges share once. */
  first: number;
  last: number;
  records: LogRecord[];
  stopped: boolean;
}

const LITERAL_WINDOW = 4 << 20;

export function runHitScan(job: HitScanJob, shouldStop: () => boolean, onProgress: (bytesDone: number, matches: number) => void): HitScanResult {
  const matcher = createMatcher(job.text, job.encoding);
  const span = job.text.regex ? matcher.window : LITERAL_WINDOW;
  const fd = openSync(job.path, 'r');
  const buf = matcher.buffer?.(span) ?? Buffer.allocUnsafe(span);
  const locator = new RecordLocator(fd, formatSpec(job.format), job.size, job.bomBytes);
  const src = { format: job.format, encoding: job.encoding, offsetMinutes: 0, unitSize: 1 as const };
  const out: HitScanResult = { matches: 0, first: -1, last: -1, records: [], stopped: false };
  const take = (r: LocatedRecord): void => {
    if (out.first < 0) out.first = r.offset;
    out.last = r.offset;
    out.matches++;
    if (out.records.length >= job.keep) return;
    const rec = { index: 0, offset: r.offset, length: r.length, level: r.level, sec: r.sec };
    out.records.push(readRecordSync(fd, src, 0, rec, job.maxChars));
  };
  const recordMatches = (r: LocatedRecord): boolean => {
    const bytes = Buffer.allocUnsafe(Math.min(r.length, 1 << 20));
    return matcher.matchesBytes(bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, r.offset)));
  };
  try {
    // Start at the line holding `start`, so `^` and `\b` see what they would see in one pass.
    let winStart = lineStart(fd, job.start);
    while (winStart < job.end) {
      const n = readSync(fd, buf, 0, span, winStart);
      if (n === 0) break;
      locator.setWindow(buf.subarray(0, n), winStart); // records around hits are cut from these bytes, not read again
      const lastNl = buf.lastIndexOf(10, n - 1);
      // Whole lines, unless one line fills the window (its match may then be cut).
      const cut = winStart + n >= job.size || lastNl < 0 ? n : lastNl + 1;
      matcher.load(buf.subarray(0, cut));
      let next = winStart + cut;
      for (let hit = matcher.nextHit(0); hit; ) {
        const abs = winStart + hit[0];
        if (abs >= job.end) break;
        if (abs >= job.start) {
          const r = locator.locate(abs);
          const end = r.offset + r.length;
          // A regex hit reaching past its record (or a candidate of unknown end) is checked on the record alone.
          const inWindow = r.offset >= winStart && end <= winStart + cut;
          const ok = (!job.levels || job.levels[r.level]) && (winStart + hit[1] <= end || (inWindow ? matcher.matchesRange(r.offset - winStart, end - winStart) : recordMatches(r)));
          if (ok) take(r);
          if (end - winStart >= cut) {
            next = Math.max(next, end);
            break;
          }
          hit = matcher.nextHit(end - winStart);
        } else hit = matcher.nextHit(hit[0] + 1);
      }
      winStart = next;
      onProgress(Math.min(winStart, job.end) - job.start, out.matches);
      if (shouldStop()) {
        out.stopped = true;
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/** Start of the line holding byte `at` (looked for up to 1 MB back). */
function lineStart(fd: number, at: number): number {
  if (at === 0) return 0;
  const back = Math.min(at, 1 << 20);
  const b = Buffer.allocUnsafe(back);
  const n = readSync(fd, b, 0, back, at - back);
  const nl = b.subarray(0, n).lastIndexOf(10);
  return nl < 0 ? at - back : at - back + nl + 1;
}
