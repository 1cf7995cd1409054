// The Workspace ONE v3 mode-change call. Its body follows the wire shape read from the tenant's own API
// description (ws1/mode-wire.ts, ws1/wire-book.ts); without one, the best-known shape, marked unverified.
import { AppError } from '../../common/errors.ts';
import type { ActionId } from '../../common/jobs.ts';
import type { CallOutcome, Ws1BatchOutcome } from './executor.ts';
import { field } from '../ws1/normalize.ts';
import { bestKnownModeWire, unverifiedShapeNote, type Ws1ModeWire } from '../ws1/mode-wire.ts';

/** Documented: path, version header and the action names. Unverified: the per-call limit (the console's 100). */
export const ws1ModeActionWire = {
  method: 'POST',
  path: bestKnownModeWire.path,
  accept: `application/json;version=${bestKnownModeWire.version}`,
  maxDevicesPerCall: 100,
  actionNames: {
    'ws1.changeToMultiuser': 'CHANGE_TO_MULTIUSER',
    'ws1.migrateToMultiuser': 'MIGRATE_TO_MULTIUSER',
    'ws1.changeToSingleuser': 'CHANGE_TO_SINGLEUSER',
  } as Partial<Record<ActionId, string>>,
} as const;

export interface Ws1ModeActionRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Ws1ModeActionOptions {
  /** The tenant's wire shape; the best-known one when absent. */
  wire?: Ws1ModeWire;
  /** The devices' organization group, for descriptions that carry one. */
  organizationGroupUuid?: string | null;
}

