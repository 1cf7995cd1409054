// The time written in one record, read as the session's stats read it (queries.ts reads the record with
// a 4,096-character message through record-decode.ts and keeps its `time`): the same bytes, decoded by
// the same decodeRecord (record-decode.ts loads no zod). test/integration/cli/logs-fast.test.ts checks
// both agree.
import { closeSync, openSync } from 'node:fs';
import type { LogEncoding, LogFormat } from '../../common/logs.ts';
import { readRecordSync, type RecordSource } from '../logs/record-decode.ts';
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
    return readRecordSync(fd, src, 0, rec, MAX_CHARS).time;
  } finally {
    closeSync(fd);
  }
}
