// The layout of an EVTX file (libyal's EVTX format description): a 4 KiB file header ("ElfFile\0"), then
// 64 KiB chunks ("ElfChnk\0", a 512-byte header with two CRC32s), each holding event records ("**\0\0",
// size, record id, written FILETIME, BinXML, size again). A chunk is judged on its own: what can be
// read comes back, what cannot is counted and named, one sentence per problem.
import { crc32 } from 'node:zlib';

export const FILE_HEADER_BYTES = 4096;
export const CHUNK_BYTES = 65536;
export const CHUNK_HEADER_BYTES = 512;
/** Signature, size, record id and written time before the BinXML; the size copy after it. */
export const RECORD_MIN_BYTES = 28;

const FILE_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');

/** True for an EVTX file: its header signature, or (header damaged) a chunk signature at 4 KiB. */
export function isEvtx(head: Buffer): boolean {
  if (head.length >= 8 && head.compare(FILE_MAGIC, 0, 8, 0, 8) === 0) return true;
  return head.length >= FILE_HEADER_BYTES + 8 && head.compare(CHUNK_MAGIC, 0, 8, FILE_HEADER_BYTES, FILE_HEADER_BYTES + 8) === 0;
}

/** Start of the chunk holding byte `offset` (0 for the file header). */
export function chunkStartOf(offset: number): number {
  return offset < FILE_HEADER_BYTES ? 0 : FILE_HEADER_BYTES + Math.floor((offset - FILE_HEADER_BYTES) / CHUNK_BYTES) * CHUNK_BYTES;
}

export function chunkNumberOf(start: number): number {
  return (start - FILE_HEADER_BYTES) / CHUNK_BYTES;
}

/** One event record inside a chunk: chunk-relative start and size, id, written time (Unix ms). */
export interface RecordPos {
  p: number;
  size: number;
  id: number;
  writtenMs: number;
}

export interface ChunkLayout {
  records: RecordPos[];
  problems: string[];
  /** False when the chunk holds nothing (all zero, never used). */
  used: boolean;
}

const isRecordAt = (b: Buffer, p: number): boolean => b[p] === 0x2a && b[p + 1] === 0x2a && b[p + 2] === 0 && b[p + 3] === 0;

/** Whole records chained from `p` on (signature, size, the same size at its end). */
function chained(b: Buffer, p: number): { n: number; end: number } {
  let n = 0;
  for (;;) {
    if (p + RECORD_MIN_BYTES > b.length || !isRecordAt(b, p)) return { n, end: p };
    const size = b.readUInt32LE(p + 4);
    if (size < RECORD_MIN_BYTES || p + size > b.length || b.readUInt32LE(p + size - 4) !== size) return { n, end: p };
    n++;
    p += size;
  }
}

/** Records found from `from` on, what a damaged part held: chains of whole records, 8-byte aligned starts. */
function countRecords(b: Buffer, from: number, to = b.length): number {
  let n = 0;
  for (let p = from; p + RECORD_MIN_BYTES <= to; p += 8) {
    if (!isRecordAt(b, p)) continue;
    const c = chained(b, p);
    n += c.n;
    if (c.n > 0) p = c.end - 8;
  }
  return n;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Records the chunk header announces (0 when its numbers are implausible). */
function announced(b: Buffer): number {
  if (b.length < 24) return 0;
  const n = Number(b.readBigUInt64LE(16) - b.readBigUInt64LE(8)) + 1;
  return n > 0 && n <= CHUNK_BYTES / RECORD_MIN_BYTES ? n : 0;
}

/** Reads chunk `b` (64 KiB, shorter when the file is cut off inside it). */
export function chunkLayout(b: Buffer, n: number): ChunkLayout {
  const records: RecordPos[] = [];
  const problems: string[] = [];
  const name = `chunk ${n}`;
  if (b.length < CHUNK_HEADER_BYTES) {
    if (b.some((x) => x !== 0)) problems.push(`${name}: the file ends ${plural(b.length, 'byte')} into it, before its header is complete`);
    return { records, problems, used: problems.length > 0 };
  }
  if (b.compare(CHUNK_MAGIC, 0, 8, 0, 8) !== 0) {
    if (!b.some((x) => x !== 0)) return { records, problems, used: false };
    problems.push(`${name}: bad signature, ${plural(countRecords(b, CHUNK_HEADER_BYTES), "record")} skipped`);
    return { records, problems, used: true };
  }
  const headerCrc = crc32(b.subarray(128, CHUNK_HEADER_BYTES), crc32(b.subarray(0, 120))) >>> 0;
  if (headerCrc !== b.readUInt32LE(124)) problems.push(`${name}: header checksum mismatch, its records are read anyway`);
  const free = b.readUInt32LE(48);
  const end = Math.min(b.length, free >= CHUNK_HEADER_BYTES && free <= CHUNK_BYTES ? free : CHUNK_BYTES);
  const cut = b.length < CHUNK_BYTES;
  if (!cut && crc32(b.subarray(CHUNK_HEADER_BYTES, end)) >>> 0 !== b.readUInt32LE(52)) problems.push(`${name}: event records checksum mismatch, its records are read anyway`);
  let p = CHUNK_HEADER_BYTES;
  while (p + RECORD_MIN_BYTES <= end) {
    if (!isRecordAt(b, p)) {
      if (b.subarray(p, end).some((x) => x !== 0)) problems.push(`${name}: no record signature at offset ${p}, ${plural(countRecords(b, p + 8, end), 'record')} skipped`);
      break;
    }
    const size = b.readUInt32LE(p + 4);
    if (size < RECORD_MIN_BYTES || p + size > b.length) {
      problems.push(`${name}: record at offset ${p} has size ${size}, ${plural(1 + countRecords(b, p + 8, end), 'record')} skipped`);
      break;
    }
    if (b.readUInt32LE(p + size - 4) !== size) {
      problems.push(`${name}: record at offset ${p} does not end with its size, ${plural(1 + countRecords(b, p + 8, end), 'record')} skipped`);
      break;
    }
    const id = b.readUInt32LE(p + 8) + b.readUInt32LE(p + 12) * 4294967296;
    const writtenMs = (b.readUInt32LE(p + 20) * 4294967296 + b.readUInt32LE(p + 16)) / 10000 - 11644473600000;
    records.push({ p, size, id, writtenMs });
    p += size;
  }
  if (cut) {
    const lost = Math.max(0, announced(b) - records.length);
    problems.push(`${name}: the file ends ${plural(b.length, 'byte')} into it, ${plural(lost, 'record')} lost`);
  }
  return { records, problems, used: true };
}

/** Where a second indexing worker can start near `at`: the next chunk boundary. */
export function evtxSplit(at: number): number {
  const s = chunkStartOf(at);
  return s === at && at >= FILE_HEADER_BYTES ? at : s + (s === 0 ? FILE_HEADER_BYTES : CHUNK_BYTES);
}
