// Graph wire records: which managedDevice properties each version has, and what a LIST leaves empty.
import type { GraphUser, IntuneDevice } from '../model.ts';

export type GraphVersion = 'v1.0' | 'beta';

const v1DeviceFields = [
  'id', 'deviceName', 'serialNumber', 'userPrincipalName', 'userId', 'userDisplayName', 'emailAddress',
  'enrolledDateTime', 'lastSyncDateTime', 'operatingSystem', 'osVersion', 'model', 'manufacturer',
  'complianceState', 'managedDeviceOwnerType', 'deviceEnrollmentType', 'azureADDeviceId', 'managementAgent',
  'deviceRegistrationState',
] as const;
const betaOnlyDeviceFields = ['joinType', 'usersLoggedOn', 'enrollmentProfileName', 'autopilotEnrolled', 'hardwareInformation', 'enrolledByUserPrincipalName'] as const;

export const deviceFields: Record<GraphVersion, ReadonlySet<string>> = {
  'v1.0': new Set(v1DeviceFields),
  beta: new Set([...v1DeviceFields, ...betaOnlyDeviceFields]),
};

export const userFields: ReadonlySet<string> = new Set([
  'id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'accountEnabled', 'onPremisesSamAccountName', 'jobTitle',
]);

/** What a LIST answers for the properties only a single GET fills (see intune-graph.md). */
const listPlaceholders: Record<(typeof betaOnlyDeviceFields)[number], unknown> = {
  joinType: null,
  usersLoggedOn: [],
  enrollmentProfileName: null,
  autopilotEnrolled: false,
  hardwareInformation: null,
  enrolledByUserPrincipalName: null,
};

/**
 * Intune often answers `usersLoggedOn: []` for devices people do use (microsoft-graph-docs #19862, #17139):
 * one in six of the background devices (never a scenario device, whose story needs its sign-ins).
 */
export function intuneForgotLogons(d: IntuneDevice): boolean {
  if (d.scenario !== null) return false;
  let h = 0;
  for (let i = 0; i < d.id.length; i++) h = (Math.imul(h, 31) + d.id.charCodeAt(i)) >>> 0;
  return h % 6 === 0;
}

export function deviceRecord(d: IntuneDevice, version: GraphVersion, mode: 'list' | 'get'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of v1DeviceFields) out[f] = d[f];
  if (version === 'beta') {
    for (const f of betaOnlyDeviceFields) out[f] = mode === 'list' ? listPlaceholders[f] : structuredClone(d[f]);
    if (mode === 'get' && intuneForgotLogons(d)) out.usersLoggedOn = [];
  }
  return out;
}

export function userRecord(u: GraphUser): Record<string, unknown> {
  return { ...u };
}
