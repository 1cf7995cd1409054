// Microsoft Graph client for Intune managed devices: lean LIST, beta details in $batch groups of 20,
// primary users, user names, reverse lookup of logged-on devices. Paging only by @odata.nextLink.
import { AppError } from '../../common/errors.ts';
import { sameOrigin } from '../net/same-origin-fetch.ts';
import { currentPatience, WaitBudget } from './patience.ts';
import { ResilientHttp, unexpectedStatus, parseRetryAfter, defaultSleep, type HttpDeps, type HttpResponse, type Sleep } from './http.ts';

export type RawRecord = Record<string, unknown>;

export const listSelect = [
  'id', 'deviceName', 'serialNumber', 'userPrincipalName', 'userId', 'userDisplayName', 'emailAddress',
  'lastSyncDateTime', 'enrolledDateTime', 'operatingSystem', 'osVersion', 'model', 'manufacturer', 'complianceState',
  'managedDeviceOwnerType', 'deviceEnrollmentType', 'azureADDeviceId', 'managementAgent', 'deviceRegistrationState',
].join(',');

/** What LIST leaves empty: fetched per device from beta. */
export const detailFields = ['id', 'usersLoggedOn', 'enrolledByUserPrincipalName', 'joinType', 'enrollmentProfileName', 'autopilotEnrolled', 'hardwareInformation'];
export const detailSelect = detailFields.join(',');

/** The property an OData 400 names ("Could not find a property named 'x' on type …"), if any. */
export function refusedProperty(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? /property named '([A-Za-z0-9_]+)'/i.exec(message)?.[1] : undefined;
}

export const batchLimit = 20;

const scopes = {
  devices: 'Intune refused access: the account needs the DeviceManagementManagedDevices.Read.All permission and an Intune role with "Managed devices: Read".',
  users: 'Intune refused access to users: the account needs the User.Read.All (or User.ReadBasic.All) permission.',
  signIns: 'Entra refused the sign-in logs: the account needs the AuditLog.Read.All permission and a reports role, and the tenant Entra ID P1 or P2.',
};

export interface GraphClientOptions extends HttpDeps {
  /** Graph root without version, e.g. https://graph.microsoft.com (see clouds.ts) or a local simulator. */
  baseUrl: string;
  /** A token for reading devices; with 'auditLogs', one that may read Entra sign-in logs (AuditLog.Read.All). */
  getToken: (need?: 'auditLogs') => Promise<string>;
  /** Called once on a 401 before the call is retried with a fresh token. */
  onUnauthorized?: () => Promise<void>;
}

export interface BatchRequest {
  id: string;
  url: string; // relative to the version root, e.g. /deviceManagement/managedDevices/{id}
}

export interface GraphUser {
  id: string;
  userPrincipalName: string | null;
  displayName: string | null;
}

