// The logs service: sessions over files, folders and zips; indexing in worker threads while the first
// records are already served; windows, filters, find, histogram, stats and the reassignment explainer.
// A thin facade over modules with one job each: opening.ts (open/close), indexing.ts, tail.ts (tail mode),
// session-views.ts (merge, filter results), reading.ts (windows, detail), filtering.ts, queries.ts (find,
// levels, histogram, stats) and analyses.ts (reassignment and IME).
import { availableParallelism } from 'node:os';
import type { BundleFacts } from '../../common/bundle-facts.ts';
import { AppError } from '../../common/errors.ts';
import type {
  HistogramBucket,
  LogFileStats,
  LogFilterResult,
  LogFilterSpec,
  LogFindResult,
  LogLevel,
  LogProgress,
  LogRecord,
  LogSessionInfo,
  LogTextQuery,
  ReassignmentAttempt,
  Win32AppAttempt,
} from '../../common/logs.ts';
import { explainReassignments, win32Apps } from './analyses.ts';
import { bundleFactsOf } from './formats/bundle-facts.ts';
import { removeLeftoverExtractions } from './extraction-folders.ts';
import { removeLeftoverSpills } from './index-spill.ts';
import { filterSession } from './filtering.ts';
import { findMatch, firstTimedPosition, positionOf } from './find-matches.ts';
import { closeSession, openSession } from './opening.ts';
import { find, histogram, nextLevel, stats } from './queries.ts';
import { quickSearch, type QuickSearchFile } from './quick-search.ts';
import { markTexts } from './spans.ts';
import { nearestHit, type NearestHit } from './nearest-hit.ts';
import { readDetail, readWindow } from './reading.ts';
import { sessionInfo, settled, type Engine, type LogsServiceOptions, type OpenOptions, type Session } from './session.ts';
import { positionsInBase, remerge, viewOf } from './session-views.ts';
import { followFiles, refreshSession } from './tail.ts';
import { WorkerPool, defaultWorkerUrl } from './worker-host.ts';
import type { GuidName, ImeTimeline, UserSession } from '../../common/logs-insight.ts';
import { imeTimeline } from './ime/session-timeline.ts';
import { ExtraStepPatterns } from './reassignment/extra-patterns.ts';
import { userSessions } from './sessions/user-sessions.ts';

export type { LogsServiceOptions, OpenOptions } from './session.ts';

export class LogsService {
  private readonly sessions = new Map<string, Session>();
  private readonly engine: Engine;
  /** The technician's extra reassignment step patterns (Settings), used by explain and the user sessions. */
  readonly stepPatterns: ExtraStepPatterns;

  constructor(opts: LogsServiceOptions) {
    this.engine = {
      opts,
      pool: new WorkerPool(opts.workerUrl ?? defaultWorkerUrl, opts.workers ?? Math.max(1, Math.min(2, availableParallelism()))),
      maxChars: opts.maxMessageChars ?? 256 * 1024,
      inProcessBytes: opts.inProcessBytes ?? 0,
      swept: Promise.all([removeLeftoverExtractions(opts.tempDir), removeLeftoverSpills(opts.tempDir)]),
    };
    this.stepPatterns = new ExtraStepPatterns(opts.stepPatternsFile ?? null);
  }

  /** Opens files, folders, zips and `a.zip!/entry` paths. Resolves once the first records can be shown. */
  async open(sources: string[], o: OpenOptions = {}): Promise<LogSessionInfo> {
    const s = await openSession(this.engine, sources, o);
    this.sessions.set(s.id, s);
    return sessionInfo(s);
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new AppError('not_found', 'This log session is closed; open the logs again.');
    return s;
  }

  /** The session's files as opened (path, size, format). */
  info(id: string): LogSessionInfo {
    return sessionInfo(this.session(id));
  }

  /** Resolves when every file is indexed (and merged, for several files). */
  async whenIndexed(id: string): Promise<LogSessionInfo> {
    const s = this.session(id);
    await settled(s);
    return sessionInfo(s);
  }

