// The Microsoft Graph simulator: the managedDevices, users, primary-user, remote-action, Collect
// diagnostics and $batch endpoints of intune-graph.md, with Intune's per-app limits.
import { json, type Outcome, type SimRequest, type SimResponse } from '../http.ts';
import { MALFORMED_JSON, type FaultInjector } from '../faults.ts';
import type { DemoCounters } from '../counters.ts';
import { SlidingWindow, type DemoLimits } from '../limits.ts';
import { setPrimaryUser } from '../generate.ts';
import type { GraphUser, IntuneDevice, TenantData } from '../model.ts';
import { matches, ODataError, parseFilter, parseOrderBy, parseSelect, project, startswithAsContains, type Filter } from './odata.ts';
import { deviceFields, deviceRecord, intuneForgotLogons, userFields, userRecord, type GraphVersion } from './records.ts';
import { graphErrors } from './errors.ts';
import { LogCollections } from './log-collection.ts';
import { listSignIns } from './signins.ts';

export interface GraphContext {
  data: TenantData;
  token: string;
  faults: FaultInjector;
  counters: DemoCounters;
  limits: DemoLimits;
  now: () => number;
  /** How long a Collect diagnostics request stays `pending`. */
  logCollectionDelayMs: number;
  /** Entra ID P1/P2: without it `auditLogs/signIns` answers 403 as Graph does for a non-premium tenant. */
  entraPremium: boolean;
  baseUrl: () => string;
  buildZip: (device: IntuneDevice) => Buffer;
}

const PAGE = 1_000;
const BATCH_MAX = 20;
/** Where a lax `startswith` on managedDevices stops, next link or not. */
const LAX_CAP = 1_000;
const filterableDeviceFields = deviceFields['v1.0'];

export class GraphSimulator {
  private readonly requestWindow: SlidingWindow;
  private readonly writeWindow: SlidingWindow;
  private readonly logs: LogCollections;
  private throttledCount = 0;

  constructor(private readonly ctx: GraphContext) {
    this.requestWindow = new SlidingWindow(ctx.limits.graphRequests);
    this.writeWindow = new SlidingWindow(ctx.limits.graphWrites);
    this.logs = new LogCollections(ctx, (version, what) => this.context(version, what));
  }

  async handle(req: SimRequest): Promise<Outcome> {
    try {
      return await this.handleUnsafe(req);
    } catch {
      return graphErrors.server(500); // a bug in the simulator still answers in the platform's error shape
    }
  }

  private async handleUnsafe(req: SimRequest): Promise<Outcome> {
    const { ctx } = this;
    ctx.counters.requests.graph++;
    const fault = ctx.faults.take('graph', req.method, req.path);
    if (fault) {
      ctx.counters.faults++;
      switch (fault.kind) {
        case 'unauthorized':
          return graphErrors.badToken();
        case 'forbidden':
          return graphErrors.forbidden();
        case 'throttled':
          return graphErrors.throttled(fault.retryAfterSeconds);
        case 'server_error':
          return graphErrors.server(fault.status);
        case 'drop':
          return { drop: true };
        case 'malformed_json':
          return json(200, MALFORMED_JSON);
        case 'slow':
          return { delayMs: fault.delayMs, until: fault.until, then: await this.answer(req) };
      }
    }
    return this.answer(req);
  }

  private async answer(req: SimRequest): Promise<SimResponse> {
    const download = /^\/demo-downloads\/([\w-]+)\.zip$/.exec(req.path);
    if (download && req.method === 'GET') return this.logs.download(download[1], req.headers.authorization); // a pre-signed URL: no bearer
    const auth = req.headers.authorization ?? '';
    if (!auth) return graphErrors.noToken();
    if (auth !== `Bearer ${this.ctx.token}`) return graphErrors.badToken();
    const m = /^\/(v1\.0|beta)(\/.*)$/.exec(req.path);
    if (!m) return graphErrors.badRequest(`Invalid version: ${req.path.split('/')[1] ?? ''}`);
    const version = m[1] as GraphVersion;
    if (m[2] === '/$batch' && req.method === 'POST') return this.batch(version, req);
    return this.routed(version, m[2], req);
  }

