// Reading records: the bytes of indexed records decoded and split into fields, for windows of a view,
// the detail pane (a longer message), and the analyses that read every record of a file.
import { open as openFile } from 'node:fs/promises';
import { logLevels, type LogRecord } from '../../common/logs.ts';
import { decodeRecord, headBytes, tailBytes } from './record-decode.ts';
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
    const src = { format: f.info.format, encoding: f.info.encoding, offsetMinutes: f.info.offsetMinutes, unitSize: f.unitSize };
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
        const head = Buffer.alloc(headBytes(rec, maxChars));
        const { bytesRead } = await fh.read(head, 0, head.length, rec.offset);
        const tailLen = tailBytes(src, rec, maxChars);
        const tail = tailLen ? Buffer.alloc(tailLen) : null;
        if (tail) await fh.read(tail, 0, tailLen, rec.offset + rec.length - tailLen);
        out[k] = decodeRecord(src, file, rec, head.subarray(0, bytesRead), tail, maxChars);
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