export function ws1ModeActionRequest(action: ActionId, uuids: readonly string[], opts: Ws1ModeActionOptions = {}): Ws1ModeActionRequest {
  const wire = opts.wire ?? bestKnownModeWire;
  const name = ws1ModeActionWire.actionNames[action];
  if (!name) throw new Error(`${action} is not a Workspace ONE mode change`);
  if (uuids.length === 0 || uuids.length > ws1ModeActionWire.maxDevicesPerCall) throw new Error(`1..${ws1ModeActionWire.maxDevicesPerCall} devices per call`);
  if (wire.verified && !wire.body.actionValues.includes(name)) throw new AppError('not_allowed', `This tenant's API does not offer ${name} (it offers ${wire.body.actionValues.join(', ')}).`);
  const b = wire.body;
  const body: Record<string, unknown> = { [b.actionKey]: name, [b.deviceUuidsKey]: [...uuids] };
  if (b.organizationGroupUuidKey && opts.organizationGroupUuid) body[b.organizationGroupUuidKey] = opts.organizationGroupUuid;
  if (b.countKey) body[b.countKey] = uuids.length;
  if (b.reasonKey) body[b.reasonKey] = 'User mode change requested from Shared Device Helpdesk';
  return {
    method: ws1ModeActionWire.method,
    path: wire.path,
    headers: { accept: `application/json;version=${wire.version}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

export interface Ws1ModeActionResult {
  accepted: string[];
  rejected: { uuid: string; reason: string }[];
  /** False when the answer's shape is not known: every device of a 2xx counts as accepted (never re-sent blind). */
  shapeKnown?: boolean;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : []);

/**
 * Reads a 2xx answer. With the tenant's response shape: per device. Without it (or when the body does not
 * follow it) and with the sent UUIDs: all accepted, since a 2xx means the tenant took the request.
 * Returns undefined only when neither the shape nor the UUIDs are known.
 */
export function parseWs1ModeActionResponse(body: unknown, sent?: readonly string[], wire?: Ws1ModeWire): Ws1ModeActionResult | undefined {
  const keys = wire?.response?.acceptedKey
    ? { accepted: wire.response.acceptedKey, rejected: wire.response.rejectedKey, uuid: wire.response.rejectedUuidKey ?? 'device_uuid', reason: wire.response.rejectedReasonKey ?? 'reason' }
    : { accepted: 'accepted', rejected: 'rejected', uuid: 'device_uuid', reason: 'reason' };
  const list = body && typeof body === 'object' ? field(body, keys.accepted) : undefined;
  if (Array.isArray(list)) {
    const rejected: Ws1ModeActionResult['rejected'] = [];
    const raw = keys.rejected ? field(body, keys.rejected) : undefined;
    for (const r of Array.isArray(raw) ? raw : []) {
      if (typeof r === 'string') rejected.push({ uuid: r, reason: 'rejected' });
      const uuid = field(r, keys.uuid);
      const reason = field(r, keys.reason);
      if (typeof uuid === 'string') rejected.push({ uuid, reason: typeof reason === 'string' ? reason : 'rejected' });
    }
    return { accepted: strings(list), rejected, shapeKnown: true };
  }
  if (sent?.length) return { accepted: [...sent], rejected: [], shapeKnown: false };
  return undefined;
}

/** A one-line description of the call for the preview; says when the shape is not verified on the tenant. */
export function describeWs1Call(action: ActionId, wire?: Ws1ModeWire | null): string {
  const call = `POST ${ws1ModeActionWire.path} (v3) ${ws1ModeActionWire.actionNames[action] ?? action}`;
  if (wire === undefined || wire?.verified) return call; // undefined: the caller does not know the tenant's shape
  return `${call} (${unverifiedShapeNote})`;
}

/** Splits devices by organization group when the tenant's body carries one (one group per call). */
export function ws1ModeBatches(wire: Ws1ModeWire, uuids: readonly string[], groupOf: ReadonlyMap<string, string | null>): Array<{ organizationGroupUuid: string | null; uuids: string[] }> {
  if (!wire.body.organizationGroupUuidKey) return [{ organizationGroupUuid: null, uuids: [...uuids] }];
  const by = new Map<string | null, string[]>();
  for (const u of uuids) {
    const og = groupOf.get(u) ?? null;
    by.set(og, [...(by.get(og) ?? []), u]);
  }
  return [...by].map(([organizationGroupUuid, list]) => ({ organizationGroupUuid, uuids: list }));
}

export interface Ws1ModeSend {
  wire: Ws1ModeWire;
  /** One POST of the request: the 2xx body, or the outcome of a call that did not succeed. */
  post: (req: Ws1ModeActionRequest) => Promise<{ kind: 'sent'; body: unknown; requestId?: string } | Exclude<CallOutcome, { kind: 'ok' }>>;
  /** The device's organization group UUID, read from its record (only when the body carries one). */
  organizationGroupOf: (uuid: string) => Promise<string | null>;
}

/**
 * One executor call for up to 100 devices: one POST per organization group when the tenant's body has
 * one. If the first POST does not succeed its outcome is the call's; after one succeeded, a later failure
 * marks only its own devices as rejected (with the reason), so what was sent is never sent again.
 */
export async function sendWs1ModeChange(action: ActionId, uuids: readonly string[], d: Ws1ModeSend): Promise<Ws1BatchOutcome> {
  const ogKey = d.wire.body.organizationGroupUuidKey;
  const groups = new Map<string, string | null>();
  if (ogKey) for (const u of uuids) groups.set(u, await d.organizationGroupOf(u));
  const out: Extract<Ws1BatchOutcome, { kind: 'ok' }> = { kind: 'ok', accepted: [], rejected: [] };
  let sentOne = false;
  for (const batch of ws1ModeBatches(d.wire, uuids, groups)) {
    if (ogKey && !batch.organizationGroupUuid && d.wire.body.required.includes(ogKey)) {
      out.rejected.push(...batch.uuids.map((uuid) => ({ uuid, reason: 'its organization group could not be read, and this tenant needs it for the change' })));
      continue;
    }
    const r = await d.post(ws1ModeActionRequest(action, batch.uuids, { wire: d.wire, organizationGroupUuid: batch.organizationGroupUuid }));
    if (r.kind !== 'sent') {
      if (!sentOne) return r;
      const reason = 'error' in r ? r.error.message : 'Workspace ONE is throttling; retry the failed devices.';
      out.rejected.push(...batch.uuids.map((uuid) => ({ uuid, reason })));
      continue;
    }
    sentOne = true;
    out.requestId ??= r.requestId;
    const parsed = parseWs1ModeActionResponse(r.body, batch.uuids, d.wire)!;
    out.accepted.push(...parsed.accepted);
    out.rejected.push(...parsed.rejected);
  }
  return out;
}
