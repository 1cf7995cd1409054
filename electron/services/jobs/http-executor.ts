// An ActionExecutor speaking the Graph and WS1 wire shapes directly with fetch: used with the demo tenant
// and in tests until the Graph/WS1 clients grow write calls (then adapt those to ActionExecutor instead).
import { AppError } from '../../common/errors.ts';
import { apiTrace } from '../net/api-trace.ts';
import type { ActionId, DeviceState, JobTarget } from '../../common/jobs.ts';
import { enumKey, ws1UserModes } from '../ws1/mapping.ts';
import type { Ws1ModeWire } from '../ws1/mode-wire.ts';
import { ws1OrganizationGroupUuid, ws1PendingModeAction, ws1UserModeRaw } from '../ws1/normalize.ts';
import { Ws1WireBook } from '../ws1/wire-book.ts';
import type { ActionExecutor, CallOutcome, IntuneWriteCall, Ws1BatchOutcome } from './executor.ts';
import { intuneWire, intuneWrite } from './intune-wire.ts';
import { sendWs1ModeChange, ws1ModeActionWire } from './ws1-action-wire.ts';

/** Unverified: how a WS1 device is read back by uuid; the user-mode field and values are ws1/mapping.ts's. */
export const ws1DeviceRead = {
  path: (uuid: string) => `/api/mdm/devices/${encodeURIComponent(uuid)}`,
  accept: 'application/json;version=2',
} as const;

type NotOk = Exclude<CallOutcome, { kind: 'ok' }>;

export interface HttpExecutorOptions {
  /** Absent when the tenant has no Intune side: Intune calls then fail with a sentence. */
  graph?: { url: string /* e.g. https://graph.microsoft.com, no version */; getToken: () => Promise<string> };
  /** Authorization + aw-tenant-code headers for WS1. */
  ws1?: { url: string; getHeaders: () => Promise<Record<string, string>>; modeWire?: () => Promise<Ws1ModeWire> };
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createHttpExecutor(o: HttpExecutorOptions): ActionExecutor {
  const doFetch = o.fetch ?? fetch;
  const ownWireBook = new Ws1WireBook(null); // without a shared book: the tenant's description is read once here
  const timeoutMs = o.timeoutMs ?? 30_000;

  async function call(url: string, init: RequestInit, signal: AbortSignal, platform: 'intune' | 'ws1'): Promise<{ res?: Response; out?: NotOk }> {
    let res: Response;
    const started = Date.now();
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
      apiTrace.record({ service: platform === 'intune' ? 'Intune' : 'Workspace ONE', method: init.method ?? 'GET', url, status: res.status, startedMs: started, headers: res.headers });
    } catch (err) {
      apiTrace.record({ service: platform === 'intune' ? 'Intune' : 'Workspace ONE', method: init.method ?? 'GET', url, status: null, startedMs: started });
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      const code = signal.aborted ? 'cancelled' : timedOut ? 'timeout' : 'unavailable';
      const service = platform === 'intune' ? 'Intune' : 'Workspace ONE';
      return { out: { kind: 'transient', error: new AppError(code, timedOut ? `${service} did not answer in time.` : `${service} could not be reached.`, String(err)) } };
    }
    const requestId = res.headers.get('request-id') ?? res.headers.get('client-request-id') ?? undefined;
    if (res.ok) return { res };
    const body = await res.text().catch(() => '');
    return { out: classify(res.status, res.headers.get('retry-after'), body, platform, requestId) };
  }

  const graphHeaders = async (json: boolean): Promise<Record<string, string>> => ({
    authorization: `Bearer ${await o.graph!.getToken()}`,
    ...(json ? { 'content-type': 'application/json' } : {}),
  });
  const graph = (path: string) => `${o.graph!.url}/${intuneWire.version}${path}`;
  const ws1Headers = () => o.ws1!.getHeaders();
  const notConnected = (service: string): NotOk => ({ kind: 'failed', error: new AppError('not_allowed', `${service} is not connected for this tenant.`) });