  /** Limits, then the route; `$batch` sub-requests come through here one by one. */
  private routed(version: GraphVersion, path: string, req: SimRequest): SimResponse {
    const throttled = this.throttle(req.method !== 'GET');
    if (throttled) return throttled;
    try {
      return this.route(version, path, req);
    } catch (err) {
      if (err instanceof ODataError) return graphErrors.badRequest(err.message);
      throw err;
    }
  }

  private throttle(write: boolean): SimResponse | null {
    const now = this.ctx.now();
    let wait = 0;
    const r = this.requestWindow.take(now);
    if (!r.ok) wait = r.waitMs;
    else if (write) {
      const w = this.writeWindow.take(now);
      if (!w.ok) wait = w.waitMs;
    }
    if (wait === 0) return null;
    this.ctx.counters.throttled.graph++;
    this.throttledCount++;
    const every = this.ctx.limits.graphOmitRetryAfterEvery;
    const omit = every > 0 && this.throttledCount % every === 0;
    return graphErrors.throttled(omit ? null : Math.ceil(wait / 1000));
  }

  private route(version: GraphVersion, path: string, req: SimRequest): SimResponse {
    const { method } = req;
    for (const option of ['$search', '$expand', '$apply']) {
      if (req.query.has(option)) return graphErrors.badRequest(`The query option ${option} is not supported by the demo tenant.`);
    }
    if (path === '/deviceManagement/managedDevices' && method === 'GET') return this.listDevices(version, req);
    const dm = /^\/deviceManagement\/managedDevices(?:\/([^/()]+)|\('([^']+)'\))(\/.*)?$/.exec(path);
    if (dm) {
      const device = this.ctx.data.intuneById.get(dm[1] ?? dm[2]);
      if (!device) return graphErrors.notFound(`managedDevice '${dm[1] ?? dm[2]}'`);
      return this.deviceRoute(version, device, dm[3] ?? '', req);
    }
    if (path === '/users' && method === 'GET') return this.listUsers(version, req);
    if (path === '/auditLogs/signIns' && method === 'GET' && !this.ctx.entraPremium) return graphErrors.nonPremium();
    if (path === '/auditLogs/signIns' && method === 'GET')
      return json(200, { '@odata.context': this.context(version, 'auditLogs/signIns'), value: listSignIns(this.ctx.data, req.query, this.ctx.now()) });
    const um = /^\/users\/([^/]+)(\/getLoggedOnManagedDevices(?:\(\))?)?$/.exec(path);
    if (um && method === 'GET') {
      const key = um[1];
      const user = this.ctx.data.usersById.get(key) ?? this.ctx.data.usersByUpn.get(key.toLowerCase());
      if (!user) return graphErrors.userNotFound(key);
      if (!um[2]) return json(200, { '@odata.context': this.context(version, 'users/$entity'), ...project(userRecord(user), parseSelect(req.query.get('$select'), userFields, 'user')) });
      const select = parseSelect(req.query.get('$select'), deviceFields[version], 'managedDevice');
      const value = this.ctx.data.intuneDevices.filter((d) => !intuneForgotLogons(d) && d.usersLoggedOn.some((l) => l.userId === user.id)).map((d) => project(deviceRecord(d, version, 'list'), select));
      return json(200, { '@odata.context': this.context(version, 'deviceManagement/managedDevices'), value });
    }
    return graphErrors.noSegment(path.split('/').filter(Boolean).pop() ?? path);
  }

