// Where a technician's pattern matches, for highlighting the rows and the detail pane: in the texts the
// viewer shows (sent as they are on screen, so a pretty-printed body is marked as displayed), or in
// records read and decoded as the viewer shows them (record-decode.ts, or the event reader). The pattern
// (RE2, or V8 under the host's budget, see user-regex.ts and spans.ts) runs in a log worker; offsets are
// UTF-16 code units.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogTextQuery } from '../../common/logs.ts';
import { EvtxChunkCache, readEvtxRecord } from './formats/evtx/read.ts';
import type { IndexedRecord } from './index-store.ts';
import { decodeRecord, headBytes, tailBytes, type RecordSource } from './record-decode.ts';
import { compileUserRegex, type UserRegex } from './user-regex.ts';

export interface RecordSpansJob extends RecordSource {
  path: string;
  records: IndexedRecord[];
  text: LogTextQuery;
  /** Characters of each message searched (what the viewer was sent). */
  maxChars: number;
  /** Spans kept per record. */
  maxSpans: number;
}

/** Texts the viewer shows (a screen of row messages, the detail pane's pretty-printed body), marked as given. */
export interface TextSpansJob {
  texts: string[];
  text: LogTextQuery;
  maxSpans: number;
}

export type SpansJob = RecordSpansJob | TextSpansJob;

/** The non-empty matches of `re` in `message`, at most `max`. */
function spansIn(re: UserRegex, message: string, max: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = 0, hit = re.exec(message, 0); hit && spans.length < max; hit = re.exec(message, at)) {
    if (hit[1] > hit[0]) spans.push(hit);
    at = Math.max(hit[1], hit[0] + 1);
  }
  return spans;
}

/** [start, end) spans per record (or text), in the job's order; null when stopped. */
export function runSpans(job: SpansJob, shouldStop: () => boolean): [number, number][][] | null {
  const re = compileUserRegex(job.text);
  if ('texts' in job) {
    const out: [number, number][][] = [];
    for (const t of job.texts) {
      if (shouldStop()) return null;
      out.push(spansIn(re, t, job.maxSpans));
    }
    return out;
  }
  const fd = openSync(job.path, 'r');
  const evtx = job.format === 'evtx' ? new EvtxChunkCache(fd) : null;
  const out: [number, number][][] = [];
  try {
    for (const rec of job.records) {
      if (shouldStop()) return null;
      let message: string;
      if (evtx) message = readEvtxRecord(evtx, rec.offset, rec.length).message.slice(0, job.maxChars);
      else {
        const head = Buffer.allocUnsafe(headBytes(rec, job.maxChars));
        const n = readSync(fd, head, 0, head.length, rec.offset);
        const tailLen = tailBytes(job, rec, job.maxChars);
        const tail = tailLen ? Buffer.allocUnsafe(tailLen) : null;
        if (tail) readSync(fd, tail, 0, tailLen, rec.offset + rec.length - tailLen);
        message = decodeRecord(job, 0, rec, head.subarray(0, n), tail, job.maxChars).message;
      }
      out.push(spansIn(re, message, job.maxSpans));
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
