// Builds the time order of a multi-file session in a log worker (main only receives it): each file's
// index crosses as its chunks (shared memory); ties within a second are broken by the milliseconds read
// from the records (SubSecondReader), through the worker's own file descriptors.
import { closeSync, openSync, readSync } from 'node:fs';
import type { ChunkMessage } from './index-chunk.ts';
import { RecordIndex } from './index-store.ts';
import { SubSecondReader, mergeOrder, type MergeOrder } from './views.ts';

export interface MergeJob {
  files: { chunks: ChunkMessage[]; offsetSec: number; fsPath: string; cmtrace: boolean; utf16: boolean }[];
}

/** The merge order, or null when stopped. */
export function runMerge(job: MergeJob, shouldStop: () => boolean): MergeOrder | null {
  const indexes = job.files.map((f) => RecordIndex.fromChunks(f.chunks));
  const fds: number[] = [];
  try {
    for (const f of job.files) fds.push(openSync(f.fsPath, 'r'));
    const readers = job.files.map((f, i) => new SubSecondReader((buf, pos) => readSync(fds[i], buf, 0, buf.length, pos), f.cmtrace, f.utf16));
    return mergeOrder(
      indexes,
      job.files.map((f) => f.offsetSec),
      (file, r) => readers[file].ms(r),
      shouldStop,
    );
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}
