// The lookup channels of the contract: searches stream their steps as events and can be cancelled by
// request id; cache syncs report progress.
import type { LookupPartial } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import type { Handlers } from '../router/router.ts';
import type { Lookup } from '../lookup/connect.ts';
import { syncIntune, syncWs1, type SyncProgress } from '../cache/sync.ts';

export interface LookupHandlerDeps {
  /** The current tenant's lookup (it changes when the technician switches tenants). */
  lookup: () => Lookup;
  /** Settles when the cache refresh after connecting is done; searches wait for it a few seconds at most. */
  warmUp?: () => Promise<unknown>;
  partial(p: LookupPartial): void;
  syncProgress(p: SyncProgress): void;
}

export function lookupHandlers(d: LookupHandlerDeps): Pick<Handlers, 'lookupSearch' | 'lookupCancel' | 'cacheSync' | 'cacheSyncCancel' | 'cacheStatus'> & { dispose(): void } {
  const running = new Map<string, AbortController>();
  let syncing: AbortController | null = null;

  return {
    lookupSearch: async ({ requestId, ...request }) => {
      if (d.warmUp) await settledWithin(d.warmUp(), 3000);
      running.get(requestId)?.abort();
      const controller = new AbortController();
      running.set(requestId, controller);
      try {
        return await d.lookup().service.search(request, { requestId, signal: controller.signal, onPartial: d.partial });
      } finally {
        if (running.get(requestId) === controller) running.delete(requestId);
      }
    },
    lookupCancel: ({ requestId }) => {
      running.get(requestId)?.abort();
      return null;
    },
    cacheSync: async ({ kind }) => {
      const { cache, intune, ws1 } = d.lookup();
      if (!cache) throw new AppError('unavailable', 'The offline cache is not available.');
      if (syncing) throw new AppError('not_allowed', 'A sync is already running.');
      syncing = new AbortController();
      try {
        const o = { kind, signal: syncing.signal, onProgress: d.syncProgress };
        const results = await Promise.all([intune ? syncIntune(cache, intune, o) : null, ws1 ? syncWs1(cache, ws1, o) : null]);
        return results.filter((r) => r !== null);
      } catch (err) {
        if (syncing.signal.aborted) throw new AppError('cancelled', 'The sync was stopped; what was fetched so far is kept.');
        throw err;
      } finally {
        syncing = null;
      }
    },
    cacheSyncCancel: () => {
      syncing?.abort();
      return null;
    },
    cacheStatus: () => d.lookup().cache?.cacheAge() ?? { intune: null, ws1: null },
    dispose: () => {
      for (const c of running.values()) c.abort();
      syncing?.abort();
    },
  };
}

/** Waits for `p` to settle, but no longer than `ms` (and leaves no timer behind). */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
