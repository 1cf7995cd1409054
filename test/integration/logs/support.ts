// The logs handlers over a real LogsService for the freeze and race tests, and a main-thread ping: a
// handler answer every few ms, its lateness recorded (it is late only when main's event loop is busy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArgOf, ResultOf } from '../../../electron/common/ipc/contract.ts';
import type { LogProgress } from '../../../electron/common/logs.ts';
import { logsHandlers, type LogsHandlers } from '../../../electron/services/handlers/logs-handlers.ts';
import { LogsService, type LogsServiceOptions } from '../../../electron/services/logs/service.ts';
import { SettingsStore } from '../../../electron/services/settings/settings-store.ts';

type Channel = Exclude<keyof LogsHandlers, 'offer' | 'openDownloaded' | 'dispose'>;

export interface HandlersRig {
  dir: string;
  h: LogsHandlers;
  /** One handler call as the router makes it (always a promise). */
  call<K extends Channel>(name: K, arg: ArgOf<K>): Promise<ResultOf<K>>;
  close(): Promise<void>;
}

/** `onProgress` sees the progress events the handlers send (task id and progress), `logError` what they log. */
export function handlersRig(opts: Partial<LogsServiceOptions> = {}, onProgress: (task: string | null, p: LogProgress) => void = () => {}, logError?: (what: string, err: unknown) => void): HandlersRig {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-logs-rig-'));
  const logs = new LogsService({ tempDir: dir, ...opts });
  const h = logsHandlers({ logs, settings: new SettingsStore(join(dir, 'data')), dialogs: undefined, demoBundle: undefined, progress: (_s, task, p) => onProgress(task, p), logError });
  const ctx = { signal: new AbortController().signal };
  return {
    dir,
    h,
    call: async (name, arg) => (h[name] as (a: typeof arg, c: typeof ctx) => unknown)(arg, ctx) as never,
    close: async () => {
      await h.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Pings main through `answer` every `everyMs` until stopped. `worst` is the longest wait for an answer
 * (wall clock: on a loaded machine it also counts time the OS gave main's thread no core), `longestBusy`
 * the longest time main's event loop ran code between two pings (what main itself spent: it does not
 * depend on the machine's load), and `busy` main's share of running code over the whole time, 0 to 1.
 */
export function pingMain(answer: () => unknown, everyMs = 10): { stop(): { worst: number; longestBusy: number; pings: number; busy: number } } {
  const start = performance.eventLoopUtilization();
  let last = start;
  let worst = 0, longestBusy = 0, pings = 0, timer: NodeJS.Timeout | undefined, stopped = false;
  const tick = (due: number): void => {
    timer = setTimeout(() => {
      answer();
      worst = Math.max(worst, performance.now() - due);
      const now = performance.eventLoopUtilization();
      longestBusy = Math.max(longestBusy, performance.eventLoopUtilization(now, last).active);
      last = now;
      pings++;
      if (!stopped) tick(performance.now() + everyMs);
    }, everyMs);
  };
  tick(performance.now() + everyMs);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      return { worst, longestBusy, pings, busy: performance.eventLoopUtilization(start).utilization };
    },
  };
}
