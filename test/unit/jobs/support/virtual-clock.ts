// A clock whose sleeps advance time at once: pacing and give-up times become deterministic and instant.
import type { Clock } from '../../../../electron/services/jobs/clock.ts';

export interface VirtualClock extends Clock {
  advance(ms: number): void;
}

export function virtualClock(start = Date.parse('2026-11-23T08:00:00Z')): VirtualClock {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      t += Math.max(0, ms);
      await Promise.resolve();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
