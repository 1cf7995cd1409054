// A small pool of long-lived worker threads for index and filter jobs (a worker start costs ~0.2 s under
// tsx, more than a whole small job). Idle workers are unref'd so they never keep a CLI process alive.
// The entry is injectable: a `.ts` URL is loaded through tsx (development, tests, CLI); the packaged app
// passes its bundled `.mjs`.
import type { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type AppErrorValue } from '../../common/app-error.ts';
import type { WorkerJob } from './worker.ts';
import { CANCEL_GRACE_MS, startWorker } from './worker-start.ts';

export { CANCEL_GRACE_MS };

export const defaultWorkerUrl = new URL('./worker.ts', import.meta.url);

export interface WorkerMessage {
  type: string;
  id: number;
  [k: string]: unknown;
}

type JobInput = Omit<WorkerJob, 'stop'> & Record<string, unknown>;

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Fails the running job when the worker stops under it. */
  lost?: (why: string) => void;
}

interface Pending {
  job: JobInput;
  onMessage: (msg: WorkerMessage) => void;
  signal?: AbortSignal;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  /** Called when a worker takes the job. */
  started?: () => void;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly url: URL,
    readonly size: number,
  ) {}

  /** Starts the workers ahead of the first job. */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.url), busy: false };
    slot.worker.unref();
    // A worker that fails (it could not load, or crashed), busy or idle, leaves the pool and fails its job;
    // the next job starts another. Without a listener its 'error' event would take the whole process down.
    const leave = (why: string): void => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.lost?.(why);
    };
    slot.worker.on('error', (err) => leave(err.message));
    slot.worker.on('exit', (code) => leave(`exit ${code}`));
    return slot;
  }

  run<T>(job: JobInput, onMessage: (msg: WorkerMessage) => void, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'The log task was cancelled.'));
    if (this.closed) return Promise.reject(new AppError('cancelled', 'The logs service is shutting down.'));
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { job, onMessage, signal, resolve: resolve as (v: unknown) => void, reject };
      // Cancelled while still waiting for a worker: leave the queue at once.
      const leaveQueue = (): void => {
        const i = this.queue.indexOf(p);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(new AppError('cancelled', 'The log task was cancelled.'));
      };
      signal?.addEventListener('abort', leaveQueue, { once: true });
      p.started = () => signal?.removeEventListener('abort', leaveQueue);
      this.queue.push(p);
      this.pump();
    });
  }

  private pump(): void {
    if (!this.queue.length) return;
    this.warm();
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const p = this.queue.shift();
      if (!p) return;
      this.dispatch(slot, p);
    }
  }

  private dispatch(slot: Slot, p: Pending): void {
    const id = this.nextId++;
    p.started?.();
    const stop = new SharedArrayBuffer(4);
    const w = slot.worker;
    slot.busy = true;
    w.ref();
    let grace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      Atomics.store(new Int32Array(stop), 0, 1);
      grace = setTimeout(() => {
        // The job ignored its stop flag: end the worker; the pool starts a fresh one for the next job.
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        cleanup(); // its 'exit' then finds no job to fail
        void w.terminate();
        p.reject(new AppError('cancelled', 'The log task was cancelled.'));
        this.pump();
      }, CANCEL_GRACE_MS);
    };
    p.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(grace);
      p.signal?.removeEventListener('abort', onAbort);
      w.off('message', onMsg);
      slot.lost = undefined;
      slot.busy = false;
      w.unref();
    };
    const onMsg = (msg: WorkerMessage): void => {
      if (msg.id !== id) return;
      if (msg.type === 'done') {
        cleanup();
        p.resolve(msg.summary ?? msg.result);
        this.pump();
      } else if (msg.type === 'error') {
        cleanup();
        // An AppError the job threw comes as its value (worker.ts); its code is checked, it crossed a thread.
        const said = msg.said as AppErrorValue | undefined;
        p.reject(said && errorCodes.includes(said.code) ? new AppError(said.code, said.message) : new AppError('internal', 'The log worker failed.', String(msg.message)));
        this.pump();
      } else p.onMessage(msg);
    };
    slot.lost = (why) => {
      cleanup();
      void w.terminate();
      p.reject(new AppError('internal', 'The log worker stopped unexpectedly.', why));
      this.pump();
    };
    w.on('message', onMsg);
    w.postMessage({ id, job: { ...p.job, stop } });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new AppError('cancelled', 'The logs service is shutting down.'));
    // An idle worker is unref'd: ref it while it stops, or the process could end with close() pending
    // (a worker replaced after a cancel may still be starting).
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.worker.ref();
        return s.worker.terminate();
      }),
    );
  }
}
