// Hand-built device sides for lookup, diagnosis and cache tests.
import type { IntuneSide, Ws1Side } from '../../../electron/common/device.ts';

export const NOW = new Date('2026-11-21T12:00:00Z');
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

export function intuneSide(o: Partial<IntuneSide> = {}): IntuneSide {
  return {
    id: 'i1',
    azureAdDeviceId: null,
    name: 'PC-UD-001',
    serial: 'SER1',
    model: 'Latitude',
    manufacturer: 'Dell',
    os: 'Windows',
    osVersion: '10.0.22631',
    ownership: 'corporate',
    ownershipRaw: 'company',
    enrollmentType: 'entraJoin',
    enrollmentTypeRaw: 'windowsAzureADJoin',
    enrollmentProfileName: null,
    autopilotEnrolled: true,
    joinType: 'entraJoined',
    joinTypeRaw: 'azureADJoined',
    primaryUser: { id: 'u-anna', upn: 'anna.berg@contoso.com', displayName: 'Anna Berg' },
    enrolledBy: 'anna.berg@contoso.com',
    loggedOnUsers: [{ id: 'u-anna', upn: 'anna.berg@contoso.com', displayName: 'Anna Berg', lastSignIn: daysAgo(1) }],
    lastCheckIn: daysAgo(1),
    compliance: 'compliant',
    complianceRaw: 'compliant',
    detailsLoaded: true,
    portalUrl: null,
    freshness: { fetchedAt: NOW.toISOString(), fromCache: false },
    ...o,
  };
}

export function ws1Side(o: Partial<Ws1Side> = {}): Ws1Side {
  return {
    id: '101',
    uuid: 'uuid-101',
    udid: null,
    name: 'FLOOR-MU-001',
    friendlyName: 'FLOOR-MU-001 Windows Desktop 10.0.22631',
    serial: 'SERW1',
    model: 'OptiPlex',
    os: 'WinRT',
    osVersion: '10.0.22631',
    platform: 'WinRT',
    ownership: 'shared',
    ownershipRaw: 'S',
    enrolledUser: { id: '5', upn: 'anna.berg', displayName: 'anna.berg@contoso.com' },
    lastLoggedInUser: 'CONTOSO\\anna.berg',
    userMode: 'multiUser',
    userModeRaw: 'MultiUser',
    enrollmentStatus: 'Enrolled',
    organisationGroup: { id: '7', name: 'Floor' },
    lastCheckIn: daysAgo(1),
    compliance: 'compliant',
    complianceRaw: 'Compliant',
    consoleUrl: null,
    freshness: { fetchedAt: NOW.toISOString(), fromCache: false },
    ...o,
  };
}
