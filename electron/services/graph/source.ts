// Intune as a lookup source: finds candidate devices for a query, then completes the best ones with
// beta details, primary users and user names. The caller re-checks every result locally.
import type { IntuneSide } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import { odataString, type GraphClient, type GraphUser, type RawRecord } from './client.ts';
import { loggedOnUserIds, normalizeIntune } from './normalize.ts';

export interface IntuneSourceOptions {
  /** Intune admin center origin for portal links; null for simulators. */
  portal: string | null;
  now?: () => Date;
  /** How many candidates get per-device details in a live search. */
  detailLimit?: number;
  /** How many matching users get a reverse (logged-on) lookup. */
  userLimit?: number;
}

/** Errors that mean "the service is not usable", not "this filter is not supported". */
/** Where Graph stops a lax `startswith` on managedDevices (no next link after it). */
export const laxFilterCap = 1000;

const fatal = new Set(['unauthorized', 'forbidden', 'cancelled', 'throttled', 'unavailable', 'timeout']);

export class IntuneSource {
  constructor(
    readonly client: GraphClient,
    private readonly options: IntuneSourceOptions,
  ) {}

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /**
   * Serial and exact name (`eq`) first, then the name prefix, primary user, and devices any matching user has
   * signed in to. Graph answers `startswith(deviceName,…)` with contains matches and stops at 1,000 without a
   * next link, so every prefix result is re-checked locally and, when that cap is reached, the whole device list
   * is paged instead: no match is lost past 1,000. Every match comes back; the first `detailLimit` (serial,
   * exact name, users, then prefixes) get per-device details, the rest stay lean (`detailsLoaded: false`).
   */
  async search(query: string, signal?: AbortSignal): Promise<IntuneSide[]> {
    const q = query.trim();
    const s = odataString(q);
    const lower = q.toLowerCase();
    const tasks: Promise<RawRecord[]>[] = [
      this.client.listDevices(`serialNumber eq ${s}`, signal),
      this.client.listDevices(`deviceName eq ${s}`, signal),
      this.namePrefix(lower, s, signal),
      this.client.listDevices(`startswith(userPrincipalName,${s})`, signal).then((l) => l.filter((d) => String(d.userPrincipalName ?? '').toLowerCase().startsWith(lower))),
    ];
    const knownUsers = new Map<string, GraphUser>();
    tasks.push(
      this.client.searchUsers(q, signal).then(async (users) => {
        const chosen = users.slice(0, this.options.userLimit ?? 5);
        for (const u of chosen) knownUsers.set(u.id, u);
        const lists = await Promise.all(chosen.map((u) => this.client.loggedOnDevices(u.id, signal)));
        return lists.flat();
      }),
    );
    const settled = await Promise.allSettled(tasks);
    const failures: unknown[] = [];
    const [serial, exact, prefix, byUpn, signedIn] = settled.map((r) => (r.status === 'fulfilled' ? r.value : (failures.push(r.reason), [])));
    const worst = failures.find((e) => e instanceof AppError && fatal.has(e.code)) ?? (failures.length === settled.length ? failures[0] : undefined);
    if (worst) throw worst;
    const found = new Map<string, RawRecord>();
    const exactName = exact.filter((d) => String(d.deviceName).toLowerCase() === lower);
    for (const d of [...serial, ...exactName, ...byUpn, ...signedIn, ...prefix]) if (typeof d.id === 'string' && !found.has(d.id)) found.set(d.id, d);
    const all = [...found.values()];
    const limit = this.options.detailLimit ?? 50;
    const detailed = await this.complete(all.slice(0, limit), signal, knownUsers);
    const fetchedAt = this.now();
    const lean = all.slice(limit).map((device) => normalizeIntune({ device, details: undefined, primaryUsers: undefined, userNames: knownUsers, portal: this.options.portal, fetchedAt }));
    return [...detailed, ...lean];
  }

  /** Devices whose name really starts with the text: the lax server filter re-checked, or every page when it capped. */
  private async namePrefix(lower: string, s: string, signal?: AbortSignal): Promise<RawRecord[]> {
    const starts = (d: RawRecord) => String(d.deviceName ?? '').toLowerCase().startsWith(lower);
    // Bounded at the cap: a server that does page the lax filter is not followed further than Graph would go.
    const lax = await this.client.listDevices(`startswith(deviceName,${s})`, signal, laxFilterCap);
    if (lax.length < laxFilterCap) return lax.filter(starts);
    const out: RawRecord[] = [];
    for await (const page of this.client.pages(this.client.listUrl(), signal)) out.push(...page.filter(starts));
    return out;
  }

  /** The Intune side of devices found elsewhere (cross-platform join by serial). */
  async bySerials(serials: string[], signal?: AbortSignal): Promise<IntuneSide[]> {
    const lists = await Promise.all(serials.map((s) => this.client.listDevices(`serialNumber eq ${odataString(s)}`, signal)));
    const wanted = new Set(serials.map((s) => s.toLowerCase()));
    return this.complete(lists.flat().filter((d) => typeof d.serialNumber === 'string' && wanted.has(d.serialNumber.toLowerCase())), signal);
  }

  /**
   * LIST records → full sides: beta details + primary users in $batch, then logged-on user names.
   * `knownUsers` is read and extended, so a sync resolves each user once.
   */
  async complete(devices: RawRecord[], signal?: AbortSignal, knownUsers = new Map<string, GraphUser>()): Promise<IntuneSide[]> {
    if (devices.length === 0) return [];
    const ids = devices.map((d) => String(d.id));
    const details = await this.client.deviceDetails(ids, signal);
    const unknownUsers = loggedOnUserIds([...details.values()].map((v) => v.details)).filter((id) => !knownUsers.has(id));
    if (unknownUsers.length) for (const [k, v] of await this.client.resolveUsers(unknownUsers, signal)) knownUsers.set(k, v);
    const names = knownUsers;
    const fetchedAt = this.now();
    const missing = [...this.client.refusedDetailFields];
    return devices.map((device) => {
      const x = details.get(String(device.id));
      const side = normalizeIntune({ device, details: x?.details, primaryUsers: x?.primaryUsers, userNames: names, portal: this.options.portal, fetchedAt });
      return missing.length ? { ...side, missingDetails: missing } : side;
    });
  }

  /** Devices a DEM account enrolled (it becomes their primary user): one filtered LIST, re-checked locally. */
  async devicesEnrolledBy(upn: string, signal?: AbortSignal): Promise<number> {
    const list = await this.client.listDevices(`userPrincipalName eq ${odataString(upn)}`, signal);
    return list.filter((d) => d.deviceEnrollmentType === 'deviceEnrollmentManager' && String(d.userPrincipalName).toLowerCase() === upn.toLowerCase()).length;
  }

  /** Devices an account has signed in to (reverse lookup by UPN). */
  async devicesSignedInBy(upn: string, signal?: AbortSignal): Promise<number> {
    return (await this.client.loggedOnDevices(upn, signal)).length;
  }

  /** All devices (or those synced since `since`), page by page, for the offline cache. */
  async *allDevices(since: string | null, signal?: AbortSignal): AsyncGenerator<RawRecord[]> {
    yield* this.client.pages(this.client.listUrl(since ? `lastSyncDateTime ge ${since}` : undefined), signal);
  }
}
