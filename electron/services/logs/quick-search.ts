// `sdh logs search` on files that have no index: each file is cut into one byte range per worker, the
// workers find the hits first and the records around them after (hit-scan.ts), and the ranges' results
// are joined (a record two ranges share counts once). Records are known by byte offset, not by number
// (numbering them would mean indexing the file). Event logs and UTF-16 files are not handled here: the
// caller opens them as a session instead.
import { AppError } from '../../common/app-error.ts';
import { logLevels } from '../../common/log-levels.ts';
import type { LogFormat, LogLevel, LogRecord, LogTextQuery } from '../../common/logs.ts';
import type { HitScanJob, HitScanResult } from './hit-scan.ts';
import { sniffFile } from './indexer.ts';

/**
 * Workers that run hit scans: the app's WorkerPool (worker-host.ts), or the CLI's own (cli/worker-jobs.ts,
 * which starts quicker). Nothing here loads zod (AppError comes from app-error.ts), for the same reason.
 */
export interface HitScanWorkers {
  readonly size: number;
  run<T>(job: { kind: 'hits'; job: HitScanJob }, onMessage: () => void, signal?: AbortSignal): Promise<T>;
}

export interface QuickSearchFile {
  path: string;
  format: LogFormat;
  matches: number;
  /** The first `keep` matching records; `index` is 0, `offset` says where each one is. */
  records: LogRecord[];
}

/** Null when a file needs a session (an event log, UTF-16). `parts` overrides the ranges (tests). */
export async function quickSearch(pool: HitScanWorkers, path: string, text: LogTextQuery, levels: LogLevel[] | undefined, keep: number, signal?: AbortSignal, parts?: number): Promise<QuickSearchFile | null> {
  const sniffed = sniffFile(path);
  if (sniffed.format === 'evtx' || sniffed.unitSize === 2) return null;
  const base: Omit<HitScanJob, 'start' | 'end'> = {
    path,
    format: sniffed.format,
    encoding: sniffed.encoding,
    bomBytes: sniffed.bomBytes,
    size: sniffed.size,
    text,
    levels: levels ? logLevels.map((l) => levels.includes(l)) : null,
    keep,
    maxChars: 4096,
  };
  const n = parts ?? (sniffed.size > 8 << 20 ? pool.size : 1);
  const results = await Promise.all(
    Array.from({ length: n }, (_, k) => {
      const job: HitScanJob = { ...base, start: Math.floor((sniffed.size * k) / n), end: Math.floor((sniffed.size * (k + 1)) / n) };
      return pool.run<HitScanResult>({ kind: 'hits', job }, () => {}, signal);
    }),
  );
  if (results.some((r) => r.stopped)) {
    throw new AppError('cancelled', 'The search was cancelled.');
  }
  let matches = 0, last = -1;
  const records: LogRecord[] = [];
  for (const r of results) {
    const shared = r.first >= 0 && r.first === last;
    matches += r.matches - (shared ? 1 : 0);
    records.push(...(shared ? r.records.slice(1) : r.records));
    if (r.last >= 0) last = r.last;
  }
  return { path, format: sniffed.format, matches, records: records.slice(0, keep) };
}
