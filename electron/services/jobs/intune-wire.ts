// The Graph calls that change a device's primary user, in one table: intune-graph.md documents the beta
// paths; whether v1.0 accepts them is unverified.
import type { ActionId, UserRef } from '../../common/jobs.ts';

export const intuneWire = {
  version: 'beta',
  usersPath: (deviceId: string) => `/deviceManagement/managedDevices/${encodeURIComponent(deviceId)}/users`,
  refPath: (deviceId: string) => `/deviceManagement/managedDevices('${encodeURIComponent(deviceId)}')/users/$ref`,
  syncPath: (deviceId: string) => `/deviceManagement/managedDevices/${encodeURIComponent(deviceId)}/syncDevice`,
  /** The @odata.id of a user; Graph documents this absolute beta URL even for other clouds' hosts. */
  userOdataId: (graphBase: string, userId: string) => `${graphBase}/beta/users/${encodeURIComponent(userId)}`,
} as const;

export interface IntuneWrite {
  method: 'POST' | 'DELETE';
  path: string; // below /<version>
  body?: string;
}

export function intuneWrite(action: ActionId, deviceId: string, graphBase: string, user?: UserRef): IntuneWrite {
  if (action === 'intune.removePrimaryUser') return { method: 'DELETE', path: intuneWire.refPath(deviceId) };
  if (action === 'intune.assignPrimaryUser' && user)
    return { method: 'POST', path: intuneWire.refPath(deviceId), body: JSON.stringify({ '@odata.id': intuneWire.userOdataId(graphBase, user.id) }) };
  throw new Error(`${action} is not an Intune primary-user change`);
}

export function describeIntuneCall(action: ActionId, user?: UserRef): string {
  if (action === 'intune.syncDevice') return `POST /${intuneWire.version}/deviceManagement/managedDevices/…/syncDevice`;
  if (action === 'intune.removePrimaryUser') return `DELETE /${intuneWire.version}/deviceManagement/managedDevices('…')/users/$ref`;
  return `POST /${intuneWire.version}/deviceManagement/managedDevices('…')/users/$ref → ${user?.upn ?? user?.id ?? '?'}`;
}
