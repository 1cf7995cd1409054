// Reading records: the bytes of indexed records decoded and split into fields, for windows of a view,
// the detail pane (a longer message), and the analyses that read every record of a file.
import { open as openFile } from 'node:fs/promises';
import { logLevels, type LogRecord } from '../../common/logs.ts';
import { decodeRecord, headBytes, tailBytes } from './record-decode.ts';
import { EvtxChunkCache, readEvtxRecord } from './formats/evtx/read.ts';
import { currentIndex, type Engine, type Session } from './session.ts';
import { viewOf } from './session-views.ts';
import type { RecordRef } from './views.ts';
import type { IndexedRecord } from './index-store.ts';

/** Records closer than this in a file are read in one go (one read instead of one per record). */
const SPAN_GAP = 64 * 1024;
/** Largest span read at once. */
const SPAN_MAX = 4 * 1024 * 1024;

/** The records `refs` point at, each message cut at `maxChars` (a missing record is left out). */
export async function readRecords(s: Session, refs: RecordRef[], maxChars: number): Promise<LogRecord[]> {
  const out: LogRecord[] = new Array(refs.length);
  const byFile = new Map<number, number[]>();
  refs.forEach((r, k) => {
    const ks = byFile.get(r.file);
    if (ks) ks.push(k);
    else byFile.set(r.file, [k]);
  });
  for (const [file, ks] of byFile) {
    const f = s.files[file];
    const idx = currentIndex(f);
    const src = { format: f.info.format, encoding: f.info.encoding, offsetMinutes: f.info.offsetMinutes, unitSize: f.unitSize };
    const fh = await openFile(f.fsPath, 'r');
    const evtx = f.info.format === 'evtx' ? new EvtxChunkCache(fh.fd) : null;
    try {
      const recs: { k: number; rec: IndexedRecord }[] = [];
      for (const k of ks) {
        const rec = idx.get(refs[k].index);
        if (rec) recs.push({ k, rec });
      }
      if (evtx) {
        for (const { k, rec } of recs) {
          const shown = readEvtxRecord(evtx, rec.offset, rec.length);
          const timeMs = shown.timeMs === null ? null : shown.timeMs + f.info.offsetMinutes * 60000;
          const { time, component, thread, source, message } = shown;
          out[k] = { position: 0, file, index: rec.index, offset: rec.offset, length: rec.length, level: logLevels[rec.level], time, timeMs, component, thread, source, message: message.slice(0, maxChars), truncated: message.length > maxChars };
        }
        continue;
      }
      // Nearby records (a page of a view is mostly one run of records) share one read.
      recs.sort((a, b) => a.rec.offset - b.rec.offset);
      for (let i = 0; i < recs.length; ) {
        const start = recs[i].rec.offset;
        let end = start + headBytes(recs[i].rec, maxChars);
        let j = i + 1;
        while (j < recs.length) {
          const r = recs[j].rec;
          const e = r.offset + headBytes(r, maxChars);
          if (r.offset > end + SPAN_GAP || Math.max(end, e) - start > SPAN_MAX) break;
          end = Math.max(end, e);
          j++;
        }
        const span = Buffer.alloc(end - start);
        const { bytesRead } = await fh.read(span, 0, span.length, start);
        for (; i < j; i++) {
          const { k, rec } = recs[i];
          const at = rec.offset - start;
          const head = span.subarray(Math.min(at, bytesRead), Math.min(at + headBytes(rec, maxChars), bytesRead));
          const tailLen = tailBytes(src, rec, maxChars);
          const tail = tailLen ? Buffer.alloc(tailLen) : null;
          if (tail) await fh.read(tail, 0, tailLen, rec.offset + rec.length - tailLen);
          out[k] = decodeRecord(src, file, rec, head, tail, maxChars);
        }
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