  count(id: string, viewId?: string): number {
    return viewOf(this.session(id), viewId).count();
  }

  /** Records at view positions [first, first + count). */
  async window(id: string, first: number, count: number, viewId?: string): Promise<{ total: number; records: LogRecord[] }> {
    return readWindow(this.engine, this.session(id), first, count, viewId);
  }

  /** One record with up to `maxChars` of its message (the detail pane). */
  async detail(id: string, position: number, viewId?: string, maxChars = 16 * 1024 * 1024): Promise<LogRecord | null> {
    return readDetail(this.session(id), position, viewId, maxChars);
  }

  /** Sets a file's time offset for merged views and rebuilds the merge. */
  async setOffset(id: string, file: number, minutes: number, onProgress?: (p: LogProgress) => void): Promise<void> {
    const s = this.session(id);
    const f = s.files[file];
    if (!f) throw new AppError('bad_argument', 'No such file in this session.');
    f.info.offsetMinutes = minutes;
    if (s.files.length > 1) await (s.mergedReady = remerge(this.engine, s, onProgress));
  }

  /** Filters the session's records; counts stream through `onProgress`; the result is a view for `window`. */
  async filter(id: string, spec: LogFilterSpec, onProgress?: (p: LogProgress) => void, signal?: AbortSignal): Promise<LogFilterResult> {
    return filterSession(this.engine, this.session(id), spec, onProgress, signal);
  }

