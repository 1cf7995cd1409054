// A clock that never waits: each sleep is recorded and moves `now` on at once (or rejects when aborted),
// so poll and back-off tests read the waits instead of sleeping through them.
import type { Clock } from '../../../electron/services/jobs/clock.ts';

export interface RecordingClock extends Clock {
  sleeps: number[];
}

export function recordingClock(start = Date.UTC(2026, 11, 2, 9)): RecordingClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
      signal?.throwIfAborted();
    },
  };
}

/** A fetch that answers from a list of handlers in order and records every request it saw. */
export function scriptedFetch(answers: Array<(url: string, init: RequestInit) => Response | Promise<Response>>) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${init.method ?? 'GET'} ${url}`);
    return next(url, init);
  }) as typeof fetch;
  return { fetch: fetchFn, seen };
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
