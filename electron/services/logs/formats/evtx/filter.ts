// The filter pass of an event log (in the filter worker): event text lives in BinXML, so each record the
// index lets through is decoded (its chunk read once) and the text, provider (component) and thread
// filters test what the viewer shows: the message, the fields and the XML.
import { closeSync, openSync } from 'node:fs';
import type { LogTextQuery } from '../../../../common/logs.ts';
import type { IndexCursor } from '../../index-cursor.ts';
import type { RecordIndex } from '../../index-store.ts';
import { compileQuery } from '../../match.ts';
import { EvtxChunkCache, readEvtxRecord } from './read.ts';

export interface EvtxFilterPass {
  path: string;
  text: LogTextQuery | null;
  components: string[] | null;
  threads: string[] | null;
  /** Include / exclude records like this (like-this.ts), or null. */
  like: ((f: { component?: string; thread?: string; message: string }) => boolean) | null;
  from: number;
  to: number;
  /** Level and time test from the index. */
  keep(c: IndexCursor): boolean;
  /** Records a match; true when the match limit is reached. */
  add(index: number): boolean;
  progress(scanned: number, bytesDone: number): void;
  shouldStop(): boolean;
}

export function runEvtxFilter(idx: RecordIndex, o: EvtxFilterPass): { scanned: number; stopped: boolean } {
  const re = o.text ? compileQuery(o.text) : null;
  const fd = openSync(o.path, 'r');
  const chunks = new EvtxChunkCache(fd);
  let scanned = 0;
  try {
    const c = idx.cursor(o.from);
    while (c.next() && c.index < o.to) {
      scanned++;
      if ((scanned & 4095) === 0) {
        o.progress(scanned, c.offset);
        if (o.shouldStop()) return { scanned, stopped: true };
      }
      if (!o.keep(c)) continue;
      const shown = readEvtxRecord(chunks, c.offset, c.length);
      if (o.components && !o.components.includes(shown.component ?? '')) continue;
      if (o.threads && !o.threads.includes(shown.thread ?? '')) continue;
      if (re && !re.test(shown.message)) continue;
      if (o.like && !o.like(shown)) continue;
      if (o.add(c.index)) break;
    }
  } finally {
    closeSync(fd);
  }
  return { scanned, stopped: false };
}
