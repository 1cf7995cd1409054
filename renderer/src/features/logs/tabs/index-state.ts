// Which files of each session are still being indexed. Files index on a log worker, so a small file's
// index can finish before its tab exists: a "done" that arrives early is kept until the tab opens, and
// the tab says "indexing" until every file's index is done (never a partial count that looks final).
import type { LogProgress, LogSessionInfo } from '../../../../../electron/common/logs.ts';

const early = new Map<string, Set<number>>();
const waiting = new Map<string, Set<number>>();
/** Sessions whose tab never opened (opened for another area and dropped) are forgotten oldest first. */
const EARLY_KEPT = 32;

/** A file's index finished before its session had a tab. */
export function noteEarlyDone(session: string, file: number): void {
  const files = early.get(session) ?? new Set<number>();
  files.add(file);
  early.delete(session);
  early.set(session, files);
  while (early.size > EARLY_KEPT) early.delete(early.keys().next().value as string);
}

/** The progress a new tab starts with: indexing, unless every file's index is already done. */
export function startIndexing(info: LogSessionInfo): LogProgress | null {
  const done = early.get(info.id) ?? new Set<number>();
  early.delete(info.id);
  const left = new Set(info.files.flatMap((f, n) => (f.filled || done.has(n) ? [] : [n])));
  if (!left.size) return null;
  waiting.set(info.id, left);
  const bytesTotal = info.files.reduce((sum, f, n) => sum + (left.has(n) ? f.bytes : 0), 0);
  return { phase: 'index', bytesDone: 0, bytesTotal, records: 0, done: false };
}

/** A file's index is done; true when no file of the session is still being indexed. */
export function indexDone(session: string, file: number): boolean {
  const left = waiting.get(session);
  if (!left) return true;
  left.delete(file);
  if (left.size) return false;
  waiting.delete(session);
  return true;
}

export function forgetIndexing(session: string): void {
  early.delete(session);
  waiting.delete(session);
}
