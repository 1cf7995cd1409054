// The e2e stand-in for the preload: the same buildApi over a Playwright binding. Runs in the page.
import { buildApi } from '../../../electron/common/ipc/build-api.ts';
import type { Result } from '../../../electron/common/errors.ts';

type Bound = Window & {
  __sdhInvoke(channel: string, arg: unknown): Promise<Result<unknown>>;
  __sdhEmit(channel: string, payload: unknown): void;
};
const w = window as unknown as Bound;
const listeners = new Map<string, Set<(p: unknown) => void>>();

w.__sdhEmit = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};

Object.defineProperty(window, 'helpdesk', {
  value: buildApi({
    invoke: (channel, arg) => w.__sdhInvoke(channel, arg),
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  }),
});
