// The Workspace ONE UEM simulator: v1 device and user search, lookups by serial/id/uuid, commands,
// the v3 user-mode action, an OAuth token endpoint; Basic or Bearer auth with aw-tenant-code.
import { json, type Outcome, type SimRequest, type SimResponse } from '../http.ts';
import { MALFORMED_JSON, type FaultInjector } from '../faults.ts';
import type { DemoCounters } from '../counters.ts';
import { SlidingWindow, type DemoLimits } from '../limits.ts';
import type { TenantData, Ws1Device } from '../model.ts';
import { deviceV1, deviceV2, userV1 } from './records.ts';
import { actionBodyProblem, demoActionAnswer, demoActionBody, demoDescriptions, demoHelpIndex } from './description.ts';
import { ws1Errors } from './errors.ts';
import { ModeChanges, type ModeAction } from './modes.ts';

export interface Ws1Credentials {
  clientId: string;
  clientSecret: string;
  tenantCode: string;
  basicUser: string;
  basicPassword: string;
}

export interface Ws1Context {
  data: TenantData;
  credentials: Ws1Credentials;
  faults: FaultInjector;
  counters: DemoCounters;
  limits: DemoLimits;
  now: () => number;
  consumeDelayMs: number;
  tokenLifetimeSeconds: number;
  /** Makes an unguessable bearer token. */
  newToken: () => string;
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_PAGE_SIZE = 10_000;
const COMMANDS = new Set(['SyncDevice', 'DeviceQuery', 'SoftReset', 'LockDevice']);
const ALT_IDS: Record<string, (d: Ws1Device) => string> = {
  serialnumber: (d) => d.serialNumber,
  udid: (d) => d.udid,
  macaddress: (d) => d.macAddress,
  imeinumber: () => '',
  easid: () => '',
};

export class Ws1Simulator {
  readonly modes: ModeChanges;
  private readonly window: SlidingWindow;
  private readonly tokens = new Map<string, number>();

  constructor(private readonly ctx: Ws1Context) {
    this.modes = new ModeChanges(ctx.now, ctx.consumeDelayMs);
    this.window = new SlidingWindow(ctx.limits.ws1Requests);
  }

  async handle(req: SimRequest): Promise<Outcome> {
    try {
      return await this.handleUnsafe(req);
    } catch {
      return ws1Errors.server(500); // a bug in the simulator still answers in the platform's error shape
    }
  }

  private async handleUnsafe(req: SimRequest): Promise<Outcome> {
    const { ctx } = this;
    ctx.counters.requests.ws1++;
    if (/^\/api\/mdm\/devices\/bulk\/?$/i.test(req.path)) return ws1Errors.bulkRefused();
    const fault = ctx.faults.take('ws1', req.method, req.path);
    if (fault) {
      ctx.counters.faults++;
      switch (fault.kind) {
        case 'unauthorized':
          return ws1Errors.unauthorized();
        case 'forbidden':
          return ws1Errors.forbidden();
        case 'throttled':
          return ws1Errors.throttled(fault.retryAfterSeconds);
        case 'server_error':
          return ws1Errors.server(fault.status);
        case 'drop':
          return { drop: true };
        case 'malformed_json':
          return json(200, MALFORMED_JSON);
        case 'slow':
          return { delayMs: fault.delayMs, until: fault.until, then: this.answer(req) };
      }
    }
    return this.answer(req);
  }

  private answer(req: SimRequest): SimResponse {
    if (req.path === '/connect/token') return req.method === 'POST' ? this.token(req) : ws1Errors.htmlNotFound();
    if (!req.path.startsWith('/api/')) return ws1Errors.htmlNotFound();
    const denied = this.authenticate(req);
    if (denied) return denied;
    const limited = this.window.take(this.ctx.now());
    if (!limited.ok) {
      this.ctx.counters.throttled.ws1++;
      return ws1Errors.throttled(Math.ceil(limited.waitMs / 1000));
    }
    this.modes.settle();
    return this.route(req);
  }

  private authenticate(req: SimRequest): SimResponse | null {
    const { credentials } = this.ctx;
    const auth = req.headers.authorization ?? '';
    if (auth.startsWith('Basic ')) {
      const [user, ...pw] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
      if (user !== credentials.basicUser || pw.join(':') !== credentials.basicPassword) return ws1Errors.unauthorized();
    } else if (auth.startsWith('Bearer ')) {
      const expires = this.tokens.get(auth.slice(7));
      if (expires === undefined || this.ctx.now() >= expires) return ws1Errors.unauthorized();
    } else return ws1Errors.unauthorized();
    if (req.headers['aw-tenant-code'] !== credentials.tenantCode) return ws1Errors.tenantCode();
    return null;
  }

