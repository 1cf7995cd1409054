// The EVTX scanner: the log engine's Scanner for event logs. Fed windows of the file, it takes whole
// chunks and pushes one record per event, its byte range running from the end of the previous one to the
// end of the event (so chunk headers and free space belong to the next event; what follows the last event
// belongs to it). A damaged chunk becomes a note record (level unparsed) covering what could not be read;
// its sentence is rebuilt on reading. So every byte belongs to exactly one record.
import { Lvl } from '../header.ts';
import type { RecordSink, Scanner } from '../../scanner.ts';
import { ChunkData } from './binxml.ts';
import { CHUNK_BYTES, CHUNK_HEADER_BYTES, FILE_HEADER_BYTES, chunkLayout, chunkNumberOf, chunkStartOf } from './chunk.ts';
import { recordLevel } from './event.ts';
import { localWallMs } from './local-time.ts';

/** What the scan found beyond events: damaged chunks and event counts. */
export interface EvtxTally {
  events: number;
  unreadableEvents: number;
  problems: string[];
}

export class EvtxScanner implements Scanner {
  private pos: number;
  /** The last record, held back until the next one: the bytes after the file's last event join it. */
  private pending: { to: number; level: number; sec: number } | null = null;
  readonly tally: EvtxTally = { events: 0, unreadableEvents: 0, problems: [] };

  /** `recordStart`: where the first record's range begins (a chunk start, or a record end when following a file). */
  constructor(private recordStart: number) {
    this.pos = Math.max(FILE_HEADER_BYTES, chunkStartOf(recordStart));
  }

  scan(b: Buffer, base: number, eof: boolean, sink: RecordSink): number {
    const end = base + b.length;
    // Fed from inside a chunk (never done by the engine, which splits at chunk starts): skip to the next one.
    if (this.pos < base) this.pos = chunkStartOf(base - 1) + CHUNK_BYTES;
    while (this.pos < end) {
      const avail = end - this.pos;
      if (avail < CHUNK_BYTES && !eof) break;
      const at = this.pos - base;
      this.chunk(b.subarray(at, at + Math.min(avail, CHUNK_BYTES)), this.pos, sink);
      this.pos += Math.min(avail, CHUNK_BYTES);
    }
    if (eof) {
      const last = this.pending ?? { to: end, level: Lvl.None, sec: NaN };
      this.pending = null;
      if (end > this.recordStart) sink.push(end - this.recordStart, last.level, last.sec);
      this.recordStart = Math.max(this.recordStart, end);
    }
    return Math.min(this.pos, end);
  }

  private push(sink: RecordSink, to: number, level: number, sec: number): void {
    if (to <= (this.pending?.to ?? this.recordStart)) return;
    const p = this.pending;
    if (p) {
      sink.push(p.to - this.recordStart, p.level, p.sec);
      this.recordStart = p.to;
    }
    this.pending = { to, level, sec };
  }

  private chunk(b: Buffer, start: number, sink: RecordSink): void {
    const layout = chunkLayout(b, chunkNumberOf(start));
    if (!layout.used) return;
    this.tally.problems.push(...layout.problems);
    if (layout.records.length === 0) {
      this.push(sink, start + b.length, Lvl.Unparsed, NaN);
      return;
    }
    if (layout.problems.length > 0 && layout.records[0].p === CHUNK_HEADER_BYTES) this.push(sink, start + CHUNK_HEADER_BYTES, Lvl.Unparsed, NaN);
    const c = new ChunkData(b);
    let last = 0;
    for (const r of layout.records) {
      last = r.p + r.size;
      if (start + last <= this.recordStart) continue;
      const level = recordLevel(c, r);
      this.tally.events++;
      if (level === Lvl.Unparsed) this.tally.unreadableEvents++;
      // Whole seconds: the index stores each time as a whole-second step from the one before.
      this.push(sink, start + last, level, Math.floor(localWallMs(r.writtenMs) / 1000));
    }
    // Records cut short by damage after the readable ones: a note covering the rest of the chunk.
    const late = layout.problems.some((p) => / skipped$| lost$/.test(p));
    if (late && last < b.length) this.push(sink, start + b.length, Lvl.Unparsed, NaN);
  }
}
