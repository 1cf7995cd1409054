// Tail mode: a file that grew has its new bytes indexed on a log worker (its last record is read again,
// it may have been half written); a file that shrank or was replaced (rotation) is indexed again from
// scratch. Main never scans the bytes itself: a file that grows by a gigabyte between two steps would
// otherwise hold it for seconds.
import { stat } from 'node:fs/promises';
import { AppError } from '../../common/errors.ts';
import type { LogProgress } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { RecordIndex } from './index-store.ts';
import { indexWhole, unionColumns } from './indexing.ts';
import type { IndexSummary } from './indexer.ts';
import type { Engine, FileState, Session } from './session.ts';
import { remerge } from './session-views.ts';
import type { WorkerMessage } from './worker-host.ts';

/**
 * Indexes bytes [from, size) of `f` on a log worker. Its chunks are kept aside until the job has ended,
 * so a failed step (the file became unreadable) leaves the index as it was.
 */
async function indexAppended(e: Engine, f: FileState, from: number, size: number, report: (bytesDone: number, records: number) => void, signal: AbortSignal): Promise<{ summary: IndexSummary; chunks: ChunkMessage[] }> {
  const chunks: ChunkMessage[] = [];
  const summary = await e.pool.run<IndexSummary>(
    { kind: 'index', path: f.fsPath, format: f.info.format, startByte: from, endByte: size },
    (msg: WorkerMessage) => {
      if (msg.type === 'chunks') for (const c of msg.chunks as ChunkMessage[]) chunks[c.seq] = c; // a chunk is sent again as it fills
      else if (msg.type === 'progress') report(msg.bytesDone as number, msg.records as number);
    },
    signal,
  );
  if (summary.stopped) throw new AppError('cancelled', 'Following the file stopped: its log session was closed.');
  return { summary, chunks };
}

/** Files that could not be read at the last step (deleted, moved, renamed): said once, not every second. */
const goneFiles = new WeakSet<FileState>();

/** What tail mode says when followed files can no longer be read (`names` as the session lists them). */
export const goneMessage = (names: string[]): string =>
  `${names.join(', ')} can no longer be read (deleted, moved or renamed). What was read stays here; tail mode reads ${names.length > 1 ? 'them' : 'it'} again if ${names.length > 1 ? 'they come' : 'it comes'} back.`;

/**
 * One step: resolves to true when anything changed. `onGone` hears of files that became unreadable at
 * this step (once each, until they can be read again).
 */
export async function refreshSession(e: Engine, s: Session, onProgress?: (p: LogProgress) => void, onGone?: (names: string[]) => void): Promise<boolean> {
  await Promise.all(s.files.map((f) => f.indexed));
  let changed = false, reindexed = false;
  const gone: string[] = [];
  for (const [n, f] of s.files.entries()) {
    const st = await stat(f.fsPath).catch(() => null);
    if (!st && !goneFiles.has(f)) {
      goneFiles.add(f);
      gone.push(f.info.path.replace(/^.*[\\/]/, ''));
    } else if (st) goneFiles.delete(f);
    if (!st || (st.ino === f.ino && st.size === f.info.bytes)) continue;
    changed = true;
    const report = (bytesDone: number, records: number, done: boolean): void => onProgress?.({ phase: 'index', file: n, bytesDone, bytesTotal: st.size, records, done });
    // An event log is rewritten in place (chunks fill, wrap around): read it again whole.
    if (st.ino !== f.ino || st.size < f.info.bytes || f.info.format === 'evtx') {
      reindexed = true;
      f.ino = st.ino;
      f.info.bytes = st.size;
      f.index = new RecordIndex();
      f.early = new RecordIndex();
      f.summary = null;
      f.indexed = indexWhole(e, f, st.size, report, s.abort.signal).then((summary) => {
        f.summary = summary;
        f.info.filled = summary.columns;
      });
      try {
        await f.indexed;
      } catch (err) {
        // The next step reads it again from scratch (no inode matches -1), instead of every later step
        // failing on this one's rejected promise.
        f.ino = -1;
        f.indexed = Promise.resolve();
        throw err;
      }
      continue;
    }
    const last = f.index.get(f.index.count - 1);
    const from = last?.offset ?? 0;
    const { summary: tail, chunks } = await indexAppended(e, f, from, st.size, (done, records) => report(done, (last ? f.index.count - 1 : 0) + records, false), s.abort.signal);
    // The last record is replaced by its new reading (it may have been half written), in one synchronous step.
    const prev = f.summary;
    if (last && prev) prev.levelCounts[last.level]--;
    f.index.truncate(f.index.count - 1);
    const seqBase = f.index.chunkCount;
    for (const c of chunks) if (c) f.index.accept(c, seqBase);
    f.info.bytes = st.size;
    if (prev) {
      prev.records = f.index.count;
      prev.bytes = st.size;
      tail.levelCounts.forEach((c, i) => (prev.levelCounts[i] += c));
      if (prev.columns && tail.columns) f.info.filled = prev.columns = unionColumns([prev.columns, tail.columns]);
    }
    report(st.size, f.index.count, true);
  }
  if (gone.length) onGone?.(gone);
  if (reindexed) s.views.clear();
  if (changed && s.files.length > 1) await (s.mergedReady = remerge(e, s, onProgress));
  return changed;
}

/**
 * Calls `step` every `intervalMs` (never two at once) while `open()`; `onChange` after a step that changed
 * anything, `onError` when a step failed (the file became unreadable, say); following goes on, so a file
 * that comes back is followed again.
 */
export function followFiles(open: () => boolean, step: () => Promise<boolean>, onChange: () => void, intervalMs: number, onError: (err: unknown) => void): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !open()) return;
    busy = true;
    step()
      .then((changed) => changed && onChange())
      .catch((err: unknown) => open() && onError(err))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