  private token(req: SimRequest): SimResponse {
    const form = new URLSearchParams(req.body);
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const auth = req.headers.authorization ?? '';
    if (auth.startsWith('Basic ')) [id, secret] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return json(400, { error: 'invalid_request', error_description: 'The request must be form-encoded.' });
    if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    if (id !== this.ctx.credentials.clientId || secret !== this.ctx.credentials.clientSecret) return json(400, { error: 'invalid_client' });
    const token = this.ctx.newToken();
    this.tokens.set(token, this.ctx.now() + this.ctx.tokenLifetimeSeconds * 1000);
    return json(200, { access_token: token, expires_in: this.ctx.tokenLifetimeSeconds, token_type: 'Bearer', scope: 'api' });
  }

  private route(req: SimRequest): SimResponse {
    const { method, path, query } = req;
    const { data } = this.ctx;
    if (method === 'GET' && /^\/api\/help\/?$/i.test(path)) return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: demoHelpIndex() };
    const doc = /^\/api\/help\/Docs\/([a-z0-9]+)$/i.exec(path);
    if (method === 'GET' && doc) {
      const d = demoDescriptions[doc[1].toLowerCase()];
      return d ? json(200, d) : ws1Errors.htmlNotFound();
    }
    if (method === 'GET' && path === '/api/mdm/devices/search') return this.searchDevices(query);
    if (method === 'GET' && path === '/api/system/users/search') return this.searchUsers(query);
    if (method === 'GET' && path === '/api/mdm/devices') {
      const by = ALT_IDS[(query.get('searchby') ?? '').toLowerCase()];
      const id = query.get('id') ?? '';
      if (!by || !id) return ws1Errors.badRequest('searchby (Serialnumber, Udid, Macaddress, ImeiNumber, EasId) and id are required.');
      const d = data.ws1Devices.find((x) => by(x) !== '' && by(x).toLowerCase() === id.toLowerCase());
      return d ? json(200, deviceV1(d, data)) : ws1Errors.deviceNotFound();
    }
    if (method === 'POST' && path === '/api/mdm/devices/action') return this.modeAction(req);
    const one = /^\/api\/mdm\/devices\/([^/]+)$/.exec(path);
    if (one && method === 'GET') {
      if (/^\d+$/.test(one[1])) {
        const d = data.ws1ById.get(Number(one[1]));
        return d ? json(200, deviceV1(d, data)) : ws1Errors.deviceNotFound();
      }
      const d = data.ws1ByUuid.get(one[1].toLowerCase());
      return d ? json(200, deviceV2(d, data, this.modes.pendingActionFor(d.uuid))) : ws1Errors.deviceNotFound();
    }
    const cmd = /^\/api\/mdm\/devices\/(\d+)\/commands$/.exec(path);
    if (cmd && method === 'POST') {
      const d = data.ws1ById.get(Number(cmd[1]));
      if (!d) return ws1Errors.deviceNotFound();
      const command = query.get('command') ?? '';
      if (!COMMANDS.has(command)) return ws1Errors.badRequest(`Unknown or unsupported command '${command}'.`);
      this.ctx.counters.countAction(`ws1.${command}`, d.uuid);
      return { status: 202 };
    }
    return ws1Errors.htmlNotFound();
  }

