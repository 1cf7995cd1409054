// The lookup channels of the contract: searches stream their steps as events and can be cancelled by
// request id; cache syncs report progress.
import type { LookupPartial, PendingChange } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import type { Handlers } from '../router/router.ts';
import type { Lookup } from '../lookup/connect.ts';
import type { KeptResult } from '../lookup/service.ts';
import { userDevices } from '../lookup/user-devices.ts';
import { syncIntune, syncWs1, type SyncProgress } from '../cache/sync.ts';
import { deviceKeyOf } from '../cache/signin-history.ts';

export interface LookupHandlerDeps {
  /** The current tenant's lookup (it changes when the technician switches tenants). */
  lookup: () => Lookup;
  /** Settles when the cache refresh after connecting is done; searches wait for it a few seconds at most. */
  warmUp?: () => Promise<unknown>;
  partial(p: LookupPartial): void;
  syncProgress(p: SyncProgress): void;
  /** Changes pending on devices (the jobs journal, lookup/pending-changes.ts). */
  pendingChanges?: () => PendingChange[];
  /** The Save dialog (null: cancelled); absent in the browser preview. */
  saveFile?: (suggestedName: string, content: string) => Promise<string | null>;
}

type LookupChannels =
  | 'lookupSearch'
  | 'lookupCancel'
  | 'lookupPage'
  | 'lookupTargets'
  | 'lookupUserDevices'
  | 'cacheSync' | 'cacheSyncCancel' | 'cacheStatus' | 'lookupPendingChanges' | 'lookupSignInHistory' | 'lookupExportCsv';

export function lookupHandlers(d: LookupHandlerDeps): Pick<Handlers, LookupChannels> & { dispose(): void } {
  const running = new Map<string, AbortController>();
  let syncing: AbortController | null = null;
  // The last few finished searches, for the list's further pages and "Change these N devices…".
  const kept = new Map<string, KeptResult>();
  const keep = (requestId: string) => (r: KeptResult) => {
    kept.delete(requestId);
    kept.set(requestId, r);
    for (const old of [...kept.keys()].slice(0, Math.max(0, kept.size - keptSearches))) kept.delete(old);
  };
  const keptResult = (requestId: string): KeptResult => {
    const r = kept.get(requestId);
    if (!r) throw new AppError('not_found', 'These results are no longer kept; search again.');
    return r;
  };

  return {
    lookupSearch: async ({ requestId, ...request }) => {
      if (d.warmUp) await settledWithin(d.warmUp(), 3000);
      running.get(requestId)?.abort();
      const controller = new AbortController();
      running.set(requestId, controller);
      try {
        return await d.lookup().service.search(request, { requestId, signal: controller.signal, onPartial: d.partial, keep: keep(requestId) });
      } finally {
        if (running.get(requestId) === controller) running.delete(requestId);
      }
    },
    lookupCancel: ({ requestId }) => {
      running.get(requestId)?.abort();
      return null;
    },
    lookupPage: ({ requestId, offset, count }) => {
      const r = keptResult(requestId);
      return { devices: r.page(offset, count), total: r.total };
    },
    lookupTargets: ({ requestId }) => keptResult(requestId).targets(),
    lookupUserDevices: ({ user, days }) => {
      const cache = d.lookup().cache;
      if (!cache) throw new AppError('unavailable', 'The offline cache is not available, so there is no sign-in history to ask.');
      return userDevices(cache, user, days);
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
    lookupPendingChanges: () => d.pendingChanges?.() ?? [],
    lookupSignInHistory: ({ serial, intuneId, ws1Id }) => {
      const history = d.lookup().cache?.history;
      if (!history) return [];
      // One device can be filed under its serial or, without one, under each platform's id.
      const keys = new Set([intuneId ? deviceKeyOf('intune', { id: intuneId, serial }) : null, ws1Id ? deviceKeyOf('ws1', { id: ws1Id, serial }) : null].filter((k): k is string => !!k));
      return [...keys].flatMap((k) => history.usersOf(k)).map(({ upn, deviceName, via, firstSeen, lastSeen }) => ({ upn, deviceName, via, firstSeen, lastSeen }));
    },
    lookupExportCsv: async ({ csv, suggestedName }) => {
      if (!d.saveFile) throw new AppError('not_allowed', 'The browser preview cannot save files; in the app this opens a Save dialog.');
      const path = await d.saveFile(suggestedName.replace(/[\\/:*?"<>|]/g, '_'), csv);
      return path ? { path } : null;
    },
    dispose: () => {
      for (const c of running.values()) c.abort();
      syncing?.abort();
    },
  };
}

/** Finished searches kept for paging (each holds its ranked devices, not their diagnoses). */
const keptSearches = 4;

/** Waits for `p` to settle, but no longer than `ms` (and leaves no timer behind). */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