  return {
    async intuneWrite(c: IntuneWriteCall, signal) {
      if (!o.graph) return notConnected('Intune');
      const w = intuneWrite(c.action, c.deviceId, o.graph.url, c.user);
      const r = await call(graph(w.path), { method: w.method, headers: await graphHeaders(!!w.body), body: w.body }, signal, 'intune');
      return r.out ?? { kind: 'ok', requestId: r.res!.headers.get('request-id') ?? undefined };
    },
    async intuneSync(deviceId, signal) {
      if (!o.graph) return notConnected('Intune');
      const r = await call(graph(intuneWire.syncPath(deviceId)), { method: 'POST', headers: await graphHeaders(false) }, signal, 'intune');
      return r.out ?? { kind: 'ok', requestId: r.res!.headers.get('request-id') ?? undefined };
    },
    async ws1Action(action: ActionId, uuids: string[], signal): Promise<Ws1BatchOutcome> {
      if (!o.ws1) return notConnected('Workspace ONE');
      const ws1 = o.ws1;
      return sendWs1ModeChange(action, uuids, {
        wire: await (ws1.modeWire?.() ?? ownWireBook.forChange({ baseUrl: ws1.url, authHeaders: ws1Headers, fetch: o.fetch, signal })),
        post: async (req) => {
          const r = await call(`${ws1.url}${req.path}`, { method: req.method, headers: { ...(await ws1Headers()), ...req.headers }, body: req.body }, signal, 'ws1');
          return r.out ?? { kind: 'sent', body: await r.res!.json().catch(() => undefined), requestId: r.res!.headers.get('request-id') ?? undefined };
        },
        organizationGroupOf: async (uuid) => {
          const r = await call(`${ws1.url}${ws1DeviceRead.path(uuid)}`, { headers: { ...(await ws1Headers()), accept: ws1DeviceRead.accept } }, signal, 'ws1');
          return r.out ? null : ws1OrganizationGroupUuid((await r.res!.json().catch(() => ({}))) as Record<string, unknown>);
        },
      });
    },
    async readState(t: JobTarget, signal) {
      const state: DeviceState = {};
      if (t.intune && o.graph) {
        const r = await call(graph(intuneWire.usersPath(t.intune.id)), { headers: await graphHeaders(false) }, signal, 'intune');
        if (r.out) return { kind: 'error', error: 'error' in r.out ? r.out.error : new AppError('throttled', 'Intune is busy; try again.') };
        const users = ((await r.res!.json()) as { value?: { id: string; userPrincipalName?: string }[] }).value ?? [];
        state.primaryUser = users[0] ? { id: users[0].id, upn: users[0].userPrincipalName } : null;
      }
      if (t.ws1 && o.ws1) {
        const r = await call(`${o.ws1.url}${ws1DeviceRead.path(t.ws1.uuid)}`, { headers: { ...(await ws1Headers()), accept: ws1DeviceRead.accept } }, signal, 'ws1');
        if (r.out) return { kind: 'error', error: 'error' in r.out ? r.out.error : new AppError('throttled', 'Workspace ONE is busy; try again.') };
        const rec = (await r.res!.json()) as Record<string, unknown>;
        const mode = ws1UserModeRaw(rec, (await o.ws1.modeWire?.())?.userMode?.path);
        state.ws1UserMode = (mode && ws1UserModes[enumKey(mode)]) || 'unknown';
        const pending = Object.entries(ws1ModeActionWire.actionNames).find(([, name]) => name === ws1PendingModeAction(rec));
        if (pending) state.ws1PendingAction = pending[0] as ActionId;
      }
      return { kind: 'ok', state };
    },
  };
}

/** HTTP status → outcome, with the sentence a technician needs (403: which right is missing). */
export function classify(status: number, retryAfter: string | null, body: string, platform: 'intune' | 'ws1', requestId?: string): NotOk {
  const service = platform === 'intune' ? 'Intune' : 'Workspace ONE';
  const detail = `${status} ${body.slice(0, 500)}`;
  if (status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(retryAfter), requestId };
  if (status === 401) return { kind: 'failed', requestId, error: new AppError('unauthorized', `${service} no longer accepts your sign-in; sign in again, then retry the failed devices.`, detail) };
  if (status === 403)
    return {
      kind: 'failed',
      requestId,
      error: new AppError(
        'forbidden',
        platform === 'intune'
          ? 'Intune refused: the sign-in needs DeviceManagementManagedDevices.ReadWrite.All and the Intune role right "Managed devices / Set primary user".'
          : 'Workspace ONE refused: your admin role needs the "Device Reassignment" privilege (not in Device Administrator by default).',
        detail,
      ),
    };
  if (status === 404) return { kind: 'failed', requestId, error: new AppError('not_found', `${service} no longer knows this device.`, detail) };
  if (status === 408 || status >= 500) return { kind: 'transient', requestId, error: new AppError('unavailable', `${service} had a problem (HTTP ${status}).`, detail) };
  return { kind: 'failed', requestId, error: new AppError('not_allowed', `${service} refused the change (HTTP ${status}).`, detail) };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(v: string | null, now = Date.now()): number | undefined {
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
