// The time written in one record, read as the session's stats read it (queries.ts reads the record with
// a 4,096-character message through record-decode.ts and keeps its `time`): the same bytes decoded, the
// same fields parser, the trailer of a huge CMTrace record read for its time. Done here rather than
// through decodeRecord because record-decode.ts imports common/logs.ts, whose zod schemas would double
// the start-up of `sdh logs stats`; test/integration/cli/logs-fast.test.ts checks both agree.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogEncoding, LogFormat } from '../../common/logs.ts';
import { logLevels } from '../../common/log-levels.ts';
import { decodeText } from '../logs/encoding.ts';
import { parseFields } from '../logs/formats/fields.ts';
import type { TimedRecord } from '../logs/count-scan.ts';

/** The stats' message length (queries.ts). */
const MAX_CHARS = 4096;

/** Time of an 8-bit file's record, or null. */
export function recordTime(path: string, format: LogFormat, encoding: LogEncoding, r: TimedRecord | null): string | null {
  if (!r || logLevels[r.level] === 'unparsed') return null;
  // As headBytes and tailBytes (record-decode.ts).
  const headLen = Math.min(r.length, MAX_CHARS * 4 + 8);
  const tailLen = headLen < r.length && format === 'cmtrace' ? Math.min(r.length, 8192) : 0;
  const fd = openSync(path, 'r');
  try {
    if (tailLen) {
      const tail = Buffer.alloc(tailLen);
      readSync(fd, tail, 0, tailLen, r.offset + r.length - tailLen);
      return parseFields('cmtrace', decodeText(tail, encoding)).time;
    }
    const head = Buffer.alloc(headLen);
    const n = readSync(fd, head, 0, headLen, r.offset);
    const text = decodeText(head.subarray(0, n), encoding);
    return parseFields(format, text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).time;
  } finally {
    closeSync(fd);
  }
}
