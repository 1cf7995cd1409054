// `sdh logs stats` and `sdh logs search` on plain files, without a session: no index is built, kept or
// shipped between threads. Stats count records on the CLI's workers (count-scan.ts: the indexer's scanner
// from the indexer's split points, so the counts are the session's), search finds hits first and records
// after (quick-search.ts). Folders, zips, zip entries, event logs and UTF-16 files return null: the
// caller opens those as a session. Nothing here loads the app's services or zod, so the command starts
// about as fast as node does.
import { closeSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AppError } from '../../common/app-error.ts';
import type { LogFileStats, LogLevel, LogTextQuery } from '../../common/logs.ts';
import { logLevels } from '../../common/log-levels.ts';
import { splitNear, type CountJob, type CountResult, type TimedRecord } from '../logs/count-scan.ts';
import { sniffBytes } from '../logs/indexer.ts';
import { quickSearch, type QuickSearchFile } from '../logs/quick-search.ts';
import type { CliIo } from './command.ts';
import { CliWorkers, cliWorkersTs } from './worker-jobs.ts';

/** As a session: the format is told from the first 256 KB (opening.ts), a file is cut in parts from 64 MB (indexing.ts). */
const SNIFF_BYTES = 256 * 1024;
const countedInParts = (size: number): boolean => size >= 64 * 1024 * 1024;
/** As quick-search.ts: one byte range up to 8 MB. */
const searchedInParts = (size: number): boolean => size > 8 << 20;

interface PlainFile {
  path: string;
  size: number;
}

/**
 * The paths as regular files, or null. `follow`: a link to a file counts as one (search has always taken
 * them); stats leave links to the session, which refuses them as it always did.
 */
function plainFiles(io: CliIo, paths: string[], follow: boolean): PlainFile[] | null {
  const out: PlainFile[] = [];
  for (const p of paths) {
    const path = resolve(io.cwd, p);
    const st = (follow ? statSync : lstatSync)(path, { throwIfNoEntry: false });
    if (!st?.isFile() || /\.zip$/i.test(path) || /\.zip!\//i.test(path)) return null;
    out.push({ path, size: st.size });
  }
  return out;
}

/** Workers for the largest file (one unless a file is big enough to be cut), started before any file is read. */
function startWorkers(io: CliIo, kind: 'count' | 'search', files: PlainFile[], inParts: (size: number) => boolean): CliWorkers {
  const most = Math.max(1, Math.min(2, availableParallelism()));
  const n = files.some((f) => inParts(f.size)) ? most : 1;
  return new CliWorkers((io.cliWorkerUrls ?? cliWorkersTs)[kind], n);
}

function readHead(path: string, size: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // unreadable: the session says why, as a problem with this file
  }
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** `logs search` without an index, or null when some path needs a session. */
export async function searchFiles(io: CliIo, paths: string[], text: LogTextQuery, levels: LogLevel[] | undefined, keep: number): Promise<QuickSearchFile[] | null> {
  const files = plainFiles(io, paths, true);
  if (!files) return null;
  const workers = startWorkers(io, 'search', files, searchedInParts);
  try {
    const found: QuickSearchFile[] = [];
    for (const f of files) {
      const r = await quickSearch(workers, f.path, text, levels, keep, io.signal);
      if (!r) return null;
      found.push(r);
    }
    return found;
  } finally {
    await workers.close();
  }
}

/** `logs stats` without an index, or null when some path needs a session. */
export async function countStats(io: CliIo, paths: string[]): Promise<LogFileStats[] | null> {
  const files = plainFiles(io, paths, false);
  if (!files) return null;
  const workers = startWorkers(io, 'count', files, countedInParts);
  try {
    const heads = files.map((f) => readHead(f.path, f.size));
    const sniffed = heads.map((h) => (h ? sniffBytes(h) : null));
    if (sniffed.some((s) => !s || s.format === 'evtx' || s.unitSize !== 1)) return null;
    // The time reader loads while the workers count.
    const reader = import('./record-time.ts');
    const out: LogFileStats[] = [];
    for (const [k, f] of files.entries()) {
      const { format, encoding, bomBytes } = sniffed[k] as NonNullable<(typeof sniffed)[number]>;
      const parts = await countInParts(workers, f, format, bomBytes, io.signal);
      const levelCounts = parts[0].levelCounts.map((_, i) => parts.reduce((a, p) => a + p.levelCounts[i], 0));
      const levels = Object.fromEntries(logLevels.map((l, i) => [l, levelCounts[i]])) as Record<(typeof logLevels)[number], number>;
      const { recordTime } = await reader;
      const timeOf = (r: TimedRecord | null): string | null => recordTime(f.path, format, encoding, r);
      // The same fields in the same order as the session's stats (queries.ts).
      out.push({
        path: f.path,
        format,
        encoding,
        bytes: f.size,
        records: parts.reduce((a, p) => a + p.records, 0),
        levels: { error: levels.error, warning: levels.warning, info: levels.info, verbose: levels.verbose, debug: levels.debug, fatal: levels.fatal, none: levels.none },
        first: timeOf(parts.find((p) => p.firstTimed)?.firstTimed ?? null),
        last: timeOf(parts.findLast((p) => p.lastTimed)?.lastTimed ?? null),
        unparsed: levels.unparsed,
      });
    }
    return out;
  } finally {
    await workers.close();
  }
}

/** Counts a file in one part per worker, cut where the session's indexing cuts it (indexing.ts). */
async function countInParts(workers: CliWorkers, f: PlainFile, format: CountJob['format'], bomBytes: number, signal: AbortSignal): Promise<CountResult[]> {
  const n = countedInParts(f.size) ? workers.size : 1;
  const bounds = [0];
  for (let k = 1; k < n; k++) {
    const at = splitNear(f.path, format, Math.floor((f.size * k) / n));
    if (at !== null && at > bounds[bounds.length - 1] && at < f.size) bounds.push(at);
  }
  bounds.push(f.size);
  const parts = await Promise.all(bounds.slice(1).map((end, k) => workers.run<CountResult>({ kind: 'count', job: { path: f.path, format, startByte: bounds[k], endByte: end, bomBytes } }, undefined, signal)));
  if (parts.some((p) => p.stopped)) {
    throw new AppError('cancelled', 'Counting the records was cancelled.');
  }
  return parts;
}
