// The logs handlers over a real LogsService for the freeze and race tests, and a main-thread ping: a
// handler answer every few ms, its lateness recorded (it is late only when main's event loop is busy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArgOf, ResultOf } from '../../../electron/common/ipc/contract.ts';
import { logsHandlers, type LogsHandlers } from '../../../electron/services/handlers/logs-handlers.ts';
import { LogsService, type LogsServiceOptions } from '../../../electron/services/logs/service.ts';
import { SettingsStore } from '../../../electron/services/settings/settings-store.ts';

type Channel = Exclude<keyof LogsHandlers, 'offer' | 'dispose'>;

export interface HandlersRig {
  dir: string;
  h: LogsHandlers;
  /** One handler call as the router makes it (always a promise). */
  call<K extends Channel>(name: K, arg: ArgOf<K>): Promise<ResultOf<K>>;
  close(): Promise<void>;
}

export function handlersRig(opts: Partial<LogsServiceOptions> = {}): HandlersRig {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-logs-rig-'));
  const logs = new LogsService({ tempDir: dir, ...opts });
  const h = logsHandlers({ logs, settings: new SettingsStore(join(dir, 'data')), dialogs: undefined, demoBundle: undefined, progress: () => {} });
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
 * Pings main through `answer` every `everyMs` until stopped; `worst` is the longest wait for an answer,
 * `busy` the share of the time main's event loop was running code (not waiting), from 0 to 1.
 */
export function pingMain(answer: () => unknown, everyMs = 10): { stop(): { worst: number; pings: number; busy: number } } {
  const elu = performance.eventLoopUtilization();
  let worst = 0, pings = 0, timer: NodeJS.Timeout | undefined, stopped = false;
  const tick = (due: number): void => {
    timer = setTimeout(() => {
      answer();
      worst = Math.max(worst, performance.now() - due);
      pings++;
      if (!stopped) tick(performance.now() + everyMs);
    }, everyMs);
  };
  tick(performance.now() + everyMs);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      return { worst, pings, busy: performance.eventLoopUtilization(elu).utilization };
    },
  };
}
