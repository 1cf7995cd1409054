// Full and incremental sync of one source into the offline cache, with progress and cancellation.
// A full sync sweeps records it did not see; an incremental one asks for devices changed since the last sync.
import type { DeviceSource } from '../../common/device.ts';
import { cancelled } from '../graph/http.ts';
import type { GraphUser } from '../graph/client.ts';
import type { IntuneSource } from '../graph/source.ts';
import type { Ws1Source } from '../ws1/source.ts';
import type { DeviceCache } from './device-cache.ts';

export interface SyncProgress {
  source: DeviceSource;
  kind: 'full' | 'incremental';
  phase: 'list' | 'details' | 'done';
  done: number;
  total: number | null;
}

export interface SyncResult {
  source: DeviceSource;
  kind: 'full' | 'incremental';
  stored: number;
  removed: number;
  at: string;
}

export interface SyncOptions {
  kind: 'full' | 'incremental';
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  now?: () => Date;
  /** Devices completed with details per round (10 devices = one $batch of 20). */
  chunk?: number;
}

/** Incremental syncs look back a little before the last sync (clock skew, late reports). */
const overlapMs = 10 * 60_000;

function since(cache: DeviceCache, source: DeviceSource, kind: 'full' | 'incremental'): string | null {
  if (kind === 'full') return null;
  const t = cache.cacheAge()[source];
  return t ? new Date(Date.parse(t) - overlapMs).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

export async function syncIntune(cache: DeviceCache, source: Pick<IntuneSource, 'allDevices' | 'complete'>, o: SyncOptions): Promise<SyncResult> {
  const at = (o.now?.() ?? new Date()).toISOString();
  const from = since(cache, 'intune', o.kind);
  const kind = from ? o.kind : 'full';
  const generation = kind === 'full' ? Date.parse(at) : 0;
  const chunk = o.chunk ?? 50;
  let stored = 0;
  const names = new Map<string, GraphUser>();
  for await (const page of source.allDevices(from, o.signal)) {
    o.onProgress?.({ source: 'intune', kind, phase: 'list', done: stored + page.length, total: null });
    for (let i = 0; i < page.length; i += chunk) {
      const sides = await source.complete(page.slice(i, i + chunk), o.signal, names);
      cache.upsert(sides, [], generation);
      stored += sides.length;
      o.onProgress?.({ source: 'intune', kind, phase: 'details', done: stored, total: null });
    }
  }
  if (o.signal?.aborted) throw cancelled();
  const removed = kind === 'full' ? cache.sweep('intune', generation) : 0;
  cache.markSynced('intune', kind, at);
  o.onProgress?.({ source: 'intune', kind, phase: 'done', done: stored, total: stored });
  return { source: 'intune', kind, stored, removed, at };
}

export async function syncWs1(cache: DeviceCache, source: Pick<Ws1Source, 'allDevices'>, o: SyncOptions): Promise<SyncResult> {
  const at = (o.now?.() ?? new Date()).toISOString();
  const from = since(cache, 'ws1', o.kind);
  const kind = from ? o.kind : 'full';
  const generation = kind === 'full' ? Date.parse(at) : 0;
  const sides = await source.allDevices(from, o.signal, (done, total) => o.onProgress?.({ source: 'ws1', kind, phase: 'list', done, total }));
  cache.upsert([], sides, generation);
  const removed = kind === 'full' ? cache.sweep('ws1', generation) : 0;
  cache.markSynced('ws1', kind, at);
  o.onProgress?.({ source: 'ws1', kind, phase: 'done', done: sides.length, total: sides.length });
  return { source: 'ws1', kind, stored: sides.length, removed, at };
}
