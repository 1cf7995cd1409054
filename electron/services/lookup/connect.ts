// Builds the lookup from a connection (endpoints + credential providers): used by the app (signed-in
// profile or demo tenant) and by the CLI (environment variables). Nothing here reads the environment.
import { DeviceCache } from '../cache/device-cache.ts';
import type { Db } from '../cache/db.ts';
import { syncWs1, type SyncProgress } from '../cache/sync.ts';
import { GraphClient } from '../graph/client.ts';
import type { HttpDeps } from '../graph/http.ts';
import { IntuneSource } from '../graph/source.ts';
import { Ws1Client } from '../ws1/client.ts';
import { Ws1Source } from '../ws1/source.ts';
import { LookupService } from './service.ts';

export interface LookupConnection {
  /** Separates tenants inside the cache, e.g. "demo" or "graph.microsoft.com|as1506.awmdm.com". */
  scope: string;
  graph?: {
    baseUrl: string;
    /** 'auditLogs': a token that may read the Entra sign-in logs (asked for only when they are read). */
    getToken: (need?: 'auditLogs') => Promise<string>;
    onUnauthorized?: () => Promise<void>;
    /** Intune admin center origin (clouds.ts) for portal links; null for simulators. */
    portal: string | null;
  };
  ws1?: {
    baseUrl: string;
    authHeaders: () => Promise<Record<string, string>>;
    onUnauthorized?: () => Promise<void>;
  };
}

export interface Lookup {
  service: LookupService;
  cache: DeviceCache | null;
  intune: IntuneSource | null;
  ws1: Ws1Source | null;
}

export function createLookup(conn: LookupConnection, o: { db?: Db | null; now?: () => Date; http?: HttpDeps } = {}): Lookup {
  const intune = conn.graph
    ? new IntuneSource(
        new GraphClient({ ...o.http, baseUrl: conn.graph.baseUrl, getToken: conn.graph.getToken, onUnauthorized: conn.graph.onUnauthorized }),
        { portal: conn.graph.portal, now: o.now },
      )
    : null;
  const ws1 = conn.ws1
    ? new Ws1Source(new Ws1Client({ ...o.http, baseUrl: conn.ws1.baseUrl, authHeaders: conn.ws1.authHeaders, onUnauthorized: conn.ws1.onUnauthorized }), { now: o.now })
    : null;
  const cache = o.db ? new DeviceCache(o.db, conn.scope) : null;
  return { service: new LookupService({ intune, ws1, cache, counts: intune, now: o.now }), cache, intune, ws1 };
}

/**
 * WS1 v1 has no device-name search, so name queries on WS1 are answered by the cache: keep its WS1 part
 * fresh (full sync the first time, incremental after). Cheap: 500 devices per call. Returns whether it ran.
 */
export async function refreshWs1IfStale(l: Lookup, o: { maxAgeMs?: number; signal?: AbortSignal; now?: () => Date; onProgress?: (p: SyncProgress) => void } = {}): Promise<boolean> {
  if (!l.ws1 || !l.cache) return false;
  const age = l.cache.cacheAge().ws1;
  const now = (o.now?.() ?? new Date()).getTime();
  if (age && now - Date.parse(age) <= (o.maxAgeMs ?? 3_600_000)) return false;
  await syncWs1(l.cache, l.ws1, { kind: age ? 'incremental' : 'full', signal: o.signal, now: o.now, onProgress: o.onProgress });
  return true;
}

/** WS1 header provider for Basic auth (user:password) or a bearer token, always with aw-tenant-code. */
export function ws1StaticAuth(a: { basic?: string; bearer?: string; tenantCode?: string }): () => Promise<Record<string, string>> {
  const h: Record<string, string> = {};
  if (a.bearer) h.Authorization = `Bearer ${a.bearer}`;
  else if (a.basic) h.Authorization = `Basic ${a.basic.includes(':') ? Buffer.from(a.basic, 'utf8').toString('base64') : a.basic}`;
  if (a.tenantCode) h['aw-tenant-code'] = a.tenantCode;
  return async () => ({ ...h });
}
