// Worker threads for one CLI command: started at once (while the command still reads the file's head),
// each runs one job at a time of the CLI's own workers (count-worker.ts, search-worker.ts), and all end
// with the command. Like
// the app's WorkerPool (worker-host.ts), a cancelled job sees its shared stop flag and a job still busy
// after a short grace is terminated; unlike it, nothing here loads zod (AppError comes from the zod-free
// app-error.ts), which keeps `sdh logs stats` and `search` quick to start.
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../common/app-error.ts';
import type { WorkerMessage } from '../logs/worker-host.ts';
import { CANCEL_GRACE_MS, startWorker } from '../logs/worker-start.ts';
import type { CountJob } from '../logs/count-scan.ts';
import type { HitScanJob } from '../logs/hit-scan.ts';

/** The TypeScript entries (tests, and `sdh` under tsx); the build passes dist/cli/count-worker.cjs and search-worker.cjs. */
export const cliWorkersTs = { count: new URL('./count-worker.ts', import.meta.url), search: new URL('./search-worker.ts', import.meta.url) };


type JobInput = { kind: 'count'; job: CountJob } | { kind: 'hits'; job: HitScanJob };

interface Waiting {
  job: JobInput;
  signal?: AbortSignal;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const appError = (code: ErrorCode, message: string, detail?: string): AppError => new AppError(code, message, detail);

export class CliWorkers {
  private readonly idle: Worker[] = [];
  private readonly queue: Waiting[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 1;

  constructor(
    private readonly url: URL,
    /** Workers started now (jobs beyond them wait for one to be free). */
    readonly size: number,
  ) {
    for (let k = 0; k < size; k++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const w = startWorker(this.url);
    this.all.add(w);
    // A worker that fails while idle leaves the pool (a busy one also fails its job, see dispatch); without
    // a listener its 'error' event would take the whole process down.
    const leave = (): void => {
      this.all.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
    };
    w.on('error', leave);
    w.on('exit', leave);
    return w;
  }

  /** Runs a job on a free worker; `onMessage` is there for the shape of WorkerPool.run (no progress is sent). */
  run<T>(job: JobInput, _onMessage?: (msg: WorkerMessage) => void, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, signal, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Gives waiting jobs to free workers, starting new ones in place of any lost. */
  private pump(): void {
    while (this.queue.length) {
      let w = this.idle.pop();
      if (!w) {
        if (this.all.size >= this.size) return;
        w = this.spawn();
      }
      this.dispatch(w, this.queue.shift() as Waiting);
    }
  }

  private dispatch(w: Worker, p: Waiting): void {
    if (p.signal?.aborted) {
      this.idle.push(w);
      p.reject(appError('cancelled', 'The log task was cancelled.'));
      return;
    }
    const id = this.nextId++;
    const stop = new SharedArrayBuffer(4);
    let grace: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (free: boolean): void => {
      settled = true;
      clearTimeout(grace);
      p.signal?.removeEventListener('abort', onAbort);
      w.off('message', onMsg);
      w.off('error', onError);
      w.off('exit', onExit);
      if (free) this.idle.push(w);
      else {
        this.all.delete(w);
        void w.terminate();
      }
    };
    const fail = (code: ErrorCode, message: string, detail?: string): void => {
      p.reject(appError(code, message, detail));
      this.pump();
    };
    const onAbort = (): void => {
      Atomics.store(new Int32Array(stop), 0, 1);
      // The job ignored its stop flag: end its worker; a later job gets a fresh one.
      grace = setTimeout(() => {
        if (settled) return;
        finish(false);
        fail('cancelled', 'The log task was cancelled.');
      }, CANCEL_GRACE_MS);
    };
    const onMsg = (msg: WorkerMessage): void => {
      if (msg.id !== id || settled) return;
      if (msg.type === 'done') {
        finish(true);
        p.resolve(msg.result);
        this.pump();
      } else if (msg.type === 'error') {
        finish(true);
        fail('internal', 'The log worker failed.', String(msg.message));
      }
    };
    const onError = (err: Error): void => {
      if (settled) return;
      finish(false);
      fail('internal', 'The log worker stopped unexpectedly.', err.message);
    };
    const onExit = (code: number): void => {
      if (settled) return;
      finish(false);
      fail('internal', 'The log worker stopped unexpectedly.', `exit ${code}`);
    };
    p.signal?.addEventListener('abort', onAbort, { once: true });
    w.on('message', onMsg);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage({ id, job: { ...p.job, stop } });
  }

  /** Ends every worker (the command is done). */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(appError('cancelled', 'The command ended.'));
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
