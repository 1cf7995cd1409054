// Lookup state: the query, the cards streamed in so far, each source's status, the chosen card.
import { create } from 'zustand';
import type { Device, LookupError, LookupPartial } from '../../../../electron/common/device.ts';
import { call, UiError } from '../../api.ts';

interface LookupState {
  query: string;
  offline: boolean;
  requestId: string | null;
  devices: Device[];
  /** How many devices match in all (the true N). */
  total: number;
  /** How many rows of the result list are drawn (it grows page by page). */
  shown: number;
  showMore(): void;
  errors: LookupError[];
  pending: string[];
  done: boolean;
  wentOffline: boolean;
  cacheAge: LookupPartial['cacheAge'] | null;
  selectedKey: string | null;
  error: string | null;
  sync: { running: boolean; message: string | null };
  setQuery(q: string): void;
  setOffline(offline: boolean): void;
  search(): Promise<void>;
  onPartial(p: LookupPartial): void;
  select(key: string | null): void;
  syncCache(kind: 'full' | 'incremental'): Promise<void>;
  cancelSync(): Promise<void>;
  onSyncProgress(text: string): void;
  loadCacheAge(): Promise<void>;
}

let n = 0;
/** Rows drawn per page of the result list. */
export const pageSize = 500;

export const useLookup = create<LookupState>((set, get) => ({
  query: '',
  offline: false,
  requestId: null,
  devices: [],
  total: 0,
  shown: pageSize,
  showMore: () => set({ shown: get().shown + pageSize }),
  errors: [],
  pending: [],
  done: true,
  wentOffline: false,
  cacheAge: null,
  selectedKey: null,
  error: null,
  sync: { running: false, message: null },
  setQuery: (query) => set({ query }),
  setOffline: (offline) => set({ offline }),
  search: async () => {
    const query = get().query.trim();
    const previous = get().requestId;
    if (previous && !get().done) void call('lookupCancel', { requestId: previous }).catch(() => {});
    if (!query) return set({ devices: [], total: 0, shown: pageSize, errors: [], pending: [], done: true, requestId: null, selectedKey: null });
    const requestId = `q${++n}`;
    set({ requestId, shown: pageSize, pending: ['intune', 'ws1'], done: false, error: null, errors: [] });
    try {
      const final = await call('lookupSearch', { requestId, query, offline: get().offline || undefined });
      get().onPartial(final);
    } catch (err) {
      if (get().requestId !== requestId) return;
      if (err instanceof UiError && err.value.code === 'cancelled') return;
      set({ error: (err as Error).message, done: true, pending: [] });
    }
  },
  onPartial: (p) => {
    if (p.requestId !== get().requestId) return; // an older search
    const selectedKey = get().selectedKey;
    set({
      devices: p.devices,
      total: p.total,
      errors: p.errors,
      pending: p.pending,
      done: p.done,
      wentOffline: p.offline,
      cacheAge: p.cacheAge,
      selectedKey: selectedKey && p.devices.some((d) => d.key === selectedKey) ? selectedKey : (p.devices[0]?.key ?? null),
    });
  },
  select: (selectedKey) => set({ selectedKey }),
  syncCache: async (kind) => {
    set({ sync: { running: true, message: 'Syncing…' } });
    try {
      const results = await call('cacheSync', { kind });
      set({ sync: { running: false, message: results.map((r) => `${r.source === 'intune' ? 'Intune' : 'Workspace ONE'}: ${r.stored.toLocaleString()} devices`).join(' · ') } });
      await get().loadCacheAge();
    } catch (err) {
      set({ sync: { running: false, message: (err as Error).message } });
    }
  },
  cancelSync: async () => {
    await call('cacheSyncCancel').catch(() => {});
  },
  onSyncProgress: (message) => set({ sync: { running: true, message } }),
  loadCacheAge: async () => {
    const cacheAge = await call('cacheStatus').catch(() => null);
    if (cacheAge) set({ cacheAge });
  },
}));