  private deviceRoute(version: GraphVersion, device: IntuneDevice, rest: string, req: SimRequest): SimResponse {
    const { counters } = this.ctx;
    const { method } = req;
    if (rest === '' && method === 'GET') {
      const select = parseSelect(req.query.get('$select'), deviceFields[version], 'managedDevice');
      return json(200, { '@odata.context': this.context(version, 'deviceManagement/managedDevices/$entity'), ...project(deviceRecord(device, version, 'get'), select) });
    }
    if (rest === '/users' && method === 'GET') {
      const user = device.userId ? this.ctx.data.usersById.get(device.userId) : undefined;
      return json(200, { '@odata.context': this.context(version, 'users'), value: user ? [userRecord(user)] : [] });
    }
    if (rest === '/users/$ref') {
      if (method === 'DELETE') {
        counters.countAction('removePrimaryUser', device.id);
        setPrimaryUser(device, null);
        return { status: 204 };
      }
      if (method === 'POST') return this.setPrimaryUser(device, req);
    }
    const action = /^\/(syncDevice|rebootNow|windowsDefenderScan)$/.exec(rest);
    if (action && method === 'POST') {
      counters.countAction(action[1], device.id);
      return { status: 204 };
    }
    if (version === 'beta') {
      if (rest === '/createDeviceLogCollectionRequest' && method === 'POST') return this.logs.create(device);
      if (rest === '/logCollectionRequests' && method === 'GET') {
        return json(200, { '@odata.context': this.context(version, 'deviceLogCollectionResponse'), value: this.logs.list(device) });
      }
      const dl = /^\/logCollectionRequests\/([^/]+)\/createDownloadUrl$/.exec(rest);
      if (dl && method === 'POST') return this.logs.createDownloadUrl(device, dl[1]);
    }
    return graphErrors.noSegment(rest.split('/').filter(Boolean).pop() ?? rest);
  }

  private listDevices(version: GraphVersion, req: SimRequest): SimResponse {
    const q = req.query;
    const select = parseSelect(q.get('$select'), deviceFields[version], 'managedDevice');
    const filterSrc = q.get('$filter');
    const lax = filterSrc ? startswithAsContains(parseFilter(filterSrc, filterableDeviceFields)) : null;
    const { offset, size } = this.paging(q);
    const all = this.rows(this.ctx.data.intuneDevices as unknown as Record<string, unknown>[], lax?.filter ?? null, parseOrderBy(q.get('$orderby'), filterableDeviceFields));
    const rows = lax?.lax ? all.slice(0, LAX_CAP) : all;
    const value = (rows.slice(offset, offset + size) as unknown as IntuneDevice[]).map((d) => project(deviceRecord(d, version, 'list'), select));
    const body: Record<string, unknown> = { '@odata.context': this.context(version, 'deviceManagement/managedDevices') };
    if (offset + size < rows.length) body['@odata.nextLink'] = this.nextLink(version, '/deviceManagement/managedDevices', q, offset + size);
    body.value = value;
    return json(200, body);
  }

  private listUsers(version: GraphVersion, req: SimRequest): SimResponse {
    const q = req.query;
    const select = parseSelect(q.get('$select'), userFields, 'user');
    const filterSrc = q.get('$filter');
    const filter = filterSrc ? parseFilter(filterSrc, userFields) : null;
    const { offset, size } = this.paging(q, 100, 999);
    const rows = this.rows(this.ctx.data.users as unknown as Record<string, unknown>[], filter, parseOrderBy(q.get('$orderby'), userFields));
    const body: Record<string, unknown> = { '@odata.context': this.context(version, 'users') };
    if (offset + size < rows.length) body['@odata.nextLink'] = this.nextLink(version, '/users', q, offset + size);
    body.value = (rows.slice(offset, offset + size) as unknown as GraphUser[]).map((u) => project(userRecord(u), select));
    return json(200, body);
  }

  /** Filtered and ordered rows; `$search` is refused rather than ignored (it would return wrong rows). */
  private rows(all: Record<string, unknown>[], filter: Filter | null, order: ReturnType<typeof parseOrderBy>): Record<string, unknown>[] {
    const rows = filter ? all.filter((r) => matches(filter, r)) : all;
    return order ? [...rows].sort(order) : rows;
  }

  private paging(q: URLSearchParams, defaultSize = PAGE, maxSize = PAGE): { offset: number; size: number } {
    const top = q.get('$top');
    let size = defaultSize;
    if (top !== null) {
      const n = Number(top);
      if (!Number.isInteger(n) || n < 1) throw new ODataError(`Invalid value '${top}' for $top.`);
      size = Math.min(n, maxSize);
    }
    const token = q.get('$skiptoken');
    if (token === null) return { offset: 0, size };
    const m = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw new ODataError('The $skiptoken is invalid or has expired.');
    return { offset: Number(m[1]), size };
  }

