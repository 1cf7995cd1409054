// The worker side of the CLI's own log workers (count-worker.ts, search-worker.ts): the protocol of the
// app's worker (worker.ts: `{ id, job: { kind, job, stop } }` in, `done` or `error` out, a shared flag that
// asks the running job to stop), for one kind of job. Each kind has its own small bundle, so a worker
// loads only what its job needs; its modules are imported statically, because a module esbuild loads
// lazily keeps its constants in mutable variables, which measured twice as slow in the scanner's loops.
import { parentPort } from 'node:worker_threads';

export interface CliJobMessage<J> {
  id: number;
  job: { kind: string; job: J; stop: SharedArrayBuffer };
}

export function serveJobs<J>(kind: string, run: (job: J, shouldStop: () => boolean) => unknown): void {
  parentPort?.on('message', (msg: CliJobMessage<J>) => {
    try {
      if (msg.job.kind !== kind) throw new Error(`this worker runs ${kind} jobs, not ${msg.job.kind}`);
      const stop = new Int32Array(msg.job.stop);
      parentPort?.postMessage({ id: msg.id, type: 'done', result: run(msg.job.job, () => Atomics.load(stop, 0) !== 0) });
    } catch (err) {
      parentPort?.postMessage({ id: msg.id, type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  });
}
