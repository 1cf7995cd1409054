// Rate and ETA for the progress bar: finished steps over a sliding window of the last 30 s.
import type { JobCounts } from '../../common/jobs.ts';

export class RateMeter {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs = 30_000) {}

  tick(now: number, n = 1): void {
    for (let i = 0; i < n; i++) this.times.push(now);
  }

  /** Steps per minute over the window (or since the first tick, if that is shorter). */
  perMinute(now: number): number {
    while (this.head < this.times.length && this.times[this.head] < now - this.windowMs) this.head++;
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    const n = this.times.length - this.head;
    if (n === 0) return 0;
    const span = Math.max(1000, now - this.times[this.head]);
    return (n * 60_000) / Math.min(this.windowMs, span);
  }
}

export function etaSeconds(counts: JobCounts, perMinute: number): number | null {
  const left = counts.planned + counts.inFlight;
  if (left === 0) return 0;
  return perMinute > 0 ? Math.round((left * 60) / perMinute) : null;
}
