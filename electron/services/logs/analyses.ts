// The analyses over a session's logs: reassignment attempts (DeviceReassignment logs) and Win32 app
// attempts (IME logs), each reading every record of the files it concerns, on a log worker (the patterns
// are chosen by the file: they never run on main).
import { basename } from 'node:path';
import { AppError } from '../../common/errors.ts';
import type { ReassignmentAttempt, Win32AppAttempt } from '../../common/logs.ts';
import { surveyedInParts, type AnalysisJob } from './analysis-job.ts';
import type { AppSurveyPart } from './ime/app-survey.ts';
import { settled, type Engine, type Session } from './session.ts';

/** Records a file needs before its analysis is split between the workers (below, one is quicker). */
const SPLIT_RECORDS = 200_000;

function jobOf(s: Session, file: number, analysis: AnalysisJob['analysis'], patterns?: AnalysisJob['patterns'], part?: AnalysisJob['part']): AnalysisJob {
  const f = s.files[file];
  return {
    analysis,
    path: f.fsPath,
    label: f.info.path,
    file,
    chunks: f.index.exportChunks(),
    format: f.info.format,
    encoding: f.info.encoding,
    offsetMinutes: f.info.offsetMinutes,
    unitSize: f.unitSize,
    patterns,
    part,
  };
}

async function runJob<T>(e: Engine, job: AnalysisJob, signal?: AbortSignal): Promise<T> {
  const out = await e.pool.run<T | null>({ kind: 'analysis', job }, () => {}, signal);
  if (!out) throw new AppError('cancelled', 'The analysis was cancelled.');
  return out;
}

export async function analyse<T>(e: Engine, s: Session, file: number, analysis: AnalysisJob['analysis'], signal?: AbortSignal, patterns?: AnalysisJob['patterns']): Promise<T> {
  return runJob<T>(e, jobOf(s, file, analysis, patterns), signal);
}

/**
 * An analysis whose reader can start afresh part-way (analysis-job.ts `part`): a big file is cut into one
 * part per worker, read at once, and the results joined in file order by `join`.
 */
export async function analyseInParts<T>(e: Engine, s: Session, file: number, analysis: AnalysisJob['analysis'], join: (a: T, b: T) => T, signal?: AbortSignal, patterns?: AnalysisJob['patterns']): Promise<T> {
  const f = s.files[file];
  const count = f.index.count;
  // An event log is read whole by its own reader (EVTX chunks), never in record parts.
  const parts = count < SPLIT_RECORDS || f.info.format === 'evtx' ? 1 : e.pool.size;
  if (parts <= 1) return analyse<T>(e, s, file, analysis, signal, patterns);
  const cuts = Array.from({ length: parts + 1 }, (_, k) => Math.round((count * k) / parts));
  const outs: T[] = await Promise.all(cuts.slice(1).map((to, k) => runJob<T>(e, jobOf(s, file, analysis, patterns, { from: cuts[k], to: k === parts - 1 ? count : to }), signal)));
  return outs.reduce((a, b) => join(a, b));
}

/**
 * An app log's IME timeline (ime/app-cut.ts): a big file's literals are surveyed in one part per worker
 * at once (ime/app-survey.ts), then one worker reads the runs it keeps from the joined surveys.
 */
export async function appLogTimeline<T>(e: Engine, s: Session, file: number, signal?: AbortSignal): Promise<T> {
  const job = jobOf(s, file, 'ime');
  const count = s.files[file].index.count;
  const parts = count < SPLIT_RECORDS || !surveyedInParts(job) ? 1 : e.pool.size;
  if (parts <= 1) return runJob<T>(e, job, signal);
  const cuts = Array.from({ length: parts + 1 }, (_, k) => Math.round((count * k) / parts));
  const surveys = await Promise.all(cuts.slice(1).map((to, k) => runJob<AppSurveyPart>(e, { ...job, survey: true, part: { from: cuts[k], to: k === parts - 1 ? count : to } }, signal)));
  return runJob<T>(e, { ...job, surveys }, signal);
}

/** Reassignment attempts in the session's DeviceReassignment logs (or every file if none is named so). */
export async function explainReassignments(e: Engine, s: Session, signal?: AbortSignal, patterns?: AnalysisJob['patterns']): Promise<ReassignmentAttempt[]> {
  await settled(s);
  const named = s.files.filter((f) => /devicereassignment/i.test(basename(f.info.path)));
  const attempts: ReassignmentAttempt[] = [];
  for (const f of named.length ? named : s.files) attempts.push(...(await analyse<ReassignmentAttempt[]>(e, s, s.files.indexOf(f), 'reassignment', signal, patterns)));
  return attempts;
}

/** Win32 apps seen in the session's IME logs (AppWorkload, IntuneManagementExtension), with their errors. */
export async function win32Apps(e: Engine, s: Session, signal?: AbortSignal): Promise<Win32AppAttempt[]> {
  await settled(s);
  const out: Win32AppAttempt[] = [];
  for (const [file, f] of s.files.entries()) {
    if (!/^(appworkload|intunemanagementextension)/i.test(basename(f.info.path.replace(/^.*!\//, '')))) continue;
    out.push(...(await analyse<Win32AppAttempt[]>(e, s, file, 'win32', signal)));
  }
  return out;
}