  private nextLink(version: GraphVersion, path: string, q: URLSearchParams, offset: number): string {
    const next = new URLSearchParams();
    for (const k of ['$select', '$filter', '$top']) {
      const v = q.get(k);
      if (v !== null) next.set(k, v);
    }
    next.set('$skiptoken', Buffer.from(`o:${offset}`).toString('base64url'));
    // Graph writes `$skiptoken`, not `%24skiptoken`; clients follow the link as given.
    return `${this.ctx.baseUrl()}/${version}${path}?${next.toString().replace(/%24/g, '$').replace(/\+/g, '%20')}`;
  }

  private context(version: GraphVersion, what: string): string {
    return `${this.ctx.baseUrl()}/${version}/$metadata#${what}`;
  }

  private setPrimaryUser(device: IntuneDevice, req: SimRequest): SimResponse {
    let ref: unknown;
    try {
      ref = JSON.parse(req.body || 'null');
    } catch {
      return graphErrors.badRequest('Invalid JSON in the request body.');
    }
    const odataId = typeof ref === 'object' && ref !== null ? (ref as Record<string, unknown>)['@odata.id'] : undefined;
    const m = typeof odataId === 'string' ? /\/users\/([^/?]+)$/.exec(odataId) : null;
    if (!m) return graphErrors.badRequest("The request body must be {\"@odata.id\": \"https://graph.microsoft.com/beta/users/{userId}\"}.");
    const user = this.ctx.data.usersById.get(m[1]);
    if (!user) return graphErrors.userNotFound(m[1]);
    if (device.operatingSystem !== 'Windows' || (device.joinType !== 'azureADJoined' && device.joinType !== 'hybridAzureADJoined')) {
      return graphErrors.badRequest('The primary user can only be changed on Microsoft Entra joined or hybrid joined Windows devices.');
    }
    this.ctx.counters.countAction('setPrimaryUser', device.id);
    setPrimaryUser(device, user);
    return { status: 204 };
  }


  private batch(version: GraphVersion, req: SimRequest): SimResponse {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return graphErrors.badRequest('Invalid JSON in the batch request body.');
    }
    const requests = (parsed as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return graphErrors.badRequest('The batch request must contain a non-empty "requests" array.');
    if (requests.length > BATCH_MAX) return graphErrors.badRequest(`Number of batch request steps exceeds the maximum of ${BATCH_MAX}.`);
    const ids = new Set<string>();
    for (const r of requests as Record<string, unknown>[]) {
      if (typeof r?.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') return graphErrors.badRequest('Each batch request needs string id, method and url.');
      if (ids.has(r.id)) return graphErrors.badRequest(`Batch request ids must be unique; '${r.id}' repeats.`);
      ids.add(r.id);
    }
    const responses = (requests as { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string> }[]).map((r) => {
      const res = this.subRequest(version, r);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers ?? {})) if (k === 'content-type' || k === 'retry-after') headers[k === 'content-type' ? 'Content-Type' : 'Retry-After'] = v;
      return { id: r.id, status: res.status, headers, body: res.body ?? null };
    });
    return json(200, { responses });
  }

  private subRequest(version: GraphVersion, r: { method: string; url: string; body?: unknown }): SimResponse {
    const url = new URL(r.url.replace(/^\/?/, '/'), 'http://batch');
    const fullPath = `/${version}${decodeURIComponent(url.pathname)}`;
    this.ctx.counters.requests.graph++;
    const fault = this.ctx.faults.take('graph', r.method, fullPath, true);
    if (fault) {
      this.ctx.counters.faults++;
      if (fault.kind === 'unauthorized') return graphErrors.badToken();
      if (fault.kind === 'forbidden') return graphErrors.forbidden();
      if (fault.kind === 'throttled') return graphErrors.throttled(fault.retryAfterSeconds);
      return graphErrors.server(fault.status);
    }
    const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return this.routed(version, decodeURIComponent(url.pathname), { method: r.method.toUpperCase(), path: fullPath, query: url.searchParams, headers: {}, body });
  }
}
