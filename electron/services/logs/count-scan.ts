// Counting a file's records without indexing it (`sdh logs stats`): the same scanner as the indexer, fed
// the same way (indexer.ts: from a record start found by findSplit, or from the start after the
// byte-order mark), so the counts are exactly the index's; only nothing is kept but the counts and where
// the first and last records with a time are (stats show their time). Past the first timed record the
// scanner may count without reading times (Serilog text: a WebAssembly loop, see Scanner.countOnly). One
// job counts a byte range [startByte, endByte) of an 8-bit file. Runs in a log worker (synchronous reads).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { LogFormat } from '../../common/logs.ts';
import { formatSpec } from './formats/table.ts';
import { findSplit, sniffFile } from './indexer.ts';
import { createScanner } from './scanner.ts';

export interface CountJob {
  path: string;
  format: LogFormat;
  /** A record start: 0, or a split point from findSplit. */
  startByte: number;
  /** The size seen when the command started. */
  endByte: number;
  /**
   * The byte-order mark's length, when the caller has read the file's head already (an 8-bit file):
   * the job then reads no head of its own (sniffFile tells the format too, on every worker).
   */
  bomBytes?: number;
}

/** A record with a time: where it is and its level (to decode its time afterwards). */
export interface TimedRecord {
  offset: number;
  length: number;
  level: number;
}

export interface CountResult {
  records: number;
  /** Records per level code (Lvl, 8 of them). */
  levelCounts: number[];
  firstTimed: TimedRecord | null;
  lastTimed: TimedRecord | null;
  stopped: boolean;
}

/** 1 MB reads: fewer calls than the indexer's 256 KB, while a read still fits the cache it is scanned from. */
const READ_BYTES = 1 << 20;

/**
 * `countOnly`: once the first timed record is found, the scanner may count records without reading their
 * times (Scanner.countOnly); if the last record then has no time, the range is counted again with times
 * to find the last that has one.
 */
export function runCount(job: CountJob, shouldStop: () => boolean, readBytes = READ_BYTES, countOnly = true): CountResult {
  const sniffed = job.bomBytes === undefined ? sniffFile(job.path, job.format) : { unitSize: 1, bomBytes: job.bomBytes, size: statSync(job.path).size };
  if (sniffed.unitSize !== 1) throw new Error('counting without an index reads 8-bit files only');
  const spec = formatSpec(job.format);
  const size = Math.min(job.endByte, sniffed.size);
  const start = job.startByte;
  const scanner = start > 0 ? createScanner(spec, start, start) : createScanner(spec, sniffed.bomBytes);
  const counts = new Float64Array(8);
  let records = 0;
  let offset = start;
  let firstOffset = -1, firstLength = 0, firstLevel = 0;
  let lastOffset = -1, lastLength = 0, lastLevel = 0;
  /** Records were counted without their times since the last timed record pushed. */
  let untimedSince = false;
  const sink = {
    push(bytes: number, level: number, sec: number): void {
      counts[level]++;
      records++;
      if (sec === sec) {
        if (firstOffset < 0) {
          firstOffset = offset;
          firstLength = bytes;
          firstLevel = level;
          if (countOnly) scanner.countOnly?.();
        }
        lastOffset = offset;
        lastLength = bytes;
        lastLevel = level;
        untimedSince = false;
      }
      offset += bytes;
    },
    counted(levelCounts: Int32Array, units: number): void {
      for (let i = 0; i < 8; i++) {
        counts[i] += levelCounts[i];
        records += levelCounts[i];
      }
      offset += units;
      untimedSince = true;
    },
  };
  const fd = openSync(job.path, 'r');
  const READ = Math.max(2, readBytes);
  // Read into the scanner's own memory where it has one (line formats): its byte search then runs in place
  // instead of copying every 64 KB block into it first, as the indexer reads (indexer.ts).
  let buf = scanner.buffer?.(READ * 2) ?? Buffer.allocUnsafe(READ * 2);
  let base = start;
  let len = 0;
  let filePos = start;
  let stopped = false;
  try {
    for (;;) {
      if (buf.length - len < READ) {
        const bigger = scanner.buffer?.(buf.length * 2) ?? Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const want = Math.min(READ, size - filePos);
      const n = want > 0 ? readSync(fd, buf, len, want, filePos) : 0;
      filePos += n;
      len += n;
      if (n === 0) filePos = size;
      const eof = filePos >= size;
      const keep = scanner.scan(buf.subarray(0, len), base, eof, sink);
      if (eof) break;
      if (shouldStop()) {
        stopped = true;
        break;
      }
      const drop = keep - base;
      buf.copy(buf, 0, drop, len);
      len -= drop;
      base = keep;
    }
  } finally {
    closeSync(fd);
  }
  let lastTimed: TimedRecord | null = lastOffset < 0 ? null : { offset: lastOffset, length: lastLength, level: lastLevel };
  if (untimedSince && !stopped) {
    const timed = runCount(job, shouldStop, readBytes, false);
    stopped = timed.stopped;
    lastTimed = timed.lastTimed;
  }
  return {
    records,
    levelCounts: [...counts],
    firstTimed: firstOffset < 0 ? null : { offset: firstOffset, length: firstLength, level: firstLevel },
    lastTimed,
    stopped,
  };
}

/** How far after a split's byte the quick look reads (findSplit reads 4 MB, scanned whole, cold code in main). */
const SPLIT_LOOK = 64 * 1024;

/**
 * findSplit's answer (indexer.ts), from the first 64 KB after `atByte` when it lies there, else from
 * findSplit itself. The same: findSplit takes the end of the first record the scanner reports (the first
 * that is not a CMTrace fragment), and a scanner fed less reports the same first records, only fewer.
 */
export function splitNear(path: string, format: LogFormat, atByte: number): number | null {
  const spec = formatSpec(format);
  if (spec.split === 'evtx') return findSplit(path, format, atByte);
  const fd = openSync(path, 'r');
  let b: Buffer;
  try {
    const buf = Buffer.allocUnsafe(SPLIT_LOOK);
    b = buf.subarray(0, readSync(fd, buf, 0, SPLIT_LOOK, atByte));
  } finally {
    closeSync(fd);
  }
  const nl = b.indexOf(10);
  if (nl < 0) return findSplit(path, format, atByte);
  const start = spec.split === 'cmtrace' ? 0 : nl + 1;
  const scanner = createScanner(spec, atByte + start, atByte + start);
  let found: number | null = null;
  let pos = atByte + start;
  scanner.scan(b.subarray(start), atByte + start, false, {
    push: (units, level) => {
      pos += units;
      if (found === null && (spec.split !== 'cmtrace' || level !== 7)) found = pos;
    },
  });
  return found ?? findSplit(path, format, atByte);
}
