// The analyses of a file's records, run in a log worker: the reassignment explainer and the Win32 app
// summary read every record (patterns chosen by the file, never run on main); the IME timeline and the
// sign-in marks of a CMTrace file decode only the records holding their literals (analysis-scan.ts), and
// can read a part of a file (one per worker). Records are read in windows of whole records; the stop
// flag is checked between windows.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogRecord, ReassignmentAttempt, Win32AppAttempt } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { RecordIndex, type IndexedRecord } from './index-store.ts';
import { Win32AppSummary } from './ime/win32-apps.ts';
import { decodeRecord, headBytes, tailBytes, type RecordSource } from './record-decode.ts';
import { ReassignmentExplainer } from './reassignment/explain.ts';
import { StepMatcher } from './reassignment/patterns.ts';
import type { StepPatternSpec } from './reassignment/pattern-spec.ts';
import { ImeFileTimeline } from './ime/timeline.ts';
import { SignInMarks, eventLogMarks, signInNeedles } from './sessions/sign-in-marks.ts';
import { scanRecords, type RecordPlan } from './analysis-scan.ts';

export interface AnalysisJob extends RecordSource {
  analysis: 'reassignment' | 'win32' | 'ime' | 'sessions';
  /** The technician's extra reassignment step patterns (Settings), tried before the shipped ones. */
  patterns?: StepPatternSpec[];
  path: string;
  /** The file's name as shown (the attempts carry it). */
  label: string;
  file: number;
  chunks: ChunkMessage[];
  /**
   * Read only records [from, to), each end moved on to the next record where the reader can start afresh
   * (`Reader.startsHere`), so the parts of a file read on several workers neither overlap nor leave a gap.
   */
  part?: { from: number; to: number };
}

/**
 * Longest message an analysis reads of one record: a reassignment step is one sentence, so 16 K
 * characters is plenty; IME records carry app ids inside long JSON.
 */
const MAX_CHARS = { reassignment: 16 * 1024, win32: 64 * 1024, ime: 1024 * 1024, sessions: 16 * 1024 };
/** Text formats whose message is a piece of the record's raw bytes, so a literal of it is in those bytes. */
const planned = (job: AnalysisJob): boolean => job.format === 'cmtrace' && (job.encoding === 'utf-8' || job.encoding === 'utf-8-bom');

interface Reader {
  add(r: LogRecord): void;
  /** Records the plan said 'extend' for: the last of them, and the last time they carry. */
  extend?(lastIndex: number, time: string | null, timeMs: number | null): void;
  /** Whether its state can start afresh at this record (a part starts there); absent: at any record. */
  startsHere?(r: LogRecord): boolean;
}

/**
 * Feeds the reader the file's records in order: every one without a plan; with one, those its `take`
 * says to decode (analysis-scan.ts finds its literals in the raw windows). Records it lets only extend a
 * run are decoded lazily, from the last backwards until a time is found, when the next record is read.
 */
function eachRecord(job: AnalysisJob, shouldStop: () => boolean, reader: Reader, plan: RecordPlan | null): boolean {
  const maxChars = MAX_CHARS[job.analysis];
  const idx = RecordIndex.fromChunks(job.chunks);
  const fd = openSync(job.path, 'r');
  const decode = (rec: IndexedRecord, win: Buffer | null, rs: number): LogRecord => {
    const want = headBytes(rec, maxChars);
    let head: Buffer;
    if (win) head = win.subarray(rs, rs + want);
    else {
      head = Buffer.alloc(want);
      head = head.subarray(0, readSync(fd, head, 0, want, rec.offset));
    }
    const tailLen = tailBytes(job, rec, maxChars);
    let tail: Buffer | null = null;
    if (tailLen) {
      tail = Buffer.alloc(tailLen);
      readSync(fd, tail, 0, tailLen, rec.offset + rec.length - tailLen);
    }
    return decodeRecord(job, job.file, rec, head, tail, maxChars);
  };
  let extendFrom = -1, extendTo = -1;
  const flush = (): void => {
    if (extendTo < 0) return;
    let time: string | null = null, timeMs: number | null = null;
    for (let i = extendTo; i >= extendFrom && (time === null || timeMs === null); i--) {
      const rec = idx.get(i);
      if (!rec) continue;
      const r = decode(rec, null, 0);
      if (time === null && r.time) time = r.time;
      if (timeMs === null && r.timeMs !== null) timeMs = r.timeMs;
    }
    reader.extend?.(extendTo, time, timeMs);
    extendFrom = extendTo = -1;
  };
  const from = job.part?.from ?? 0, to = job.part?.to ?? Infinity;
  const startsHere = reader.startsHere?.bind(reader);
  let started = from === 0 || !startsHere;
  try {
    const done = scanRecords(fd, idx, from, plan?.needles ?? [], shouldStop, (c, win, rs, hit) => {
      // A record a reader can start at holds a literal of its plan (every record does without a plan).
      const maybeStart = startsHere && (hit || !plan);
      if (!started) {
        // No record to start at inside the part: the part before reads on over it, so this one is empty.
        if (c.index >= to) return true;
        if (!maybeStart) return;
        const r = decode(c, win, rs);
        if (!startsHere(r)) return;
        started = true;
        reader.add(r);
        return;
      }
      if (c.index >= to) {
        // Past the part's end: it ends where the next part starts.
        if (!startsHere) return true;
        if (maybeStart) {
          const r = decode(c, win, rs);
          if (startsHere(r)) return true;
          flush();
          reader.add(r);
          return;
        }
      }
      const take = plan ? plan.take(hit) : 'decode';
      if (take === 'skip') return;
      if (take === 'extend') {
        if (extendFrom < 0) extendFrom = c.index;
        extendTo = c.index;
        return;
      }
      flush();
      reader.add(decode(c, win, rs));
    });
    if (done) flush();
    return done;
  } finally {
    closeSync(fd);
  }
}

/** The sign-in marks' plan: decode the records holding one of their literals (null: decode every one). */
function signInPlan(patterns: StepPatternSpec[] | undefined): RecordPlan | null {
  const needles = signInNeedles(patterns);
  return needles ? { needles, take: (hit) => (hit ? 'decode' : 'skip') } : null;
}

/** Runs one analysis; null when it was stopped. */
export function runAnalysis(job: AnalysisJob, shouldStop: () => boolean): ReassignmentAttempt[] | Win32AppAttempt[] | unknown | null {
  if (job.analysis === 'ime') {
    const t = new ImeFileTimeline(job.file, job.label);
    return eachRecord(job, shouldStop, t, planned(job) ? t.plan() : null) ? t.done() : null;
  }
  if (job.analysis === 'sessions') {
    if (job.format === 'evtx') return eventLogMarks(job.path);
    const marks = new SignInMarks(job.label.replace(/^.*[!\\/]/, ''), job.patterns);
    return eachRecord(job, shouldStop, marks, planned(job) ? signInPlan(job.patterns) : null) ? marks.done() : null;
  }
  if (job.analysis === 'reassignment') {
    const ex = new ReassignmentExplainer(job.label, new StepMatcher(job.patterns));
    return eachRecord(job, shouldStop, { add: (r) => ex.add({ index: r.index, time: r.time, timeMs: r.timeMs, message: r.message }) }, null) ? ex.done() : null;
  }
  const sum = new Win32AppSummary(job.label);
  return eachRecord(job, shouldStop, sum, null) ? sum.done() : null;
}
