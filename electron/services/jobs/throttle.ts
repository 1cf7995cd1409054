// Pacing for Graph's Intune write limit: a token bucket kept just under the limit so a sliding 20 s window
// never sees more than the allowed count. The limit is per app per tenant, so other technicians' jobs may
// be spending it too: a 429 stops every caller for Retry-After and slows the pace (once per episode, not
// once per call that was in flight), and each success creeps it back up slowly, so two pacers sharing one
// limit settle near their shares instead of each assuming all of it.
import type { Clock } from './clock.ts';

export interface RateLimit {
  /** Calls allowed per window (Intune writes: 200 per app). */
  count: number;
  windowMs: number;
}

/** Graph's Intune "devices" write limit per app (intune-graph.md). */
export const intuneWriteLimit: RateLimit = { count: 200, windowMs: 20_000 };

/**
 * How the pace answers 429s: × slowDown per episode, never below floor × the full rate, + creepUp × the
 * full rate per success. Chosen on the two-runner test (shared-budget.test.ts): 96 % of the limit together
 * with about 40 429s in five simulated minutes, where 0.75 / +1 % gave 95 % with about 270.
 */
export const pacing = { slowDown: 0.8, floor: 0.25, creepUp: 0.001 };

export interface TokenBucketOptions {
  limit: RateLimit;
  /** Fraction of the limit to aim for; burst + rate × window stays within the limit. */
  headroom?: number;
  burst?: number;
  clock: Clock;
}

export class TokenBucket {
  private readonly maxRate: number; // tokens per ms
  private rate: number;
  private readonly burst: number;
  private tokens: number;
  private last: number;
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  throttled = 0;

  constructor(private readonly opts: TokenBucketOptions) {
    const headroom = opts.headroom ?? 0.98;
    const { count, windowMs } = opts.limit;
    // A burst of at least 2 absorbs timer lateness (a capped bucket would otherwise lose it for good);
    // burst + rate × window stays within the limit, so a sliding window never sees too many.
    this.burst = opts.burst ?? Math.max(1, Math.min(Math.max(2, Math.floor(count * 0.025)), Math.floor(count / 4)));
    this.maxRate = Math.max(count * headroom - this.burst, count / 2) / windowMs;
    this.rate = this.maxRate;
    this.tokens = this.burst;
    this.last = opts.clock.now();
  }

  get ratePerSecond(): number {
    return this.rate * 1000;
  }

  /** Waits for one token; callers are served in order. */
  take(signal: AbortSignal): Promise<void> {
    const next = this.queue.then(() => this.takeNow(signal));
    this.queue = next.catch(() => {});
    return next;
  }

  private async takeNow(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = this.opts.clock.now();
      if (now < this.blockedUntil) {
        await this.opts.clock.sleep(this.blockedUntil - now, signal);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.rate);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.opts.clock.sleep(Math.ceil((1 - this.tokens) / this.rate), signal);
    }
  }

  /** A 429: stop every caller for `waitMs` (Retry-After, or a back-off) and slow down. */
  onThrottled(waitMs: number): void {
    this.throttled++;
    const now = this.opts.clock.now();
    // one slow-down per episode: the other calls in flight when the first 429 came answer the same
    if (now >= this.blockedUntil) this.rate = Math.max(this.maxRate * pacing.floor, this.rate * pacing.slowDown);
    this.blockedUntil = Math.max(this.blockedUntil, now + waitMs);
    this.tokens = 0;
  }

  /** A success: recover a little of the rate given up after a 429 (all of it after about 200 successes from 0.8). */
  onSuccess(): void {
    if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + this.maxRate * pacing.creepUp);
  }
}

/** Exponential back-off with jitter: 1 s, 2 s, 4 s … capped at 60 s (for 429s without Retry-After, 5xx). */
export function backoffMs(attempt: number, baseMs = 1000, random: () => number = Math.random): number {
  const ceiling = Math.min(60_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
