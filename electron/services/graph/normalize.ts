// Graph managedDevice (LIST + beta details + /users) → IntuneSide of the device model.
import type { DeviceUser, IntuneSide, LoggedOnUser } from '../../common/device.ts';
import { intuneDeviceUrl } from './clouds.ts';
import { intuneCompliance, intuneEnrollmentTypes, intuneJoinTypes, intuneOwnership, mapEnum } from './enums.ts';
import type { GraphUser, RawRecord } from './client.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

export interface IntuneNormalizeInput {
  device: RawRecord;
  details?: RawRecord | null;
  primaryUsers?: RawRecord[] | null;
  userNames?: Map<string, GraphUser>;
  /** Intune admin center origin for links, null for simulators. */
  portal: string | null;
  fetchedAt: string;
}

export function normalizeIntune({ device, details, primaryUsers, userNames, portal, fetchedAt }: IntuneNormalizeInput): IntuneSide {
  const d = { ...device, ...(details ?? {}) };
  const id = String(d.id ?? '');
  const enrollmentTypeRaw = str(d.deviceEnrollmentType);
  const joinTypeRaw = str(d.joinType);
  const ownershipRaw = str(d.managedDeviceOwnerType);
  const complianceRaw = str(d.complianceState);
  const logged = Array.isArray(d.usersLoggedOn) ? (d.usersLoggedOn as RawRecord[]) : [];
  const loggedOnUsers: LoggedOnUser[] = logged
    .map((l) => {
      const userId = str(l.userId);
      const u = userId ? userNames?.get(userId) : undefined;
      return { id: userId, upn: u?.userPrincipalName ?? null, displayName: u?.displayName ?? null, lastSignIn: str(l.lastLogOnDateTime) };
    })
    .sort((a, b) => (b.lastSignIn ?? '').localeCompare(a.lastSignIn ?? ''));
  return {
    id,
    azureAdDeviceId: str(d.azureADDeviceId),
    name: str(d.deviceName) ?? id,
    serial: str(d.serialNumber),
    model: str(d.model),
    manufacturer: str(d.manufacturer),
    os: str(d.operatingSystem),
    osVersion: str(d.osVersion),
    ownership: mapEnum(intuneOwnership, ownershipRaw, 'unknown', 'unknown'),
    ownershipRaw,
    enrollmentType: mapEnum(intuneEnrollmentTypes, enrollmentTypeRaw, 'unknown', 'other'),
    enrollmentTypeRaw,
    enrollmentProfileName: str(d.enrollmentProfileName),
    autopilotEnrolled: bool(d.autopilotEnrolled),
    joinType: mapEnum(intuneJoinTypes, joinTypeRaw, 'unknown', 'other'),
    joinTypeRaw,
    primaryUser: primaryUser(d, primaryUsers),
    enrolledBy: str(d.enrolledByUserPrincipalName),
    loggedOnUsers,
    lastCheckIn: str(d.lastSyncDateTime),
    compliance: mapEnum(intuneCompliance, complianceRaw, 'unknown', 'unknown'),
    complianceRaw,
    detailsLoaded: details != null,
    portalUrl: portal && id ? intuneDeviceUrl(portal, id) : null,
    freshness: { fetchedAt, fromCache: false },
  };
}

/** `/users` is authoritative (empty = shared device); without it, the LIST's user fields. */
function primaryUser(d: RawRecord, primaryUsers: RawRecord[] | null | undefined): DeviceUser | null {
  if (primaryUsers) {
    const u = primaryUsers[0];
    return u ? { id: str(u.id), upn: str(u.userPrincipalName), displayName: str(u.displayName) } : null;
  }
  const upn = str(d.userPrincipalName);
  const id = str(d.userId);
  if (!upn && !id) return null;
  return { id, upn, displayName: str(d.userDisplayName) };
}

/** User ids in usersLoggedOn that still need a name. */
export function loggedOnUserIds(details: Iterable<RawRecord | null>): string[] {
  const ids = new Set<string>();
  for (const d of details) {
    if (!d || !Array.isArray(d.usersLoggedOn)) continue;
    for (const l of d.usersLoggedOn as RawRecord[]) if (typeof l.userId === 'string') ids.add(l.userId);
  }
  return [...ids];
}