  /**
   * Next (or previous) view position after (before) `from` whose record matches `spec`; null if none.
   * Runs on the view's records in blocks, so it stops at the first hit.
   */
  async find(id: string, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<number | null> {
    return find(this.engine, this.session(id), spec, from, direction, viewId, signal);
  }

  /** Find with "n of m": the next (previous) match after (before) `from` (-1: the start), its rank and the view's match count. */
  async findMatch(id: string, spec: LogFilterSpec, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<LogFindResult> {
    return findMatch(this.engine, this.session(id), spec, from, direction, viewId, signal);
  }

  /** A file's record in a view, or (target 'first-timed') the base view's first record with a time; null when none. */
  locate(id: string, target: { file: number; index: number } | 'first-timed', viewId?: string): number | null {
    const s = this.session(id);
    return target === 'first-timed' ? firstTimedPosition(s) : positionOf(s, target, viewId);
  }

  /** The filter result's record nearest to a position among all records (the search pane follows the full view). */
  nearestHit(id: string, viewId: string, basePosition: number): NearestHit | null {
    return nearestHit(this.session(id), viewId, basePosition);
  }

  /** Next/previous record at one of `levels` (default error and fatal), from the index alone, on a log worker. */
  async nextLevel(id: string, from: number, direction: 'next' | 'previous', levels: string[] = ['error', 'fatal'], viewId?: string, signal?: AbortSignal): Promise<number | null> {
    return nextLevel(this.engine, this.session(id), from, direction, levels, viewId, signal);
  }

  /** Next/previous error or fatal record (F8-style jump), from the index alone, on a log worker. */
  async nextError(id: string, from: number, direction: 'next' | 'previous', viewId?: string, signal?: AbortSignal): Promise<number | null> {
    return this.nextLevel(id, from, direction, ['error', 'fatal'], viewId, signal);
  }

  /** Record and error counts over `buckets` equal time slices of the view, on a log worker. */
  async histogram(id: string, buckets = 100, viewId?: string, signal?: AbortSignal): Promise<HistogramBucket[]> {
    return histogram(this.engine, this.session(id), buckets, viewId, signal);
  }

  /** Where `text` matches in texts on screen (row messages, the detail pane), found on a log worker. */
  async markTexts(text: LogTextQuery, texts: string[], signal?: AbortSignal, budgetMs?: number): Promise<[number, number][][]> {
    return markTexts(this.engine, text, texts, signal, budgetMs);
  }

  /** Per-file statistics (waits for indexing). */
  async stats(id: string): Promise<LogFileStats[]> {
    return stats(this.session(id));
  }

  /** Reassignment attempts in the session's DeviceReassignment logs (or every file if none is named so). */
  async explain(id: string, signal?: AbortSignal): Promise<ReassignmentAttempt[]> {
    return explainReassignments(this.engine, this.session(id), signal, this.stepPatterns.get());
  }

  /** The IME timeline: Win32 app, script and remediation runs, named from the logs and `tenantNames`. */
  async imeTimeline(id: string, tenantNames: GuidName[] = [], signal?: AbortSignal): Promise<ImeTimeline> {
    return imeTimeline(this.engine, this.session(id), tenantNames, signal);
  }

  /** Where a file's record sits in the session's base view (all records, merged), or null. */
  positionOf(id: string, file: number, record: number): number | null {
    const s = this.session(id);
    if (!s.files[file] || record < 0 || record >= s.files[file].index.count) return null;
    return positionsInBase(s, new Map([[file, Uint32Array.of(record)]]))[0] ?? null;
  }

  /** Who was signed in when, from every file that says so. */
  async userSessions(id: string, signal?: AbortSignal): Promise<UserSession[]> {
    return userSessions(this.engine, this.session(id), this.stepPatterns.get(), signal);
  }

  /** Win32 apps seen in the session's IME logs (AppWorkload, IntuneManagementExtension), with their errors. */
  async win32Apps(id: string, signal?: AbortSignal): Promise<Win32AppAttempt[]> {
    return win32Apps(this.engine, this.session(id), signal);
  }

  /**
   * Searches one file without indexing it (the CLI's `logs search`): hits first, records around them
   * after, on the log workers. Null when the file needs a session (an event log, UTF-16).
   */
  async searchFile(path: string, text: LogTextQuery, levels: LogLevel[] | undefined, keep: number, signal?: AbortSignal, parts?: number): Promise<QuickSearchFile | null> {
    return quickSearch(this.engine.pool, path, text, levels, keep, signal, parts);
  }

  /** What the session's diagnostics-bundle files say about the device (dsregcmd: join state, PRT, diagnosis). */
  async bundleFacts(id: string): Promise<BundleFacts> {
    return bundleFactsOf(this.session(id).files.map((f) => ({ path: f.info.path, fsPath: f.fsPath, format: f.info.format, encoding: f.info.encoding })));
  }

  /** Stops workers and removes extracted zip entries. */
  async close(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    await closeSession(s);
  }

  /**
   * Tail mode, one step: a file that grew has its new bytes indexed (its last record is read again, it may
   * have been half written); a file that shrank or was replaced (rotation) is indexed again from scratch.
   * Resolves to true when anything changed.
   */
  async refresh(id: string, onProgress?: (p: LogProgress) => void): Promise<boolean> {
    return refreshSession(this.engine, this.session(id), onProgress);
  }

  /**
   * Follows the session's files (tail mode) until the returned function is called; `onError` hears a failed
   * step, `onGone` of files that can no longer be read (once each, until they are back).
   */
  follow(id: string, onChange: () => void, onError: (err: unknown) => void, intervalMs = 1000, onGone?: (names: string[]) => void): () => void {
    return followFiles(() => this.sessions.has(id), () => refreshSession(this.engine, this.session(id), undefined, onGone), onChange, intervalMs, onError);
  }

  /** Starts the worker threads ahead of the first file, so opening one does not wait for them. */
  warmUp(): void {
    this.engine.pool.warm();
  }

  /** Stops the worker threads (the service cannot be used afterwards). */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    await this.engine.pool.close();
  }

  /** Index size in bytes for all files of a session (benchmark). */
  indexBytes(id: string): number {
    return this.session(id).files.reduce((a, f) => a + f.index.memoryBytes(), 0);
  }
}