export const odataString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export class GraphClient {
  private readonly http: ResilientHttp;
  private readonly base: string;
  private readonly sleep: Sleep;
  /** Detail properties this tenant's Graph refused with a 400: left out of later detail calls. */
  readonly refusedDetailFields = new Set<string>();

  constructor(private readonly options: GraphClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.sleep = options.sleep ?? defaultSleep;
    this.http = new ResilientHttp({ label: 'Intune', onUnauthorized: options.onUnauthorized, forbidden: () => scopes.devices }, options);
  }

  private async get(url: string, signal: AbortSignal | undefined, what: string, forbidden?: string): Promise<RawRecord> {
    const r = await this.http.send({ method: 'GET', url, headers: () => this.headers(), signal, forbidden });
    if (r.status !== 200) throw unexpectedStatus('Intune', r, what);
    return parseJson(r, what);
  }

  private async headers(need?: 'auditLogs'): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.options.getToken(need)}`, Accept: 'application/json' };
  }

  /** Every page of a collection, following @odata.nextLink only, and only to Graph's own origin. */
  async *pages(firstUrl: string, signal?: AbortSignal, forbidden?: string): AsyncGenerator<RawRecord[]> {
    let url: string | undefined = firstUrl;
    const seen = new Set<string>();
    while (url) {
      if (seen.has(url)) throw new AppError('unavailable', 'Intune sent the same page of results twice; the app stopped reading the list.', `nextLink loop at ${url.slice(0, 200)}`);
      seen.add(url);
      const page = await this.get(url, signal, 'the device list', forbidden);
      yield Array.isArray(page.value) ? (page.value as RawRecord[]) : [];
      const next = page['@odata.nextLink'];
      if (typeof next === 'string' && !sameOrigin(next, this.base))
        throw new AppError('not_allowed', 'Intune pointed the next page of results at another host; the app did not follow it, so your sign-in stayed with Graph.', `nextLink to ${next.slice(0, 200)}`);
      url = typeof next === 'string' ? new URL(next, this.base).href : undefined;
    }
  }

  /** Follows nextLink until the end, or until `maxItems` (a live search does not page through a whole tenant). */
  async collect(firstUrl: string, signal?: AbortSignal, forbidden?: string, maxItems = Infinity): Promise<RawRecord[]> {
    const all: RawRecord[] = [];
    for await (const page of this.pages(firstUrl, signal, forbidden)) {
      all.push(...page);
      if (all.length >= maxItems) break;
    }
    return all;
  }

  /** LIST URL (v1.0) with the lean $select and an optional server $filter (re-check results locally: it is lax). */
  listUrl(filter?: string): string {
    const q = new URLSearchParams({ $select: listSelect });
    if (filter) q.set('$filter', filter);
    return `${this.base}/v1.0/deviceManagement/managedDevices?${q.toString().replace(/\+/g, '%20')}`;
  }

  listDevices(filter: string | undefined, signal?: AbortSignal, maxItems?: number): Promise<RawRecord[]> {
    return this.collect(this.listUrl(filter), signal, undefined, maxItems);
  }

  /**
   * Runs GETs through beta `$batch`, 20 at a time. A throttled sub-request is retried after its Retry-After.
   * Returns id → body (null for 404 and other refusals); a 400's body goes to `badRequests` when given.
   */
  async batch(requests: BatchRequest[], signal?: AbortSignal, badRequests?: Map<string, unknown>): Promise<Map<string, RawRecord | null>> {
    const out = new Map<string, RawRecord | null>();
    let queue = requests;
    const patience = currentPatience();
    const budget = patience ? new WaitBudget(patience, 'Intune') : null;
    for (let round = 0; queue.length > 0; round++) {
      const retry: BatchRequest[] = [];
      let wait = 0;
      for (let i = 0; i < queue.length; i += batchLimit) {
        const group = queue.slice(i, i + batchLimit);
        const body = JSON.stringify({ requests: group.map((g) => ({ id: g.id, method: 'GET', url: g.url })) });
        const r = await this.http.send({
          method: 'POST',
          url: `${this.base}/beta/$batch`,
          body,
          headers: async () => ({ ...(await this.headers()), 'Content-Type': 'application/json' }),
          signal,
        });
        if (r.status !== 200) throw unexpectedStatus('Intune', r, 'a batch of device details');
        const responses = (parseJson(r, 'a batch').responses ?? []) as { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
        for (const sub of responses) {
          const req = group.find((g) => g.id === String(sub.id));
          if (!req) continue;
          if (sub.status >= 200 && sub.status < 300) out.set(req.id, (sub.body ?? {}) as RawRecord);
          else if (sub.status === 404) out.set(req.id, null);
          else if (sub.status === 429 || sub.status >= 500) {
            retry.push(req);
            const h = Object.fromEntries(Object.entries(sub.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
            wait = Math.max(wait, parseRetryAfter(h['retry-after'] ?? null) ?? Math.min(this.http.policy.maxDelayMs, this.http.policy.baseDelayMs * 2 ** round));
          } else if (sub.status === 403) {
            throw new AppError('forbidden', req.url.startsWith('/users') ? scopes.users : scopes.devices, `batch ${req.url}: 403`);
          } else if (sub.status === 401) {
            throw new AppError('unauthorized', 'Intune refused the sign-in: sign in again.', `batch ${req.url}: 401`);
          } else {
            if (sub.status === 400) badRequests?.set(req.id, sub.body);
            out.set(req.id, null);
          }
        }
      }
      if (retry.length === 0) break;
      // A bulk read waits out every sub-request's Retry-After within its budget; a lookup gives up sooner.
      if (budget) {
        if (!budget.allows(wait, 'throttled')) throw budget.exhausted(`${retry.length} batch requests still throttled after ${round + 1} rounds`);
      } else if (round + 1 >= this.http.policy.maxAttempts || wait > this.http.policy.maxRetryAfterMs)
        throw new AppError('throttled', 'Intune is throttling requests; try again in a minute.', `${retry.length} batch requests still throttled`);
      await this.sleep(wait, signal);
      queue = retry;
    }
    return out;
  }

  /**
   * Beta details (logged-on users, enrolled-by, join type, …) and the primary user of each device. When Graph
   * refuses one detail property (400 naming it), the details are asked for again without it, so one beta
   * property never costs every device its logged-on users; `refusedDetailFields` says what is missing.
   */
  async deviceDetails(ids: string[], signal?: AbortSignal): Promise<Map<string, { details: RawRecord | null; primaryUsers: RawRecord[] | null }>> {
    const detailUrl = (id: string) => {
      const select = detailFields.filter((f) => !this.refusedDetailFields.has(f)).join(',');
      return { id: `d:${id}`, url: `/deviceManagement/managedDevices/${encodeURIComponent(id)}?$select=${select}` };
    };
    const requests = ids.flatMap((id) => [detailUrl(id), { id: `u:${id}`, url: `/deviceManagement/managedDevices/${encodeURIComponent(id)}/users?$select=id,userPrincipalName,displayName` }]);
    const refused = new Map<string, unknown>();
    const res = await this.batch(requests, signal, refused);
    for (let round = 0; refused.size > 0 && round < detailFields.length; round++) {
      const named = new Set([...refused.values()].map(refusedProperty).filter((p): p is string => !!p && p !== 'id' && detailFields.includes(p) && !this.refusedDetailFields.has(p)));
      if (named.size === 0) break;
      for (const p of named) this.refusedDetailFields.add(p);
      const again = [...refused.keys()].map((key) => detailUrl(key.slice(2)));
      refused.clear();
      for (const [k, v] of await this.batch(again, signal, refused)) res.set(k, v);
    }
    const out = new Map<string, { details: RawRecord | null; primaryUsers: RawRecord[] | null }>();
    for (const id of ids) {
      const users = res.get(`u:${id}`);
      out.set(id, { details: res.get(`d:${id}`) ?? null, primaryUsers: users && Array.isArray(users.value) ? (users.value as RawRecord[]) : null });
    }
    return out;
  }

  /** User ids → names, in batches. Unknown ids are left out. */
  async resolveUsers(userIds: string[], signal?: AbortSignal): Promise<Map<string, GraphUser>> {
    const unique = [...new Set(userIds.filter(Boolean))];
    const res = await this.batch(
      unique.map((id) => ({ id, url: `/users/${encodeURIComponent(id)}?$select=id,userPrincipalName,displayName` })),
      signal,
    );
    const out = new Map<string, GraphUser>();
    for (const [id, body] of res) if (body) out.set(id, toUser(body, id));
    return out;
  }

  /** Users whose UPN or display name starts with the text (server filter re-checked by the caller). */
  async searchUsers(text: string, signal?: AbortSignal, top = 10): Promise<GraphUser[]> {
    const s = odataString(text);
    const q = new URLSearchParams({
      $filter: `startswith(userPrincipalName,${s}) or startswith(displayName,${s})`,
      $select: 'id,userPrincipalName,displayName',
      $top: String(top),
    });
    const page = await this.get(`${this.base}/v1.0/users?${q.toString().replace(/\+/g, '%20')}`, signal, 'users', scopes.users);
    return (Array.isArray(page.value) ? (page.value as RawRecord[]) : []).map((u) => toUser(u, String(u.id ?? '')));
  }

  /**
   * Windows sign-ins to one device since `sinceIso` from the Entra sign-in logs (v1.0 `auditLogs/signIns`,
   * `deviceDetail/deviceId` = the device's Entra device id), every page. Needs AuditLog.Read.All and Entra ID
   * P1/P2: a 403 is an AppError 'forbidden' whose detail carries Graph's error code.
   */
  async windowsSignIns(azureAdDeviceId: string, sinceIso: string, signal?: AbortSignal): Promise<RawRecord[]> {
    const q = new URLSearchParams({
      $filter: `deviceDetail/deviceId eq ${odataString(azureAdDeviceId)} and createdDateTime ge ${sinceIso} and appDisplayName eq 'Windows Sign In'`,
      $select: 'id,createdDateTime,userPrincipalName,userId,userDisplayName,appDisplayName,deviceDetail,status',
      $top: '1000',
    });
    const out: RawRecord[] = [];
    let url: string | undefined = `${this.base}/v1.0/auditLogs/signIns?${q.toString().replace(/\+/g, '%20')}`;
    while (url) {
      const r = await this.http.send({ method: 'GET', url, headers: () => this.headers('auditLogs'), signal, forbidden: scopes.signIns });
      if (r.status !== 200) throw unexpectedStatus('Intune', r, 'the sign-in logs');
      const page = parseJson(r, 'the sign-in logs');
      if (Array.isArray(page.value)) out.push(...(page.value as RawRecord[]));
      const next = page['@odata.nextLink'];
      url = typeof next === 'string' && sameOrigin(next, this.base) && next !== url ? next : undefined;
    }
    return out;
  }

  /** Reverse lookup: devices a user has signed in to (beta). */
  loggedOnDevices(userId: string, signal?: AbortSignal): Promise<RawRecord[]> {
    return this.collect(`${this.base}/beta/users/${encodeURIComponent(userId)}/getLoggedOnManagedDevices?$select=${listSelect}`, signal);
  }
}

function toUser(u: RawRecord, id: string): GraphUser {
  return {
    id: String(u.id ?? id),
    userPrincipalName: typeof u.userPrincipalName === 'string' ? u.userPrincipalName : null,
    displayName: typeof u.displayName === 'string' ? u.displayName : null,
  };
}

function parseJson(r: HttpResponse, what: string): RawRecord {
  try {
    const v: unknown = JSON.parse(r.text);
    if (v && typeof v === 'object') return v as RawRecord;
  } catch {
    // fall through
  }
  throw new AppError('internal', `Intune sent an unreadable answer for ${what}.`, r.text.slice(0, 300));
}
