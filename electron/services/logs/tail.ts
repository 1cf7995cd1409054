// Tail mode: a file that grew has its new bytes indexed (its last record is read again, it may have been
// half written); a file that shrank or was replaced (rotation) is indexed again from scratch.
import { stat } from 'node:fs/promises';
import type { LogProgress } from '../../common/logs.ts';
import { RecordIndex } from './index-store.ts';
import { indexWhole, unionColumns } from './indexing.ts';
import { indexFile } from './indexer.ts';
import type { Engine, Session } from './session.ts';
import { remerge } from './session-views.ts';

/** One step: resolves to true when anything changed. */
export async function refreshSession(e: Engine, s: Session, onProgress?: (p: LogProgress) => void): Promise<boolean> {
  await Promise.all(s.files.map((f) => f.indexed));
  let changed = false, reindexed = false;
  for (const [n, f] of s.files.entries()) {
    const st = await stat(f.fsPath).catch(() => null);
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
      await f.indexed;
      continue;
    }
    const last = f.index.get(f.index.count - 1);
    const from = last?.offset ?? 0;
    const prev = f.summary;
    if (last && prev) prev.levelCounts[last.level]--;
    f.index.truncate(f.index.count - 1);
    const seqBase = f.index.chunkCount;
    const tail = indexFile({ path: f.fsPath, format: f.info.format, startByte: from, endByte: st.size, onChunk: (m) => f.index.accept(m, seqBase) });
    f.info.bytes = st.size;
    if (prev) {
      prev.records = f.index.count;
      prev.bytes = st.size;
      tail.levelCounts.forEach((c, i) => (prev.levelCounts[i] += c));
      if (prev.columns && tail.columns) f.info.filled = prev.columns = unionColumns([prev.columns, tail.columns]);
    }
    report(st.size, f.index.count, true);
  }
  if (reindexed) s.views.clear();
  if (changed && s.files.length > 1) await (s.mergedReady = remerge(e, s, onProgress));
  return changed;
}

/** Calls `step` every `intervalMs` (never two at once) while `open()`; `onChange` after a step that changed anything. */
export function followFiles(open: () => boolean, step: () => Promise<boolean>, onChange: () => void, intervalMs: number): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !open()) return;
    busy = true;
    step()
      .then((changed) => changed && onChange())
      .catch(() => {})
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
