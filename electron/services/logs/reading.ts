// Reading records: the bytes of indexed records decoded and split into fields, for windows of a view,
// the detail pane (a longer message), and the analyses that read every record of a file.
import { open as openFile } from 'node:fs/promises';
import { logLevels, type LogRecord } from '../../common/logs.ts';
import { decodeText } from './encoding.ts';
import { parseFields } from './formats/fields.ts';
import { EvtxChunkCache, readEvtxRecord } from './formats/evtx/read.ts';
import { currentIndex, type Engine, type Session } from './session.ts';
import { viewOf } from './session-views.ts';
import type { RecordRef } from './views.ts';

/** The records `refs` point at, each message cut at `maxChars` (a missing record is left out). */
export async function readRecords(s: Session, refs: RecordRef[], maxChars: number): Promise<LogRecord[]> {
  const out: LogRecord[] = new Array(refs.length);
  const byFile = new Map<number, number[]>();
  refs.forEach((r, k) => byFile.set(r.file, [...(byFile.get(r.file) ?? []), k]));
  for (const [file, ks] of byFile) {
    const f = s.files[file];
    const idx = currentIndex(f);
    const fh = await openFile(f.fsPath, 'r');
    const evtx = f.info.format === 'evtx' ? new EvtxChunkCache(fh.fd) : null;
    try {
      for (const k of ks) {
        const rec = idx.get(refs[k].index);
        if (!rec) continue;
        if (evtx) {
          const shown = readEvtxRecord(evtx, rec.offset, rec.length);
          const timeMs = shown.timeMs === null ? null : shown.timeMs + f.info.offsetMinutes * 60000;
          const { time, component, thread, source, message } = shown;
          out[k] = { position: 0, file, index: rec.index, offset: rec.offset, length: rec.length, level: logLevels[rec.level], time, timeMs, component, thread, source, message: message.slice(0, maxChars), truncated: message.length > maxChars };
          continue;
        }
        const cap = Math.min(rec.length, maxChars * 4 + 8);
        const bytes = Buffer.alloc(cap);
        const { bytesRead } = await fh.read(bytes, 0, cap, rec.offset);
        let text = decodeText(bytes.subarray(0, bytesRead & (f.unitSize === 2 ? ~1 : ~0)), f.info.encoding);
        const truncated = cap < rec.length || text.length > maxChars;
        if (text.length > maxChars) text = text.slice(0, maxChars);
        const level = logLevels[rec.level];
        let fields = level === 'unparsed' ? { time: null, timeMs: null, message: text } : parseFields(f.info.format, text);
        if (cap < rec.length && f.info.format === 'cmtrace' && level !== 'unparsed') {
          // A huge CMTrace record keeps its time and component in the trailer at the end: read that too.
          const tail = Buffer.alloc(Math.min(rec.length, 8192));
          await fh.read(tail, 0, tail.length, rec.offset + rec.length - tail.length);
          const t = parseFields('cmtrace', decodeText(tail, f.info.encoding));
          fields = { ...t, message: parseFields('cmtrace', `${text}]LOG]!>`).message };
        }
        out[k] = {
          position: 0,
          file,
          index: rec.index,
          offset: rec.offset,
          length: rec.length,
          level,
          time: fields.time,
          timeMs: fields.timeMs === null ? null : fields.timeMs + f.info.offsetMinutes * 60000,
          component: fields.component,
          thread: fields.thread,
          source: fields.source,
          message: fields.message.replace(/\r?\n$/, '').replace(/\r$/, ''),
          truncated,
        };
      }
    } finally {
      await fh.close();
    }
  }
  return out.filter(Boolean);
}

/** Records at view positions [first, first + count). */
export async function readWindow(e: Engine, s: Session, first: number, count: number, viewId?: string): Promise<{ total: number; records: LogRecord[] }> {
  const v = viewOf(s, viewId);
  const refs = v.refs(Math.max(0, first), Math.max(0, Math.min(count, 10000)));
  const records = await readRecords(s, refs, e.maxChars);
  records.forEach((r, k) => (r.position = first + k));
  return { total: v.count(), records };
}

/** One record with up to `maxChars` of its message. */
export async function readDetail(s: Session, position: number, viewId: string | undefined, maxChars: number): Promise<LogRecord | null> {
  const refs = viewOf(s, viewId).refs(position, 1);
  const [r] = await readRecords(s, refs, maxChars);
  if (r) r.position = position;
  return r ?? null;
}

/** Every record of one file, in order, read in blocks (messages up to 64 K characters). */
export async function forEachRecord(s: Session, file: number, signal: AbortSignal | undefined, fn: (r: LogRecord) => void): Promise<void> {
  const f = s.files[file];
  for (let first = 0; first < f.index.count; first += 2000) {
    signal?.throwIfAborted();
    const refs = Array.from({ length: Math.min(2000, f.index.count - first) }, (_, k) => ({ file, index: first + k }));
    for (const r of await readRecords(s, refs, 64 * 1024)) fn(r);
  }
}
