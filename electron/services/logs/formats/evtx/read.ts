// Reading an indexed EVTX record for display: the record's byte range ends where its event ends, so the
// chunk holding its last byte is read (once per chunk for a window of records) and the event decoded.
// A range that ends at no event is a note about damage: its chunk's problems, rebuilt the same way the
// scanner found them.
import { readSync } from 'node:fs';
import type { RecordFields } from '../fields.ts';
import { ChunkData } from './binxml.ts';
import { CHUNK_BYTES, FILE_HEADER_BYTES, chunkLayout, chunkNumberOf, chunkStartOf, type ChunkLayout, type RecordPos } from './chunk.ts';
import { decodeEvent } from './event.ts';
import { eventMessage, fieldLines } from './messages.ts';
import { eventFields, toXml, type EventFields } from './render.ts';
import { localStamp, localWallMs } from './local-time.ts';

export interface LoadedChunk {
  data: ChunkData;
  layout: ChunkLayout;
}

export function loadedChunk(bytes: Buffer, start: number): LoadedChunk {
  return { data: new ChunkData(bytes), layout: chunkLayout(bytes, chunkNumberOf(start)) };
}

/** Chunks read through a file descriptor (64 KiB synchronous reads), each at most once while cached. */
export class EvtxChunkCache {
  private readonly chunks = new Map<number, LoadedChunk>();
  constructor(private readonly fd: number) {}

  get(start: number): LoadedChunk {
    let c = this.chunks.get(start);
    if (!c) {
      const b = Buffer.alloc(CHUNK_BYTES);
      const n = readSync(this.fd, b, 0, CHUNK_BYTES, start);
      c = loadedChunk(b.subarray(0, n), start);
      if (this.chunks.size >= 64) this.chunks.clear();
      this.chunks.set(start, c);
    }
    return c;
  }
}

/** Display fields (the message: its line, then the fields and the event as XML) and the event's fields. */
export interface EvtxShown extends RecordFields {
  fields: EventFields | null;
}

/** The last event of chunk `start` ending inside (offset, end]. */
function lastEventIn(chunk: LoadedChunk, start: number, offset: number, end: number): RecordPos | null {
  const rs = chunk.layout.records;
  for (let k = rs.length - 1; k >= 0; k--) {
    const e = start + rs[k].p + rs[k].size;
    if (e <= end) return e > offset ? rs[k] : null;
  }
  return null;
}

/**
 * What the record [offset, offset + length) shows: the last event ending inside it (its end, unless it
 * is the file's last event and free space follows), found from the chunk holding its last byte back;
 * else the problems of the first damaged chunk met, a note.
 */
export function readEvtxRecord(cache: EvtxChunkCache, offset: number, length: number): EvtxShown {
  const end = offset + length;
  for (let start = chunkStartOf(end - 1); start >= FILE_HEADER_BYTES && start + CHUNK_BYTES > offset; start -= CHUNK_BYTES) {
    const chunk = cache.get(start);
    const r = lastEventIn(chunk, start, offset, end);
    if (r) return showEvent(chunk, r);
    if (chunk.layout.problems.length) return note(chunk.layout.problems.join('; '));
  }
  return note(length > 0 ? `${length} bytes hold no event` : 'no event');
}

const note = (message: string): EvtxShown => ({ time: null, timeMs: null, message, fields: null });

function showEvent(chunk: LoadedChunk, r: RecordPos): EvtxShown {
  const { ev, error } = decodeEvent(chunk.data, r);
  // The written time in local time with its zone, the time the index orders by (TimeCreated, which can
  // be earlier when Windows buffered the event, is among the fields, in UTC).
  const time = localStamp(r.writtenMs) || null;
  const timeMs = time === null ? null : localWallMs(r.writtenMs);
  if (!ev) return { time, timeMs, message: `Event record ${r.id}: its binary XML cannot be read (${error})`, fields: null };
  const f = eventFields(ev);
  const body = [eventMessage(f), '', ...fieldLines(f), '', toXml(ev)].join('\n');
  return { time, timeMs, component: f.provider, thread: f.threadId, source: f.eventId, message: body, fields: f };
}

