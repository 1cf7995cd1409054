// The analyses of a file's records, run in a log worker: the reassignment explainer and the Win32 app
// summary read every record (patterns chosen by the file, never run on main); the IME timeline and the
// sign-in marks of a CMTrace file decode only the records holding their literals (analysis-scan.ts), and
// can read a part of a file (one per worker); an AgentExecutor timeline reads in full only the runs it
// keeps (ime/agent-cut.ts), an app log those after its first subgraph (ime/app-cut.ts). Records are read
// in windows of whole records (analysis-walk.ts); the stop flag is checked between windows.
import { closeSync, openSync } from 'node:fs';
import type { ReassignmentAttempt, Win32AppAttempt } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { Win32AppSummary } from './ime/win32-apps.ts';
import type { RecordSource } from './record-decode.ts';
import { ReassignmentExplainer } from './reassignment/explain.ts';
import { StepMatcher } from './reassignment/patterns.ts';
import type { StepPatternSpec } from './reassignment/pattern-spec.ts';
import { ImeFileTimeline, imeLogKind } from './ime/timeline.ts';
import { agentTimeline } from './ime/agent-cut.ts';
import { appTimeline } from './ime/app-cut.ts';
import { surveyPart, type AppSurveyPart } from './ime/app-survey.ts';
import { SignInMarks, eventLogMarks, signInNeedles } from './sessions/sign-in-marks.ts';
import type { RecordPlan } from './analysis-scan.ts';
import { RecordWalk, type Reader } from './analysis-walk.ts';

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
  /** IME timeline rows kept per file (rows.ts MAX_FILE_ROWS); tests set fewer to meet the cut on small files. */
  keep?: number;
  /** An app log's timeline in two steps (ime/app-survey.ts): survey records [part.from, part.to) only… */
  survey?: boolean;
  /** …then read the runs from the parts' surveys, in file order. */
  surveys?: AppSurveyPart[];
}

/** Whether an app log's timeline can be surveyed in parts on several workers (analyses.ts). */
export const surveyedInParts = (job: AnalysisJob): boolean => job.analysis === 'ime' && planned(job) && imeLogKind(job.label) === 'apps';

/**
 * Longest message an analysis reads of one record: a reassignment step is one sentence, so 16 K
 * characters is plenty; IME records carry app ids inside long JSON.
 */
const MAX_CHARS = { reassignment: 16 * 1024, win32: 64 * 1024, ime: 1024 * 1024, sessions: 16 * 1024 };
/** Text formats whose message is a piece of the record's raw bytes, so a literal of it is in those bytes. */
const planned = (job: AnalysisJob): boolean => job.format === 'cmtrace' && (job.encoding === 'utf-8' || job.encoding === 'utf-8-bom');

/** Feeds the reader the file's records (the job's part, else all) as analysis-walk.ts does. */
function eachRecord(job: AnalysisJob, shouldStop: () => boolean, reader: Reader, plan: RecordPlan | null): boolean {
  return withWalk(job, (w) => w.feed(reader, plan, job.part?.from ?? 0, job.part?.to ?? Infinity, shouldStop));
}

function withWalk<T>(job: AnalysisJob, fn: (w: RecordWalk) => T): T {
  const fd = openSync(job.path, 'r');
  try {
    return fn(new RecordWalk(job, fd, MAX_CHARS[job.analysis]));
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
    const kind = imeLogKind(job.label);
    if (planned(job) && kind === 'agent') return withWalk(job, (w) => agentTimeline(w, job.label, job.part?.from ?? 0, job.part?.to ?? Infinity, shouldStop, job.keep));
    if (planned(job) && kind === 'apps' && job.survey) return withWalk(job, (w) => surveyPart(w, job.part?.from ?? 0, job.part?.to ?? w.idx.count, shouldStop));
    if (planned(job) && kind === 'apps') return withWalk(job, (w) => appTimeline(w, job.label, job.part?.from ?? 0, shouldStop, job.keep, job.surveys));
    const t = new ImeFileTimeline(job.file, job.label, job.keep);
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
