// The analyses of a file's records, run in a log worker: the reassignment explainer and the Win32 app
// summary read every record (patterns chosen by the file, never run on main). Records are read in
// blocks of whole records; the stop flag is checked between blocks.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogRecord, ReassignmentAttempt, Win32AppAttempt } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { RecordIndex } from './index-store.ts';
import { Win32AppSummary } from './ime/win32-apps.ts';
import { decodeRecord, headBytes, tailBytes, type RecordSource } from './record-decode.ts';
import { ReassignmentExplainer } from './reassignment/explain.ts';
import { StepMatcher } from './reassignment/patterns.ts';
import type { StepPatternSpec } from './reassignment/pattern-spec.ts';
import { ImeFileTimeline, imeRawPrefilter } from './ime/timeline.ts';
import { SignInMarks, eventLogMarks } from './sessions/sign-in-marks.ts';

export interface AnalysisJob extends RecordSource {
  analysis: 'reassignment' | 'win32' | 'ime' | 'sessions';
  /** The technician's extra reassignment step patterns (Settings), tried before the shipped ones. */
  patterns?: StepPatternSpec[];
  path: string;
  /** The file's name as shown (the attempts carry it). */
  label: string;
  file: number;
  chunks: ChunkMessage[];
}

/**
 * Longest message an analysis reads of one record: a reassignment step is one sentence, so 16 K
 * characters is plenty; IME records carry app ids inside long JSON.
 */
const MAX_CHARS = { reassignment: 16 * 1024, win32: 64 * 1024, ime: 1024 * 1024, sessions: 16 * 1024 };
const BLOCK = 1 << 20;

/** `wants`: a literal test of a record's raw bytes, before it is decoded (false: the analysis skips it). */
function eachRecord(job: AnalysisJob, shouldStop: () => boolean, fn: (r: LogRecord) => void, wants?: ((raw: Buffer) => boolean) | null): boolean {
  const maxChars = MAX_CHARS[job.analysis];
  const idx = new RecordIndex();
  for (const c of job.chunks) idx.accept(c);
  const fd = openSync(job.path, 'r');
  const block = Buffer.allocUnsafe(BLOCK);
  try {
    let blockStart = 0, blockLen = 0;
    const c = idx.cursor(0);
    while (c.next()) {
      const rec = { index: c.index, offset: c.offset, length: c.length, level: c.level, sec: c.sec };
      const want = headBytes(rec, maxChars);
      let head: Buffer;
      if (want > BLOCK) {
        head = Buffer.alloc(want);
        head = head.subarray(0, readSync(fd, head, 0, want, rec.offset));
      } else {
        if (rec.offset < blockStart || rec.offset + want > blockStart + blockLen) {
          if (shouldStop()) return false;
          blockStart = rec.offset;
          blockLen = readSync(fd, block, 0, BLOCK, blockStart);
        }
        head = block.subarray(rec.offset - blockStart, Math.min(blockLen, rec.offset - blockStart + want));
      }
      if (wants && !wants(head)) continue;
      const tailLen = tailBytes(job, rec, maxChars);
      let tail: Buffer | null = null;
      if (tailLen) {
        tail = Buffer.alloc(tailLen);
        readSync(fd, tail, 0, tailLen, rec.offset + rec.length - tailLen);
      }
      fn(decodeRecord(job, job.file, rec, head, tail, maxChars));
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Runs one analysis; null when it was stopped. */
export function runAnalysis(job: AnalysisJob, shouldStop: () => boolean): ReassignmentAttempt[] | Win32AppAttempt[] | unknown | null {
  if (job.analysis === 'ime') {
    const t = new ImeFileTimeline(job.file, job.label);
    const wants = job.format === 'cmtrace' && (job.encoding === 'utf-8' || job.encoding === 'utf-8-bom') ? imeRawPrefilter(job.label) : null;
    return eachRecord(job, shouldStop, (r) => t.add(r), wants) ? t.done() : null;
  }
  if (job.analysis === 'sessions') {
    if (job.format === 'evtx') return eventLogMarks(job.path);
    const marks = new SignInMarks(job.label.replace(/^.*[!\\/]/, ''), job.patterns);
    return eachRecord(job, shouldStop, (r) => marks.add(r)) ? marks.done() : null;
  }
  if (job.analysis === 'reassignment') {
    const ex = new ReassignmentExplainer(job.label, new StepMatcher(job.patterns));
    return eachRecord(job, shouldStop, (r) => ex.add({ index: r.index, time: r.time, timeMs: r.timeMs, message: r.message })) ? ex.done() : null;
  }
  const sum = new Win32AppSummary(job.label);
  return eachRecord(job, shouldStop, (r) => sum.add(r)) ? sum.done() : null;
}
