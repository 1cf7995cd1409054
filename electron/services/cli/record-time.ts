// The time written in one record, read as the session's stats read it (queries.ts reads the record with
// a 4,096-character message through record-decode.ts and keeps its `time`): the same bytes, decoded by
// the same decodeRecord (record-decode.ts loads no zod). test/integration/cli/logs-fast.test.ts checks
// both agree.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogEncoding, LogFormat } from '../../common/logs.ts';
import { decodeRecord, headBytes, tailBytes, type RecordSource } from '../logs/record-decode.ts';
import type { TimedRecord } from '../logs/count-scan.ts';

/** The stats' message length (queries.ts). */
const MAX_CHARS = 4096;

/** Time of an 8-bit file's record, or null. */
export function recordTime(path: string, format: LogFormat, encoding: LogEncoding, r: TimedRecord | null): string | null {
  if (!r) return null;
  const src: RecordSource = { format, encoding, offsetMinutes: 0, unitSize: 1 };
  const rec = { index: 0, offset: r.offset, length: r.length, level: r.level, sec: NaN };
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.allocUnsafe(headBytes(rec, MAX_CHARS));
    const n = readSync(fd, head, 0, head.length, r.offset);
    const tailLen = tailBytes(src, rec, MAX_CHARS);
    const tail = tailLen ? Buffer.allocUnsafe(tailLen) : null;
    if (tail) readSync(fd, tail, 0, tailLen, r.offset + r.length - tailLen);
    return decodeRecord(src, 0, rec, head.subarray(0, n), tail, MAX_CHARS).time;
  } finally {
    closeSync(fd);
  }
}
