// Reads a file through a descriptor in windows and feeds the scanner; runs inside the index worker
// (synchronous reads are fine there) and directly in tests. Never holds more than a few MB.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LogColumn, LogEncoding, LogFormat } from '../../common/logs.ts';
import { presentColumns } from './column-presence.ts';
import { detectEncoding, narrowUtf16, type EncodingInfo } from './encoding.ts';
import { detectFormat, formatSpec } from './formats/table.ts';
import { IndexBuilder } from './index-builder.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { createScanner } from './scanner.ts';
import { evtxSplit, isEvtx } from './formats/evtx/chunk.ts';

const READ_BYTES = 1 << 20; // small enough that the bytes just read are still in cache (L2) when scanned
const SNIFF_BYTES = 64 * 1024;

export interface Sniffed extends EncodingInfo {
  format: LogFormat;
  size: number;
}

/** Encoding and format of a file, from its first 64 KB. */
export function sniffFile(path: string, forceFormat?: LogFormat): Sniffed {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const n = readSync(fd, head, 0, head.length, 0);
    return { ...sniffBytes(head.subarray(0, n)), size, ...(forceFormat ? { format: forceFormat } : {}) };
  } finally {
    closeSync(fd);
  }
}

export function sniffBytes(head: Buffer): EncodingInfo & { format: LogFormat } {
  if (isEvtx(head)) return { encoding: 'utf-16le', bomBytes: 0, unitSize: 1, format: 'evtx' };
  const enc = detectEncoding(head);
  let sample = head.subarray(enc.bomBytes);
  if (enc.unitSize === 2) {
    const units = Buffer.alloc(sample.length >> 1);
    narrowUtf16(sample.subarray(0, units.length * 2), units, 0, enc.encoding === 'utf-16be');
    sample = units;
  }
  return { ...enc, format: detectFormat(sample) };
}

export interface IndexRunOptions {
  path: string;
  format?: LogFormat;
  /** Index bytes [startByte, endByte): a part of the file (startByte must be a record start, see findSplit). */
  startByte?: number;
  /** Index only up to this many bytes (the size seen at open). */
  endByte?: number;
  onChunk: (msg: ChunkMessage) => void;
  onProgress?: (bytesDone: number, records: number) => void;
  /** Polled between reads; true stops the run. */
  shouldStop?: () => boolean;
  /** Called once after the first window of records is in the index (time to first screen). */
  onFirstRecords?: () => void;
  /** Read size in bytes (tests use tiny reads to cross every boundary). */
  readBytes?: number;
}

export interface IndexSummary {
  format: LogFormat;
  encoding: LogEncoding;
  bytes: number;
  records: number;
  levelCounts: number[];
  stopped: boolean;
  /** Declared columns with a value in some record of the part indexed (column-presence.ts). */
  columns?: LogColumn[];
}

export function indexFile(opts: IndexRunOptions): IndexSummary {
  const sniffed = sniffFile(opts.path, opts.format);
  const spec = formatSpec(sniffed.format);
  const size = Math.min(opts.endByte ?? sniffed.size, sniffed.size);
  const unit = sniffed.unitSize;
  const startByte = opts.startByte ?? 0;
  const builder = new IndexBuilder(opts.onChunk, startByte);
  const sink = unit === 1 ? builder : { push: (units: number, level: number, sec: number) => builder.push(units * 2, level, sec) };
  const scanner = startByte > 0 ? createScanner(spec, startByte / unit, startByte / unit) : createScanner(spec, unit === 2 ? 1 : sniffed.bomBytes);
  const fd = openSync(opts.path, 'r');
  const READ = Math.max(2, opts.readBytes ?? READ_BYTES);
  // Read into the scanner's own memory where it has one: its byte search then runs in place.
  let buf = scanner.buffer?.(READ * 2) ?? Buffer.allocUnsafe(READ * 2);
  const raw = unit === 2 ? Buffer.allocUnsafe(READ) : null;
  let base = startByte / unit; // unit offset of buf[0]
  let len = 0;
  let filePos = startByte;
  let stopped = false;
  let firstSent = false;
  try {
    for (;;) {
      if (buf.length - len < READ) {
        const bigger = scanner.buffer?.(buf.length * 2) ?? Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      if (raw) {
        // UTF-16: read whole code units and narrow them.
        const want = Math.min(READ, size - filePos) & ~1;
        const n = want > 0 ? readSync(fd, raw, 0, want, filePos) & ~1 : 0;
        filePos += n;
        len += narrowUtf16(raw.subarray(0, n), buf, len, sniffed.encoding === 'utf-16be');
        if (n === 0) filePos = size; // odd trailing byte or file shrank
      } else {
        const want = Math.min(READ, size - filePos);
        const n = want > 0 ? readSync(fd, buf, len, want, filePos) : 0;
        filePos += n;
        len += n;
        if (n === 0) filePos = size;
      }
      const eof = filePos >= size;
      const keep = scanner.scan(buf.subarray(0, len), base, eof, sink);
      if (!firstSent && (builder.records > 0 || eof)) {
        builder.flush();
        firstSent = true;
        opts.onFirstRecords?.();
      }
      opts.onProgress?.(filePos, builder.records);
      if (eof) break;
      if (opts.shouldStop?.()) {
        stopped = true;
        break;
      }
      const drop = keep - base;
      buf.copy(buf, 0, drop, len);
      len -= drop;
      base = keep;
    }
    // An odd byte at the end of a UTF-16 file still belongs to the last record.
    if (!stopped && unit === 2 && size % 2 === 1) builder.push(1, 7, NaN);
    builder.flush();
  } finally {
    closeSync(fd);
  }
  const columns = presentColumns(spec.columns, scanner.filled?.(), builder.timed, builder.levelCounts);
  return { format: sniffed.format, encoding: sniffed.encoding, bytes: size - startByte, records: builder.records, levelCounts: [...builder.levelCounts], stopped, columns };
}

/**
 * A record start near `atByte`, where a second worker can begin: the end of the first trailer-ended
 * CMTrace record, or the start of a header line (every line, for `separate` formats). Both depend only on
 * bytes after `atByte`, so indexing in parts cuts exactly like one pass. Null if none within 4 MB.
 */
export function findSplit(path: string, format: LogFormat, atByte: number): number | null {
  const spec = formatSpec(format);
  if (spec.split === 'evtx') return evtxSplit(atByte);
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    const n = readSync(fd, buf, 0, buf.length, atByte);
    const b = buf.subarray(0, n);
    const nl = b.indexOf(10);
    if (nl < 0) return null;
    let found: number | null = null;
    const start = spec.split === 'cmtrace' ? 0 : nl + 1;
    const scanner = createScanner(spec, atByte + start, atByte + start);
    let pos = atByte + start;
    scanner.scan(b.subarray(start), atByte + start, false, {
      push: (units, level) => {
        pos += units;
        if (found === null && (spec.split !== 'cmtrace' || level !== 7)) found = pos;
      },
    });
    return found;
  } finally {
    closeSync(fd);
  }
}
