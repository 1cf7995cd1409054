// Lookup state: the query, the cards streamed in so far, each source's status, the chosen card.
import { create } from 'zustand';
import type { Device, LookupError, LookupPartial } from '../../../../electron/common/device.ts';
import { call, UiError } from '../../api.ts';

interface LookupState {
  query: string;
  offline: boolean;
  requestId: string | null;
  /**
   * Every match in rank order, one slot per device (the true N); slots beyond the first page stay empty until
   * the list scrolls to them and their page comes from main (lookupPage).
   */
  rows: (Device | undefined)[];
  /** How many devices match in all (the true N). */
  total: number;
  /** Fetches the pages that hold rows start..end-1 (once the search is finished). */
  loadRange(start: number, end: number): Promise<void>;
  /** Serial (else name) of every match, for "Change these N devices…". */
  targets(): Promise<string[]>;
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
/** Rows per page from main: the first comes with the search, the rest as the list scrolls. */
export const pageSize = 200;
const loading = new Set<string>();

/** The first page of a partial result, padded to the true total. */
const padded = (p: LookupPartial): (Device | undefined)[] => {
  const rows: (Device | undefined)[] = new Array<Device | undefined>(p.total).fill(undefined);
  p.devices.forEach((d, i) => (rows[i] = d));
  return rows;
};

export const useLookup = create<LookupState>((set, get) => ({
  query: '',
  offline: false,
  requestId: null,
  rows: [],
  total: 0,
  loadRange: async (start, end) => {
    const { requestId, done, rows } = get();
    if (!requestId || !done) return;
    for (let page = Math.floor(start / pageSize); page * pageSize < Math.min(end, rows.length); page++) {
      const offset = page * pageSize;
      const tag = `${requestId}:${page}`;
      if (loading.has(tag) || rows.slice(offset, offset + pageSize).every(Boolean)) continue;
      loading.add(tag);
      try {
        const r = await call('lookupPage', { requestId, offset, count: pageSize });
        if (get().requestId !== requestId) return;
        const next = [...get().rows];
        r.devices.forEach((d, i) => (next[offset + i] = d));
        set({ rows: next });
      } catch (err) {
        if (get().requestId === requestId) set({ error: (err as Error).message });
        return;
      } finally {
        loading.delete(tag);
      }
    }
  },
  targets: async () => {
    const { requestId, rows } = get();
    if (!requestId) return [];
    if (rows.every(Boolean)) return rows.map((d) => d!.serial ?? d!.name);
    return call('lookupTargets', { requestId });
  },
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
    if (!query) return set({ rows: [], total: 0, errors: [], pending: [], done: true, requestId: null, selectedKey: null });
    const requestId = `q${++n}`;
    set({ requestId, pending: ['intune', 'ws1'], done: false, error: null, errors: [] });
    try {
      const final = await call('lookupSearch', { requestId, query, offline: get().offline || undefined, limit: pageSize });
      get().onPartial(final);
    } catch (err) {
      if (get().requestId !== requestId) return;
      if (err instanceof UiError && err.value.code === 'cancelled') return;
      set({ error: (err as Error).message, done: true, pending: [] });
    }
  },
  onPartial: (p) => {
    if (p.requestId !== get().requestId) return; // an older search
    if (p.done && get().done) return; // the final step again, as the call's answer: pages loaded since stay
    const selectedKey = get().selectedKey;
    set({
      rows: padded(p),
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
