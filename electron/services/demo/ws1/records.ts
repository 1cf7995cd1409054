// Workspace ONE wire records. Unverified upstream details live in `ws1Unverified` only, so they can be
// corrected in one place (the client helpers keep the same table on their side).
import type { TenantData, Ws1Device, Ws1User, Ws1UserMode } from '../model.ts';

export const ws1Unverified = {
  /** v1 search/detail field that reports the Windows user mode (the console's column), and its values. */
  userModeField: 'WindowsUserMode',
  userModeValues: ['SingleUserLegacy', 'SingleUser', 'MultiUserCapable', 'MultiUser'] satisfies Ws1UserMode[],
  /** v1 field with the last signed-in Windows user (`DOMAIN\user`); Multiuser devices may lag behind it. */
  lastLoggedInUserField: 'LastLoggedInUser',
  /** v1 user-search fields beyond the documented ones. */
  userExternalIdField: 'ExternalId',
  userPrincipalNameField: 'UserPrincipalName',
  /** `errorCode` values the simulator answers with; 5061 (device not found) is in published responses, the others are not. */
  errorCodes: { unauthorized: 1005, tenantCode: 1013, forbidden: 1010, notFound: 5061, badRequest: 400, throttled: 429, server: 1000, notAllowed: 405 },
  /** v1 search: `lastseen` = seen on or before, `seensince` = seen on or after (ISO or yyyy-MM-dd). */
  lastSeenMeansBefore: true,
} as const;

const ownershipV2: Record<Ws1Device['ownership'], string> = { C: 'CORPORATE_DEDICATED', E: 'EMPLOYEE_OWNED', S: 'CORPORATE_SHARED', Undefined: 'UNDEFINED' };

/** v1 timestamps carry no zone suffix (UTC). */
export function v1Time(iso: string): string {
  return iso.replace(/Z$/, '');
}

export function deviceV1(d: Ws1Device, data: TenantData): Record<string, unknown> {
  const user = data.ws1UsersById.get(d.enrolledUserId);
  return {
    Id: { Value: d.id },
    Uuid: d.uuid,
    Udid: d.udid,
    SerialNumber: d.serialNumber,
    MacAddress: d.macAddress,
    Imei: '',
    EasId: '',
    AssetNumber: d.udid,
    DeviceFriendlyName: d.friendlyName,
    DeviceReportedName: d.reportedName,
    LocationGroupId: { Id: { Value: d.locationGroupId }, Name: d.locationGroupName, Uuid: d.locationGroupUuid },
    LocationGroupName: d.locationGroupName,
    UserId: { Id: { Value: d.enrolledUserId }, Name: user ? `${user.firstName} ${user.lastName}` : '', Uuid: user?.uuid ?? '' },
    UserName: user?.userName ?? '',
    UserEmailAddress: user?.email ?? '',
    EnrollmentUserUuid: user?.uuid ?? '',
    Ownership: d.ownership,
    PlatformId: { Id: { Value: 12 }, Name: d.platform },
    Platform: d.platform,
    Model: d.model,
    OperatingSystem: d.operatingSystem,
    PhoneNumber: '',
    LastSeen: v1Time(d.lastSeen),
    EnrollmentStatus: d.enrollmentStatus,
    ComplianceStatus: d.compliant ? 'Compliant' : 'NonCompliant',
    CompromisedStatus: false,
    LastEnrolledOn: v1Time(d.lastEnrolledOn),
    IsSupervised: false,
    [ws1Unverified.userModeField]: d.userMode,
    [ws1Unverified.lastLoggedInUserField]: d.lastLoggedInUser,
  };
}

/** v2 by uuid, nested like published responses (platformInfo, enrollmentInfo) and the demo's mdmv2 description. */
export function deviceV2(d: Ws1Device, data: TenantData, pendingAction: string | null): Record<string, unknown> {
  const user = data.ws1UsersById.get(d.enrolledUserId);
  return {
    uuid: d.uuid,
    udid: d.udid,
    serialNumber: d.serialNumber,
    macAddress: d.macAddress,
    imei: '',
    friendlyName: d.friendlyName,
    deviceReportedName: d.reportedName,
    organizationGroupName: d.locationGroupName,
    supervised: false,
    platformInfo: { deviceType: d.platform, platformName: d.platform, modelName: d.model, osVersion: d.operatingSystem },
    enrollmentInfo: {
      enrollmentStatus: d.enrollmentStatus.toUpperCase(),
      compliant: d.compliant,
      enrollmentTimestamp: d.lastEnrolledOn,
      lastSeenTimestamp: d.lastSeen,
      ownership: ownershipV2[d.ownership],
      organizationGroupId: d.locationGroupUuid,
      organizationGroupName: d.locationGroupName,
      userName: user?.userName ?? '',
      userEmailAddress: user?.email ?? '',
      enrollmentUserUuid: user?.uuid ?? '',
      managedBy: 'MDM',
    },
    windowsInfo: { windowsUserMode: userModeV2[d.userMode], pendingUserModeAction: pendingAction },
    lastLoggedInUser: d.lastLoggedInUser,
  };
}

const userModeV2: Record<Ws1UserMode, string> = { SingleUserLegacy: 'SINGLE_USER_LEGACY', SingleUser: 'SINGLE_USER', MultiUserCapable: 'MULTI_USER_CAPABLE', MultiUser: 'MULTI_USER' };

export function userV1(u: Ws1User, enrolledDevices: number): Record<string, unknown> {
  return {
    Id: { Value: u.id },
    Uuid: u.uuid,
    UserName: u.userName,
    FirstName: u.firstName,
    LastName: u.lastName,
    Status: u.status,
    Email: u.email,
    SecurityType: u.securityType,
    ContactNumber: '',
    Group: u.staging ? 'Staging' : 'Contoso',
    StagingMode: u.staging ? 'MultiUser' : 'Disabled',
    EnrolledDevicesCount: String(enrolledDevices),
    [ws1Unverified.userExternalIdField]: u.securityType === 'Directory' ? u.externalId : '',
    [ws1Unverified.userPrincipalNameField]: u.userPrincipalName,
  };
}
