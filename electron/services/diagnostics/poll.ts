// Waits for one diagnostics request to leave `pending`: polls the device's requests with a growing
// interval, treats a throttled or failed read as a reason to wait longer (Retry-After itself is honoured
// inside the HTTP layer), gives up after the window Intune gives a device, and stops at once when cancelled.
import { AppError } from '../../common/errors.ts';
import type { DiagnosticsRequest } from '../../common/diagnostics.ts';
import type { Clock } from '../jobs/clock.ts';

export interface PollTiming {
  /** The first wait after the request. */
  firstMs: number;
  /** Each wait is the previous one times this, up to maxMs. */
  factor: number;
  maxMs: number;
  /** After this long pending, the request counts as failed (the device never uploaded). */
  giveUpMs: number;
  /** Consecutive failed reads (network, 5xx, throttled) tolerated before the wait ends in an error. */
  maxReadFailures: number;
}

/** A real device uploads in minutes, or never: Intune fails a request the device did not get within 24 h. */
export const realPollTiming: PollTiming = { firstMs: 30_000, factor: 1.5, maxMs: 5 * 60_000, giveUpMs: 24 * 3_600_000, maxReadFailures: 8 };
/** The demo tenant compresses minutes to seconds. */
export const demoPollTiming: PollTiming = { firstMs: 1_000, factor: 1.5, maxMs: 3_000, giveUpMs: 10 * 60_000, maxReadFailures: 8 };

export interface PollOptions {
  list: (signal: AbortSignal) => Promise<DiagnosticsRequest[]>;
  requestId: string;
  clock: Clock;
  timing: PollTiming;
  signal: AbortSignal;
  /** Each status read (pending, then the final one). */
  onStatus?: (r: DiagnosticsRequest) => void;
}

const retryable = new Set(['throttled', 'unavailable', 'timeout']);

/** Resolves with the request once it is completed or failed; rejects `cancelled`, `timeout` or the read's error. */
export async function waitForCollection(o: PollOptions): Promise<DiagnosticsRequest> {
  const started = o.clock.now();
  let wait = o.timing.firstMs;
  let failures = 0;
  for (;;) {
    try {
      await o.clock.sleep(wait, o.signal);
    } catch {
      throw new AppError('cancelled', 'Stopped waiting for the diagnostics.');
    }
    let rows: DiagnosticsRequest[] | null = null;
    try {
      rows = await o.list(o.signal);
      failures = 0;
    } catch (err) {
      if (o.signal.aborted) throw new AppError('cancelled', 'Stopped waiting for the diagnostics.');
      if (!(err instanceof AppError) || !retryable.has(err.code) || ++failures > o.timing.maxReadFailures) throw err;
    }
    const found = rows?.find((r) => r.id === o.requestId);
    if (rows && !found) throw new AppError('not_found', 'Intune no longer lists this diagnostics request (it was deleted or has expired).');
    if (found) {
      o.onStatus?.(found);
      if (found.status !== 'pending') return found;
    }
    if (o.clock.now() - started >= o.timing.giveUpMs) {
      throw new AppError('timeout', 'The device has not uploaded its diagnostics in time: it is probably offline. Intune keeps the request; check again later.');
    }
    wait = Math.min(o.timing.maxMs, Math.round(wait * o.timing.factor));
  }
}
