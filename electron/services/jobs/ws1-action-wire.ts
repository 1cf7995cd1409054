// The Workspace ONE v3 mode-change call, in one place because its shape is unverified upstream
// (agreed with the demo simulator; the tenant serves the real spec at /api/help/Docs/mdmv3).
import type { ActionId } from '../../common/jobs.ts';

/** Unverified: path, version header, body field names and the per-call limit. */
export const ws1ModeActionWire = {
  method: 'POST',
  path: '/api/mdm/devices/action',
  accept: 'application/json;version=3',
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

export function ws1ModeActionRequest(action: ActionId, uuids: readonly string[]): Ws1ModeActionRequest {
  const name = ws1ModeActionWire.actionNames[action];
  if (!name) throw new Error(`${action} is not a Workspace ONE mode change`);
  if (uuids.length === 0 || uuids.length > ws1ModeActionWire.maxDevicesPerCall) throw new Error(`1..${ws1ModeActionWire.maxDevicesPerCall} devices per call`);
  return {
    method: ws1ModeActionWire.method,
    path: ws1ModeActionWire.path,
    headers: { accept: ws1ModeActionWire.accept, 'content-type': 'application/json' },
    body: JSON.stringify({ action: name, device_uuids: uuids }),
  };
}

export interface Ws1ModeActionResult {
  accepted: string[];
  rejected: { uuid: string; reason: string }[];
}

/** Reads the 202 body; returns undefined when it is not the agreed shape. */
export function parseWs1ModeActionResponse(body: unknown): Ws1ModeActionResult | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { accepted?: unknown; rejected?: unknown };
  if (!Array.isArray(b.accepted)) return undefined;
  const accepted = b.accepted.filter((u): u is string => typeof u === 'string');
  const rejected: Ws1ModeActionResult['rejected'] = [];
  for (const r of Array.isArray(b.rejected) ? b.rejected : []) {
    const rr = r as { device_uuid?: unknown; reason?: unknown };
    if (typeof rr.device_uuid === 'string') rejected.push({ uuid: rr.device_uuid, reason: typeof rr.reason === 'string' ? rr.reason : 'rejected' });
  }
  return { accepted, rejected };
}

/** A one-line description of the call for the preview. */
export function describeWs1Call(action: ActionId): string {
  return `POST ${ws1ModeActionWire.path} (v3) ${ws1ModeActionWire.actionNames[action] ?? action}`;
}