  private page(q: URLSearchParams): { page: number; size: number } | SimResponse {
    const page = Number(q.get('page') ?? 0);
    const size = Number(q.get('pagesize') ?? DEFAULT_PAGE_SIZE);
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1) return ws1Errors.badRequest('page must be 0 or more and pagesize 1 or more.');
    return { page, size: Math.min(size, MAX_PAGE_SIZE) };
  }

  private searchDevices(q: URLSearchParams): SimResponse {
    const p = this.page(q);
    if ('status' in p) return p;
    const { data } = this.ctx;
    const user = q.get('user')?.toLowerCase();
    const model = q.get('model')?.toLowerCase();
    const platform = q.get('platform')?.toLowerCase();
    const ownership = q.get('ownership')?.toUpperCase();
    const lgid = q.get('lgid');
    const compliant = q.get('compliantstatus')?.toLowerCase();
    const seenSince = q.get('seensince') ? Date.parse(q.get('seensince') as string) : null;
    const seenBefore = q.get('lastseen') ? Date.parse(q.get('lastseen') as string) : null;
    if (Number.isNaN(seenSince) || Number.isNaN(seenBefore)) return ws1Errors.badRequest('seensince and lastseen must be dates.');
    let rows = data.ws1Devices.filter((d) => {
      if (user && data.ws1UsersById.get(d.enrolledUserId)?.userName.toLowerCase() !== user) return false;
      if (model && !d.model.toLowerCase().includes(model)) return false;
      if (platform && d.platform.toLowerCase() !== platform) return false;
      if (ownership && d.ownership !== ownership) return false;
      if (lgid && String(d.locationGroupId) !== lgid) return false;
      if (compliant && d.compliant !== (compliant === 'true' || compliant === 'compliant')) return false;
      const seen = Date.parse(d.lastSeen);
      if (seenSince !== null && seen < seenSince) return false;
      if (seenBefore !== null && seen > seenBefore) return false;
      return true;
    });
    const orderBy = q.get('orderby');
    if (orderBy) {
      const key = orderBy.toLowerCase();
      const get = (d: Ws1Device): string | number =>
        key === 'lastseen' ? d.lastSeen : key === 'serialnumber' ? d.serialNumber : key === 'devicefriendlyname' ? d.friendlyName : key === 'model' ? d.model : d.id;
      const dir = (q.get('sortorder') ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
      rows = [...rows].sort((a, b) => (get(a) < get(b) ? -dir : get(a) > get(b) ? dir : 0));
    }
    const slice = rows.slice(p.page * p.size, (p.page + 1) * p.size);
    if (rows.length === 0) return { status: 204 };
    return json(200, { Devices: slice.map((d) => deviceV1(d, data)), Page: p.page, PageSize: p.size, Total: rows.length });
  }

  private searchUsers(q: URLSearchParams): SimResponse {
    const p = this.page(q);
    if ('status' in p) return p;
    const { data } = this.ctx;
    const want = (k: string) => q.get(k)?.toLowerCase();
    const [username, email, firstname, lastname] = [want('username'), want('email'), want('firstname'), want('lastname')];
    const rows = data.ws1Users.filter(
      (u) =>
        (!username || u.userName.toLowerCase().includes(username)) &&
        (!email || u.email.toLowerCase().includes(email)) &&
        (!firstname || u.firstName.toLowerCase().includes(firstname)) &&
        (!lastname || u.lastName.toLowerCase().includes(lastname)),
    );
    if (rows.length === 0) return { status: 204 };
    const slice = rows.slice(p.page * p.size, (p.page + 1) * p.size);
    const counts = new Map<number, number>();
    for (const d of data.ws1Devices) counts.set(d.enrolledUserId, (counts.get(d.enrolledUserId) ?? 0) + 1);
    return json(200, { Users: slice.map((u) => userV1(u, counts.get(u.id) ?? 0)), Page: p.page, PageSize: p.size, Total: rows.length });
  }

  /** v3 devices/action, held to the demo's own description (description.ts): any other body gets 400. */
  private modeAction(req: SimRequest): SimResponse {
    if (!/version\s*=\s*3\b/.test(req.headers.accept ?? '')) return ws1Errors.badRequest('This action needs Accept: application/json;version=3.');
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return ws1Errors.badRequest('The request body is not valid JSON.');
    }
    const problem = actionBodyProblem(body);
    if (problem) return ws1Errors.badRequest(problem);
    const b = body as Record<string, unknown>;
    const action = b[demoActionBody.action] as ModeAction;
    const group = String(b[demoActionBody.organizationGroup]).toLowerCase();
    const queued: string[] = [];
    const failed: Record<string, string>[] = [];
    for (const uuid of b[demoActionBody.uuids] as string[]) {
      const device = this.ctx.data.ws1ByUuid.get(uuid.toLowerCase());
      const result =
        device && device.locationGroupUuid.toLowerCase() !== group
          ? { ok: false as const, reason: `The device is not in organization group ${group}.` }
          : this.modes.request(action, device);
      this.ctx.counters.countAction(action, uuid);
      if (result.ok) queued.push(uuid);
      else failed.push({ [demoActionAnswer.uuid]: uuid, [demoActionAnswer.reason]: result.reason });
    }
    return json(200, { [demoActionAnswer.queued]: queued, [demoActionAnswer.failed]: failed });
  }
}
