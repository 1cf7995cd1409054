// What a log session holds (its files, each with its record index, the merged view, the filter results
// kept) and what every part of the logs engine shares: the options and the worker pool.
import type { LogFileInfo, LogFormat, LogProgress, LogSessionInfo } from '../../common/logs.ts';
import type { RecordIndex } from './index-store.ts';
import type { IndexSummary } from './indexer.ts';
import type { ZipLimits } from './sources.ts';
import type { FilteredView, MergedView } from './views.ts';
import type { WorkerPool } from './worker-host.ts';

export interface LogsServiceOptions {
  /** Where zip entries are extracted (a private folder is made inside and removed on close). */
  tempDir: string;
  /** Worker entry; the packaged app points this at its bundled `.mjs`. */
  workerUrl?: URL;
  zipLimits?: Partial<ZipLimits>;
  /** Folder and zip patterns, e.g. `*.log`. */
  include?: string[];
  /** Largest message returned in a window; longer ones come back truncated (see `detail`). */
  maxMessageChars?: number;
  /** Bytes read up front so the first screen does not wait for the worker. */
  firstScreenBytes?: number;
  /**
   * Files smaller than this many bytes are indexed in the calling thread (tests only; default 0: every
   * file is indexed on a log worker, the first screen being scanned here from its first bytes). Filter,
   * find, merge and analyses always run on the workers.
   */
  inProcessBytes?: number;
  /** Worker threads (default: up to 2). A big file is indexed and searched in that many parts. */
  workers?: number;
  /** Files above this are indexed in parts, one per worker (default 64 MB). */
  splitBytes?: number;
  /** How long a pattern that needs V8 (lookaround, backreferences) may run per file (default V8_BUDGET_MS). */
  backtrackingBudgetMs?: number;
  /** Where the technician's extra reassignment step patterns are kept (none: in memory only). */
  stepPatternsFile?: string;
  /**
   * Index chunks go to spill files in a session folder under `tempDir` (index-spill.ts), so memory stays
   * flat as files grow (default true; false keeps every chunk in memory).
   */
  spillIndex?: boolean;
  /** Told what went wrong without failing anything (an index chunk that could not be spilled stays in memory). */
  warn?: (message: string) => void;
}

export interface OpenOptions {
  signal?: AbortSignal;
  onProgress?: (p: LogProgress) => void;
  /** Force a format instead of detecting it. */
  format?: LogFormat;
}

/** The parts of the service every module uses. */
export interface Engine {
  readonly opts: LogsServiceOptions;
  readonly pool: WorkerPool;
  /** Largest message in a window. */
  readonly maxChars: number;
  /** Below this many bytes, a file is indexed in the calling thread. */
  readonly inProcessBytes: number;
  /** The start-up sweep of extraction folders left by ended processes. */
  readonly swept?: Promise<unknown>;
}

export interface FileState {
  info: LogFileInfo;
  fsPath: string;
  unitSize: 1 | 2;
  index: RecordIndex;
  /** Records of the first bytes, scanned in main while the worker starts. */
  early: RecordIndex;
  summary: IndexSummary | null;
  indexed: Promise<void>;
  /** Inode seen at open, to notice a rotated (replaced) file. */
  ino: number;
  /** A new spill file's path in the session's spill folder (none: the index stays in memory). */
  spillFile?: (name: string) => string;
}

export interface Session {
  id: string;
  files: FileState[];
  problems: string[];
  cleanup: () => Promise<void>;
  abort: AbortController;
  merged: MergedView | null;
  mergedReady: Promise<void>;
  views: Map<string, FilteredView>;
}

/** Progress of indexing one file: bytes done, records so far, finished. */
export type IndexReport = (bytesDone: number, records: number, done: boolean) => void;

export function sessionInfo(s: Session): LogSessionInfo {
  return { id: s.id, files: s.files.map((f) => f.info), problems: s.problems };
}

/** The worker's index once it has caught up with the first screen's. */
export function currentIndex(f: FileState): RecordIndex {
  return f.summary || f.index.count >= f.early.count ? f.index : f.early;
}

/** Resolves when every file is indexed (and merged, for several files). */
export async function settled(s: Session): Promise<void> {
  await Promise.all(s.files.map((f) => f.indexed));
  await s.mergedReady;
}
