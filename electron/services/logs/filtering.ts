// Filtering a session: each file's records are tested on the log workers, whatever the file's size (a
// user's pattern never runs on main; a big span is cut into one record range per worker); the matches
// become a view.
import { AppError } from '../../common/errors.ts';
import { logLevels, type LogFilterResult, type LogFilterSpec, type LogProgress } from '../../common/logs.ts';
import type { FileFilter, FilterJob } from './filter.ts';
import { settled, type Engine, type FileState, type Session } from './session.ts';
import { keepView, positionsInBase, viewOf } from './session-views.ts';
import { FilteredView } from './views.ts';
import type { WorkerMessage } from './worker-host.ts';
import { JobBudget } from './job-budget.ts';
import { V8_BUDGET_MS, v8BudgetMessage } from './user-regex.ts';

const cancelled = (): AppError => new AppError('cancelled', 'The log task was cancelled.');

/** `p`, or a cancelled error as soon as `signal` aborts (waiting for indexing is cancellable too). */
export function untilAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function concat(parts: Uint32Array[]): Uint32Array {
  const all = new Uint32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

function fileFilter(spec: LogFilterSpec, f: FileState): FileFilter {
  const off = f.info.offsetMinutes * 60;
  return {
    levels: spec.levels ? logLevels.map((l) => spec.levels?.includes(l) ?? true) : null,
    fromSec: spec.fromMs !== undefined ? Math.floor(spec.fromMs / 1000) - off : null,
    toSec: spec.toMs !== undefined ? Math.floor(spec.toMs / 1000) - off : null,
    ranges: spec.timeRanges ? spec.timeRanges.map((r) => [Math.floor(r.fromMs / 1000) - off, Math.floor(r.toMs / 1000) - off]) : null,
    text: spec.text ? { pattern: spec.text.pattern, regex: spec.text.regex ?? false, caseSensitive: spec.text.caseSensitive ?? false } : null,
    components: spec.components ?? null,
    threads: spec.threads ?? null,
    like: spec.like ?? null,
  };
}

/** Record numbers in [from, to) of one file that match `spec` (at most `limit`). */
export async function filterFile(e: Engine, s: Session, file: number, spec: LogFilterSpec, from: number, to: number, limit: number, onMatches: (n: number, scanned: number) => void, signal?: AbortSignal): Promise<Uint32Array> {
  const f = s.files[file];
  await untilAborted(f.indexed, signal);
  const base: FilterJob = {
    path: f.fsPath,
    encoding: f.info.encoding,
    format: f.info.format,
    chunks: f.index.exportChunks(),
    filter: fileFilter(spec, f),
    from,
    to: Math.min(to, f.index.count),
    limit,
  };
  const span = base.to - from;
  if (signal?.aborted) throw cancelled();
  // Big spans are cut into one record range per worker; results come back in range order.
  const n = span > 100_000 && limit === Infinity ? e.pool.size : 1;
  const ranges = Array.from({ length: n }, (_, k) => [from + Math.floor((span * k) / n), from + Math.floor((span * (k + 1)) / n)]);
  const matches = ranges.map(() => 0), scanned = ranges.map(() => 0);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  // A pattern only V8 can run (lookaround, backreferences) gets a time budget; its worker is ended after it.
  const budget = new JobBudget(e.opts.backtrackingBudgetMs ?? V8_BUDGET_MS, signal);
  const stop = budget.signal;
  const results = await Promise.all(
    ranges.map(async ([a, b], k) => {
      const parts: Uint32Array[] = [];
      const res = await e.pool.run<{ matches: number; scanned: number; stopped: boolean }>(
        { kind: 'filter', job: { ...base, from: a, to: b } },
        (msg: WorkerMessage) => {
          if (msg.type === 'matches') parts.push(msg.indices as Uint32Array);
          else if (msg.type === 'backtracking') budget.start();
          else if (msg.type === 'progress') {
            matches[k] = msg.matches as number;
            scanned[k] = msg.scanned as number;
            onMatches(sum(matches), sum(scanned));
          }
        },
        stop,
      );
      if (res.stopped && stop.aborted) throw new AppError('cancelled', 'The filter was cancelled.');
      matches[k] = res.matches;
      scanned[k] = res.scanned;
      return parts;
    }),
  ).catch((err: unknown) => {
    if (budget.spent) throw new AppError('timeout', v8BudgetMessage(budget.ms));
    throw err;
  }).finally(() => budget.end());
  onMatches(sum(matches), sum(scanned));
  // One copy of the matches, from the workers' batches straight into the result (not per range first).
  return concat(results.flat());
}

/** Filters the session's records; counts stream through `onProgress`; the result is a view. */
export async function filterSession(e: Engine, s: Session, spec: LogFilterSpec, onProgress?: (p: LogProgress) => void, signal?: AbortSignal): Promise<LogFilterResult> {
  await untilAborted(settled(s), signal);
  const files = s.files.map((_, i) => i).filter((i) => !spec.files || spec.files.includes(i));
  const counts = new Map<number, number>();
  const scannedBy = new Map<number, number>();
  const bytesTotal = s.files.reduce((a, f) => a + f.info.bytes, 0);
  const report = (done: boolean): void => {
    const matches = [...counts.values()].reduce((a, b) => a + b, 0);
    const scanned = [...scannedBy.values()].reduce((a, b) => a + b, 0);
    onProgress?.({ phase: 'filter', bytesDone: done ? bytesTotal : 0, bytesTotal, records: scanned, matches, done });
  };
  const perFile = new Map<number, Uint32Array>();
  for (const i of files) {
    perFile.set(i, await filterFile(e, s, i, spec, 0, Infinity, Infinity, (m, sc) => (counts.set(i, m), scannedBy.set(i, sc), report(false)), signal));
  }
  const base = viewOf(s);
  let positions: Uint32Array;
  if (s.files.length === 1) positions = perFile.get(0) ?? new Uint32Array(0);
  else positions = positionsInBase(s, perFile);
  const viewId = keepView(s, new FilteredView(base, positions));
  report(true);
  return { viewId, matches: positions.length, scannedRecords: [...scannedBy.values()].reduce((a, b) => a + b, 0) };
}
