// Sliding-window request limits, with an injectable clock so tests can step time.
export interface WindowLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface DemoLimits {
  /** Intune "devices" service, per app: 2,000 requests per 20 s (documented). */
  graphRequests: WindowLimit;
  /** Intune writes, per app: 200 per 20 s (documented). */
  graphWrites: WindowLimit;
  /** Workspace ONE publishes no limit; the demo allows this many calls per tenant (a choice, not a fact). */
  ws1Requests: WindowLimit;
  /** Every Nth Graph 429 comes without Retry-After ("some Intune calls omit it"); 0 = always send it. */
  graphOmitRetryAfterEvery: number;
}

export const defaultLimits: DemoLimits = {
  graphRequests: { max: 2_000, windowMs: 20_000 },
  graphWrites: { max: 200, windowMs: 20_000 },
  ws1Requests: { max: 500, windowMs: 60_000 },
  graphOmitRetryAfterEvery: 4,
};

export class SlidingWindow {
  private readonly stamps: number[] = [];
  private head = 0;

  constructor(private readonly limit: WindowLimit) {}

  /** Records a request at `now` if allowed; otherwise returns the ms until a slot frees up. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    const from = now - this.limit.windowMs;
    while (this.head < this.stamps.length && this.stamps[this.head] <= from) this.head++;
    if (this.head > 4096) {
      this.stamps.splice(0, this.head);
      this.head = 0;
    }
    if (this.stamps.length - this.head >= this.limit.max) {
      return { ok: false, waitMs: Math.max(1, this.stamps[this.head] + this.limit.windowMs - now) };
    }
    this.stamps.push(now);
    return { ok: true };
  }
}
