// Worker thread entry: runs index, merge, filter, walk (next error, histogram), hit scan,
// match spans (highlighting) and analysis jobs one at a time and reports by messages tagged with the
// job id. Cancellation is a shared flag (the job loops are synchronous, so messages could not reach them).
import { parentPort } from 'node:worker_threads';
import { runAnalysis, type AnalysisJob } from './analysis-job.ts';
import { indexFile } from './indexer.ts';
import { runFilter, type FilterJob } from './filter.ts';
import { runWalk, type WalkJob } from './walk-job.ts';
import { runHitScan, type HitScanJob } from './hit-scan.ts';
import { runSpans, type SpansJob } from './spans-job.ts';
import { runMerge, type MergeJob } from './merge-job.ts';
import type { ChunkMessage } from './index-chunk.ts';
import { spillingSink } from './index-spill.ts';
import type { LogFormat } from '../../common/logs.ts';
import { AppError } from '../../common/app-error.ts';

export type WorkerJob =
  /** `spill`: a file for the full chunks (index-spill.ts); without it they stay in memory. */
  | { kind: 'index'; path: string; format?: LogFormat; startByte?: number; endByte?: number; spill?: string; stop: SharedArrayBuffer }
  | { kind: 'filter'; job: FilterJob; stop: SharedArrayBuffer }
  | { kind: 'analysis'; job: AnalysisJob; stop: SharedArrayBuffer }
  | { kind: 'walk'; job: WalkJob; stop: SharedArrayBuffer }
  | { kind: 'hits'; job: HitScanJob; stop: SharedArrayBuffer }
  | { kind: 'spans'; job: SpansJob; stop: SharedArrayBuffer }
  | { kind: 'merge'; job: MergeJob; stop: SharedArrayBuffer };

const PROGRESS_MS = 100;

function run(id: number, job: WorkerJob): void {
  const port = parentPort;
  if (!port) return;
  const stop = new Int32Array(job.stop);
  const shouldStop = (): boolean => Atomics.load(stop, 0) !== 0;
  let last = 0;
  const due = (): boolean => {
    const now = Date.now();
    if (now - last < PROGRESS_MS) return false;
    last = now;
    return true;
  };
  if (job.kind === 'index') {
    // Chunks go out with the progress ticks, a batch at a time (one message per 16,384 records kept the
    // main thread busy); the first one goes at once so early windows fill quickly.
    let batch: ChunkMessage[] = [];
    let sent = false;
    const send = (): void => {
      if (batch.length) port.postMessage({ id, type: 'chunks', chunks: batch });
      batch = [];
      sent = true;
    };
    const sink = spillingSink(job.spill, (chunk) => {
      batch.push(chunk);
      if (!sent) send();
    });
    let summary: ReturnType<typeof indexFile>;
    try {
      summary = indexFile({
        path: job.path,
        format: job.format,
        startByte: job.startByte,
        endByte: job.endByte,
        shouldStop,
        onChunk: sink.onChunk,
        onProgress: (bytesDone, records) => {
          if (!due()) return;
          send();
          port.postMessage({ id, type: 'progress', bytesDone, records });
        },
      });
    } finally {
      sink.close();
    }
    send();
    port.postMessage({ id, type: 'done', summary });
    return;
  }
  if (job.kind === 'hits') {
    const result = runHitScan(job.job, shouldStop, (bytesDone, matches) => due() && port.postMessage({ id, type: 'progress', bytesDone, matches }));
    port.postMessage({ id, type: 'done', result });
    return;
  }
  if (job.kind === 'spans') {
    port.postMessage({ id, type: 'started' }); // the host's time budget for marking starts now, not while queued
    port.postMessage({ id, type: 'done', result: runSpans(job.job, shouldStop) });
    return;
  }
  if (job.kind === 'merge') {
    const order = runMerge(job.job, shouldStop);
    port.postMessage({ id, type: 'done', result: order }, order ? [order.fileOf.buffer as ArrayBuffer, order.checkpoints.buffer as ArrayBuffer] : []);
    return;
  }
  if (job.kind === 'walk') {
    port.postMessage({ id, type: 'done', result: runWalk(job.job, shouldStop) });
    return;
  }
  if (job.kind === 'analysis') {
    port.postMessage({ id, type: 'done', result: runAnalysis(job.job, shouldStop) });
    return;
  }
  const result = runFilter(job.job, {
    shouldStop,
    onMatches: (indices) => port.postMessage({ id, type: 'matches', indices }, [indices.buffer as ArrayBuffer]),
    onProgress: (scanned, bytesDone, matches) => due() && port.postMessage({ id, type: 'progress', scanned, bytesDone, matches }),
    onBacktracking: () => port.postMessage({ id, type: 'backtracking' }),
  });
  port.postMessage({ id, type: 'done', result });
}

parentPort?.on('message', (msg: { id: number; job: WorkerJob }) => {
  try {
    run(msg.id, msg.job);
  } catch (err) {
    // An AppError (a pattern neither engine reads, say) is said to the technician as it is; anything else is a bug.
    const said = err instanceof AppError ? err.toValue() : undefined;
    parentPort?.postMessage({ id: msg.id, type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err), said });
  }
});
