// One indexed record's bytes made into a LogRecord: decoded, split into fields, its message cut at
// `maxChars`. Shared by main's windows (async reads) and the workers' analyses (sync reads).
import { readSync } from 'node:fs';
import type { LogEncoding, LogFormat, LogRecord } from '../../common/logs.ts';
import { logLevels } from '../../common/log-levels.ts';
import { decodeText } from './encoding.ts';
import { parseFields, type RecordFields } from './formats/fields.ts';
import type { IndexedRecord } from './index-store.ts';

export interface RecordSource {
  format: LogFormat;
  encoding: LogEncoding;
  offsetMinutes: number;
  unitSize: 1 | 2;
}

/** Bytes to read from a record's start for a message of `maxChars`. */
export const headBytes = (rec: IndexedRecord, maxChars: number): number => Math.min(rec.length, maxChars * 4 + 8);

/** Bytes of a huge CMTrace record's trailer (time and component) to read, or 0 when not needed. */
export function tailBytes(f: RecordSource, rec: IndexedRecord, maxChars: number): number {
  return headBytes(rec, maxChars) < rec.length && f.format === 'cmtrace' && logLevels[rec.level] !== 'unparsed' ? Math.min(rec.length, 8192) : 0;
}

/** The message without its line end (`\r\n`, `\n`, then a lone `\r`); most end in neither. */
function trimLineEnd(m: string): string {
  const last = m.charCodeAt(m.length - 1);
  return last === 0x0a || last === 0x0d ? m.replace(/\r?\n$/, '').replace(/\r$/, '') : m;
}

export function decodeRecord(f: RecordSource, file: number, rec: IndexedRecord, head: Buffer, tail: Buffer | null, maxChars: number): LogRecord {
  const cap = headBytes(rec, maxChars);
  let text = decodeText(head.subarray(0, head.length & (f.unitSize === 2 ? ~1 : ~0)), f.encoding);
  const truncated = cap < rec.length || text.length > maxChars;
  if (text.length > maxChars) text = text.slice(0, maxChars);
  const level = logLevels[rec.level];
  let fields: RecordFields = level === 'unparsed' ? { time: null, timeMs: null, message: text } : parseFields(f.format, text);
  if (tail) {
    // A huge CMTrace record keeps its time and component in the trailer at the end.
    const t = parseFields('cmtrace', decodeText(tail, f.encoding));
    fields = { ...t, message: parseFields('cmtrace', `${text}]LOG]!>`).message };
  }
  return {
    position: 0,
    file,
    index: rec.index,
    offset: rec.offset,
    length: rec.length,
    level,
    time: fields.time,
    timeMs: fields.timeMs === null ? null : fields.timeMs + f.offsetMinutes * 60000,
    component: fields.component,
    thread: fields.thread,
    source: fields.source,
    message: trimLineEnd(fields.message),
    truncated,
  };
}

/**
 * One record read from `fd` synchronously (workers, the CLI) and decoded as the viewer shows it; `head`
 * when its first bytes are at hand already (a window), else they are read too. A huge CMTrace record's
 * trailer is read for its time and component.
 */
export function readRecordSync(fd: number, f: RecordSource, file: number, rec: IndexedRecord, maxChars: number, head?: Buffer): LogRecord {
  if (!head) {
    const bytes = Buffer.allocUnsafe(headBytes(rec, maxChars));
    head = bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, rec.offset));
  }
  const tailLen = tailBytes(f, rec, maxChars);
  let tail: Buffer | null = null;
  if (tailLen) {
    const bytes = Buffer.allocUnsafe(tailLen);
    tail = bytes.subarray(0, readSync(fd, bytes, 0, tailLen, rec.offset + rec.length - tailLen));
  }
  return decodeRecord(f, file, rec, head, tail, maxChars);
}

/** A CMTrace record's opener and trailer marker. */
export const CMTRACE_OPENER = Buffer.from('<![LOG['), CMTRACE_TRAILER = Buffer.from(']LOG]!>');
const OPENER = CMTRACE_OPENER, TRAILER = CMTRACE_TRAILER;

/**
 * A UTF-8 CMTrace record's message and time exactly as decodeRecord gives them, from its bytes at
 * [rs, rs + rec.length) of `win`, without decoding the rest: the message is the text between the last
 * opener before the first trailer and that trailer, the time comes from the trailer alone (both markers
 * are ASCII, which UTF-8 keeps byte for byte). Null when only decodeRecord tells: an unparsed record, no
 * opener or trailer inside it, or one longer than `maxChars` bytes.
 */
export function cmtraceMessageTime(f: RecordSource, rec: IndexedRecord, win: Buffer, rs: number, maxChars: number): { message: string; timeMs: number | null } | null {
  const re = rs + rec.length;
  if (f.format !== 'cmtrace' || (f.encoding !== 'utf-8' && f.encoding !== 'utf-8-bom') || logLevels[rec.level] === 'unparsed' || rec.length > maxChars) return null;
  const t = win.indexOf(TRAILER, rs);
  if (t < 0 || t + TRAILER.length > re) return null;
  const o = win.lastIndexOf(OPENER, t);
  if (o < rs) return null;
  const timeMs = parseFields('cmtrace', win.toString('utf8', t, re)).timeMs;
  return { message: trimLineEnd(win.toString('utf8', o + OPENER.length, t)), timeMs: timeMs === null ? null : timeMs + f.offsetMinutes * 60000 };
}
