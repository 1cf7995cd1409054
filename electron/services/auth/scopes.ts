// Graph scopes by need, asked for when first needed: reading at sign-in, writing only when the technician
// first changes something (incremental consent). Scopes are full URIs on the profile's cloud Graph host
// (a bare name would mean the global Graph and fail in sovereign clouds).
import { intuneClouds, type IntuneCloud } from '../../common/profiles.ts';

export type GraphNeed = 'read' | 'write' | 'privileged' | 'auditLogs';

/** Delegated scopes per need (intune-graph.md, "Permissions"). */
export const graphScopeNames: Record<GraphNeed, string[]> = {
  read: ['DeviceManagementManagedDevices.Read.All', 'User.ReadBasic.All'],
  write: ['DeviceManagementManagedDevices.ReadWrite.All'],
  privileged: ['DeviceManagementManagedDevices.PrivilegedOperations.All'],
  /** Entra sign-in logs (most frequent user); the tenant also needs Entra ID P1 or P2. */
  auditLogs: ['AuditLog.Read.All'],
};

export function graphResource(cloud: IntuneCloud): string {
  return `https://${intuneClouds[cloud].graphHost}`;
}

export function graphScopes(cloud: IntuneCloud, need: GraphNeed): string[] {
  return graphScopeNames[need].map((name) => `${graphResource(cloud)}/${name}`);
}

export function authorityUrl(cloud: IntuneCloud, tenant: string): string {
  return `https://${intuneClouds[cloud].authorityHost}/${tenant}`;
}
