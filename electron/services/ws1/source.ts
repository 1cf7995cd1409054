// Workspace ONE as a lookup source. v1 search has no device-name filter: name matches come from the
// offline cache and from the cross-platform join by serial; live search covers serials and users.
import type { Ws1Side } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import type { Ws1Client } from './client.ts';
import { field, normalizeWs1, ws1DeviceId, type Ws1Record } from './normalize.ts';

export interface Ws1SourceOptions {
  now?: () => Date;
  userLimit?: number;
}

const fatal = new Set(['unauthorized', 'forbidden', 'cancelled', 'throttled', 'unavailable', 'timeout']);

export class Ws1Source {
  constructor(
    readonly client: Ws1Client,
    private readonly options: Ws1SourceOptions = {},
  ) {}

  toSides(records: Ws1Record[]): Ws1Side[] {
    const fetchedAt = (this.options.now?.() ?? new Date()).toISOString();
    const seen = new Set<string>();
    const out: Ws1Side[] = [];
    for (const r of records) {
      const id = ws1DeviceId(r);
      if (!id || seen.has(id)) continue;
      seen.add(id);
      out.push(normalizeWs1(r, this.client.apiBase, fetchedAt));
    }
    return out;
  }

  async search(query: string, signal?: AbortSignal): Promise<Ws1Side[]> {
    const q = query.trim();
    const tasks: Promise<Ws1Record[]>[] = [];
    if (!/\s/.test(q)) {
      tasks.push(this.client.bySerial(q, signal).then((d) => (d ? [d] : [])));
      tasks.push(this.client.searchDevices({ user: q }, 0, signal).then((p) => p.devices));
    }
    tasks.push(
      this.client.searchUsers(q, signal).then(async (users) => {
        const names = users
          .map((u) => field(u, 'UserName'))
          .filter((n): n is string => typeof n === 'string' && n !== '' && n.toLowerCase() !== q.toLowerCase())
          .slice(0, this.options.userLimit ?? 5);
        const pages = await Promise.all(names.map((n) => this.client.searchDevices({ user: n }, 0, signal)));
        return pages.flatMap((p) => p.devices);
      }),
    );
    const settled = await Promise.allSettled(tasks);
    const failures = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    const worst = failures.find((e) => e instanceof AppError && fatal.has(e.code)) ?? (failures.length === settled.length ? failures[0] : undefined);
    if (worst) throw worst;
    return this.toSides(settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
  }

  async bySerials(serials: string[], signal?: AbortSignal): Promise<Ws1Side[]> {
    const found = await Promise.all(serials.map((s) => this.client.bySerial(s, signal)));
    return this.toSides(found.filter((d): d is Ws1Record => !!d));
  }

  /** Every device (or those seen since `since`), for the offline cache. */
  async allDevices(since: string | null, signal?: AbortSignal, onPage?: (done: number, total: number) => void): Promise<Ws1Side[]> {
    const params: Record<string, string> = since ? { seensince: since.replace(/\.\d+Z$|Z$/, '') } : {};
    return this.toSides(await this.client.searchAllDevices(params, signal, onPage));
  }
}
