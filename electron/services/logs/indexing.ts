// Indexing a session's file: small files in the calling thread, others in a worker, and big ones in
// parts on several workers (split at record starts), their chunks assembled in file order.
import { logColumns, type LogColumn, type LogFormat } from '../../common/logs.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { findSplit, indexFile, type IndexSummary } from './indexer.ts';
import type { Engine, FileState, IndexReport } from './session.ts';
import type { WorkerMessage } from './worker-host.ts';

/** Indexes the file's first `size` bytes into `f.index`. */
export function indexWhole(e: Engine, f: FileState, size: number, report: IndexReport, signal: AbortSignal): Promise<IndexSummary> {
  if (size <= e.inProcessBytes) return Promise.resolve().then(() => indexFile({ path: f.fsPath, format: f.info.format, endByte: size, onChunk: (m) => f.index.accept(m) }));
  return indexInParts(e, f, f.info.format, size, report, signal);
}

/** Columns filled in any part, in the viewer's column order. */
export function unionColumns(parts: LogColumn[][]): LogColumn[] {
  const any = new Set(parts.flat());
  return logColumns.filter((c) => any.has(c));
}

/** Indexes in one worker, or in parts on several (split at record starts), assembling in file order. */
async function indexInParts(e: Engine, state: FileState, format: LogFormat, size: number, report: IndexReport, signal: AbortSignal): Promise<IndexSummary> {
  const n = state.unitSize === 1 && size >= (e.opts.splitBytes ?? 64 * 1024 * 1024) ? e.pool.size : 1;
  const bounds = [0];
  for (let k = 1; k < n; k++) {
    const at = findSplit(state.fsPath, format, Math.floor((size * k) / n));
    if (at !== null && at > bounds[bounds.length - 1] && at < size) bounds.push(at);
  }
  bounds.push(size);
  const parts = bounds.length - 1;
  // Part k's chunks wait until parts before it are complete, then follow them.
  const seqBase: (number | null)[] = bounds.slice(1).map((_, k) => (k === 0 ? 0 : null));
  const held: ChunkMessage[][] = bounds.slice(1).map(() => []);
  const done: boolean[] = bounds.slice(1).map(() => false);
  const progress = new Array<number>(parts).fill(0), records = new Array<number>(parts).fill(0);
  const release = (): void => {
    for (let k = 1; k < parts; k++) {
      if (seqBase[k] === null && done.slice(0, k).every(Boolean)) {
        seqBase[k] = state.index.chunkCount;
        for (const m of held[k].splice(0)) state.index.accept(m, seqBase[k] ?? 0);
      }
    }
  };
  let warned = false;
  const summaries = await Promise.all(
    bounds.slice(1).map((end, k) =>
      e.pool
        .run<IndexSummary>(
          // Full chunks are written to a spill file by the worker and come back as where they lie.
          { kind: 'index', path: state.fsPath, format, startByte: bounds[k], endByte: end, spill: state.spillFile?.(`part${k}`) },
          (msg: WorkerMessage) => {
            if (msg.type === 'chunks') {
              const base = seqBase[k];
              for (const chunk of msg.chunks as ChunkMessage[]) {
                if (chunk.spillError && !warned) {
                  warned = true;
                  e.opts.warn?.(`Index of ${state.info.path}: a chunk could not be written to its spill file (${chunk.spillError}); such chunks are kept in memory.`);
                }
                if (base === null) held[k].push(chunk);
                else state.index.accept(chunk, base);
              }
            } else if (msg.type === 'progress') {
              progress[k] = (msg.bytesDone as number) - bounds[k];
              records[k] = msg.records as number;
              report(progress.reduce((a, b) => a + b, 0), records.reduce((a, b) => a + b, 0), false);
            }
          },
          signal,
        )
        .then((summary) => {
          done[k] = true;
          release();
          return summary;
        }),
    ),
  );
  return {
    ...summaries[0],
    bytes: size,
    records: summaries.reduce((a, x) => a + x.records, 0),
    levelCounts: summaries[0].levelCounts.map((_, i) => summaries.reduce((a, x) => a + x.levelCounts[i], 0)),
    stopped: summaries.some((x) => x.stopped),
    columns: summaries.every((x) => x.columns) ? unionColumns(summaries.map((x) => x.columns ?? [])) : undefined,
  };
}
