// Discrete-event time: sleeps wait on a simulated timeline that jumps to the next timer once every task is
// blocked. Pacing is then measured in simulated seconds, independent of how busy the machine is.
import type { Clock } from '../../../../electron/services/jobs/clock.ts';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class SimClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private pumping = false;

  constructor(start = Date.parse('2026-11-23T08:00:00Z')) {
    this.t = start;
  }

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve };
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer.fire = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.timers.push(timer);
      this.pump();
    });

  /** After the current macrotask (and its microtasks) settle, fire the earliest timer. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      if (!this.timers.length) return;
      let i = 0;
      for (let j = 1; j < this.timers.length; j++) {
        const a = this.timers[j];
        const b = this.timers[i];
        if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) i = j;
      }
      const [next] = this.timers.splice(i, 1);
      this.t = Math.max(this.t, next.at);
      next.fire();
      this.pump();
    });
  }
}
