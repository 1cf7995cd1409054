// Time as a dependency, so pacing and give-up times can be tested with a scaled or fake clock.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  now(): number;
  /** Resolves after ms, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A signal of its own for one wait: it aborts with `signal`, but its abort listener sits on the new
 * signal (AbortSignal.any keeps its sources by weak reference, adding no listener to them) and goes with
 * it when the wait ends. Many workers of a job waiting at once then never pile listeners onto the job's
 * one signal (the "MaxListenersExceededWarning: 11 abort listeners" of issue 16).
 */
export function waitSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  return signal && AbortSignal.any([signal]);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    if (ms <= 0) {
      signal?.throwIfAborted();
      return;
    }
    await delay(ms, undefined, { signal: waitSignal(signal) });
  },
};
