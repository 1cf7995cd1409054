// Workspace ONE UEM REST client: v1 device search, lookup by serial / id / uuid, user search.
// Version in the Accept header; page/pagesize/Total paging; 204 = none; JSON or HTML error bodies.
import { AppError } from '../../common/errors.ts';
import { ResilientHttp, type HttpDeps, type HttpResponse } from '../graph/http.ts';
import { field, type Ws1Record } from './normalize.ts';

export interface Ws1ClientOptions extends HttpDeps {
  /** API host root, e.g. https://as1506.awmdm.com (not the cn console host). */
  baseUrl: string;
  /** Authorization (Basic or Bearer) plus aw-tenant-code, fresh per attempt. */
  authHeaders: () => Promise<Record<string, string>>;
  onUnauthorized?: () => Promise<void>;
  pageSize?: number;
}

export interface Ws1Page {
  devices: Ws1Record[];
  total: number;
}

const forbidden =
  'Workspace ONE refused access: the admin role needs device read rights in this organisation group (and "Device Reassignment" for user-mode changes).';

export class Ws1Client {
  private readonly http: ResilientHttp;
  private readonly base: string;
  readonly pageSize: number;

  constructor(private readonly options: Ws1ClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.pageSize = options.pageSize ?? 500;
    this.http = new ResilientHttp({ label: 'Workspace ONE', onUnauthorized: options.onUnauthorized, forbidden: () => forbidden, alsoTransient: [408] }, options);
  }

  get apiBase(): string {
    return this.base;
  }

  /** GET returning the parsed body, or null for 204 / 404 (none). */
  private async get(path: string, signal: AbortSignal | undefined, what: string, version = 1): Promise<Ws1Record | null> {
    const r = await this.http.send({
      method: 'GET',
      url: `${this.base}${path}`,
      headers: async () => ({ ...(await this.options.authHeaders()), Accept: `application/json;version=${version}` }),
      signal,
    });
    if (r.status === 204 || r.status === 404) return null;
    if (r.status < 200 || r.status >= 300) throw ws1Error(r, what);
    if (r.text.trim() === '') return null;
    return parseBody(r, what);
  }

  /** One page of `/api/mdm/devices/search` (v1). */
  async searchDevices(params: Record<string, string>, page: number, signal?: AbortSignal): Promise<Ws1Page> {
    const q = new URLSearchParams({ ...params, page: String(page), pagesize: String(this.pageSize) });
    const body = await this.get(`/api/mdm/devices/search?${q}`, signal, 'the device search');
    if (!body) return { devices: [], total: 0 };
    const devices = field(body, 'Devices');
    const list = Array.isArray(devices) ? (devices as Ws1Record[]) : [];
    const total = Number(field(body, 'Total'));
    return { devices: list, total: Number.isFinite(total) ? total : list.length };
  }

  /** Every page until Total is reached (or a short page). */
  async searchAllDevices(params: Record<string, string>, signal?: AbortSignal, onPage?: (done: number, total: number) => void): Promise<Ws1Record[]> {
    const all: Ws1Record[] = [];
    for (let page = 0; ; page++) {
      const r = await this.searchDevices(params, page, signal);
      all.push(...r.devices);
      onPage?.(all.length, r.total);
      if (r.devices.length === 0 || all.length >= r.total || r.devices.length < this.pageSize) return all;
    }
  }

  /** `searchby=Serialnumber`; null when there is no such device. */
  async bySerial(serial: string, signal?: AbortSignal): Promise<Ws1Record | null> {
    const q = new URLSearchParams({ searchby: 'Serialnumber', id: serial });
    return unwrapDevice(await this.get(`/api/mdm/devices?${q}`, signal, `the device with serial ${serial}`));
  }

  async byId(id: string, signal?: AbortSignal): Promise<Ws1Record | null> {
    return unwrapDevice(await this.get(`/api/mdm/devices/${encodeURIComponent(id)}`, signal, `device ${id}`));
  }

  /** v2 record (camelCase); the normaliser reads both spellings. */
  async byUuid(uuid: string, signal?: AbortSignal): Promise<Ws1Record | null> {
    return unwrapDevice(await this.get(`/api/mdm/devices/${encodeURIComponent(uuid)}`, signal, `device ${uuid}`, 2));
  }

  /** `/api/system/users/search` by user name, or first + last name for "Anna Berg". */
  async searchUsers(text: string, signal?: AbortSignal): Promise<Ws1Record[]> {
    const words = text.trim().split(/\s+/);
    const params: Record<string, string> = words.length > 1 ? { firstname: words[0], lastname: words.slice(1).join(' ') } : { username: text.trim() };
    const body = await this.get(`/api/system/users/search?${new URLSearchParams({ ...params, page: '0', pagesize: '50' })}`, signal, 'the user search');
    const users = body ? field(body, 'Users') : undefined;
    return Array.isArray(users) ? (users as Ws1Record[]) : [];
  }
}

/** `searchby` answers with `{ Devices: [...] }` on some versions and a bare record on others. */
function unwrapDevice(body: Ws1Record | null): Ws1Record | null {
  if (!body) return null;
  const list = field(body, 'Devices');
  if (Array.isArray(list)) return (list[0] as Ws1Record | undefined) ?? null;
  return body;
}

function parseBody(r: HttpResponse, what: string): Ws1Record {
  try {
    const v: unknown = JSON.parse(r.text);
    if (v && typeof v === 'object') return v as Ws1Record;
  } catch {
    // fall through
  }
  throw new AppError('internal', `Workspace ONE sent an unreadable answer for ${what}.`, r.text.slice(0, 300));
}

/** JSON `{ errorCode, message, activityId }` or an HTML page: the sentence plus detail for the log. */
export function ws1Error(r: HttpResponse, what: string): AppError {
  const type = r.headers.get('content-type') ?? '';
  let detail = r.text.slice(0, 300);
  let said = '';
  if (type.includes('json')) {
    try {
      const b = JSON.parse(r.text) as { errorCode?: unknown; message?: unknown; activityId?: unknown };
      said = typeof b.message === 'string' ? b.message : '';
      detail = `errorCode ${String(b.errorCode)} activityId ${String(b.activityId)}: ${said}`;
    } catch {
      // keep raw detail
    }
  } else {
    said = /<title>([^<]*)<\/title>/i.exec(r.text)?.[1]?.trim() ?? '';
  }
  return new AppError('internal', `Workspace ONE rejected the request for ${what} (HTTP ${r.status}${said ? `: ${said}` : ''}).`, detail);
}
