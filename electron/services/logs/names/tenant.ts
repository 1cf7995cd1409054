// Names for GUIDs from the connected Intune tenant (read-only Graph, through the main-process Graph
// client): Win32 and other apps (v1.0 deviceAppManagement/mobileApps), platform scripts (beta
// deviceManagement/deviceManagementScripts) and remediations (beta deviceManagement/deviceHealthScripts),
// id and displayName only. Cached per tenant for 30 minutes; a refused scope becomes a plain note and the
// other lists still count (docs/wire-facts.md lists these calls and their sources).
import { AppError } from '../../../common/errors.ts';
import type { GuidName, GuidNames } from '../../../common/logs-insight.ts';
import { GraphClient, type RawRecord } from '../../graph/client.ts';

export interface TenantGraph {
  /** Which tenant (the cache key). */
  scope: string;
  baseUrl: string;
  getToken: () => Promise<string>;
}

const lists: { path: string; kind: GuidName['kind']; what: string; scope: string }[] = [
  { path: '/v1.0/deviceAppManagement/mobileApps', kind: 'app', what: 'apps', scope: 'DeviceManagementApps.Read.All' },
  { path: '/beta/deviceManagement/deviceManagementScripts', kind: 'script', what: 'platform scripts', scope: 'DeviceManagementScripts.Read.All (or DeviceManagementConfiguration.Read.All)' },
  { path: '/beta/deviceManagement/deviceHealthScripts', kind: 'remediation', what: 'remediations', scope: 'DeviceManagementScripts.Read.All' },
];

export const TENANT_NAMES_TTL_MS = 30 * 60_000;

export class TenantNames {
  private readonly cache = new Map<string, { at: number; value: GuidNames }>();

  constructor(private readonly now: () => number = Date.now) {}

  async names(graph: TenantGraph | null, signal?: AbortSignal): Promise<GuidNames> {
    if (!graph) return { names: [], notes: ['No Intune tenant is connected: names come from the open logs alone.'] };
    const hit = this.cache.get(graph.scope);
    if (hit && this.now() - hit.at < TENANT_NAMES_TTL_MS) return hit.value;
    const client = new GraphClient({ baseUrl: graph.baseUrl, getToken: graph.getToken });
    const base = graph.baseUrl.replace(/\/+$/, '');
    const names: GuidName[] = [];
    const notes: string[] = [];
    for (const l of lists) {
      try {
        const rows: RawRecord[] = await client.collect(`${base}${l.path}?$select=id,displayName`, signal, `Intune refused the list of ${l.what}: the account needs the ${l.scope} permission. Names of ${l.what} come from the logs alone.`);
        for (const r of rows) if (typeof r.id === 'string' && typeof r.displayName === 'string' && r.displayName) names.push({ id: r.id.toLowerCase(), name: r.displayName, source: 'tenant', kind: l.kind });
      } catch (err) {
        if (err instanceof AppError && err.code === 'cancelled') throw err;
        notes.push(err instanceof AppError ? err.message : `The tenant's ${l.what} could not be read: ${String(err)}`);
      }
    }
    const value = { names, notes };
    this.cache.set(graph.scope, { at: this.now(), value });
    return value;
  }
}
