// The demo tenant's data: Graph records keep Graph's property names, WS1 records are kept in camelCase
// and shaped into PascalCase (v1) or camelCase (v2/v3) wire records by ws1/records.ts.
import type { ScenarioId } from './scenarios.ts';

export interface GraphUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  accountEnabled: boolean;
  onPremisesSamAccountName: string | null;
  jobTitle: string | null;
}

export interface LoggedOnUser {
  userId: string;
  lastLogOnDateTime: string;
}

export interface HardwareInformation {
  serialNumber: string;
  manufacturer: string;
  model: string;
  totalStorageSpace: number;
  freeStorageSpace: number;
  tpmVersion: string;
  operatingSystemEdition: string;
}

/** A managedDevice with Graph's property names; `primaryUserId` backs `/users` and `users/$ref`. */
export interface IntuneDevice {
  id: string;
  deviceName: string;
  serialNumber: string;
  userId: string;
  userPrincipalName: string;
  userDisplayName: string;
  emailAddress: string;
  enrolledDateTime: string;
  lastSyncDateTime: string;
  operatingSystem: string;
  osVersion: string;
  model: string;
  manufacturer: string;
  complianceState: string;
  managedDeviceOwnerType: string;
  deviceEnrollmentType: string;
  azureADDeviceId: string;
  managementAgent: string;
  deviceRegistrationState: string;
  joinType: string;
  usersLoggedOn: LoggedOnUser[];
  enrollmentProfileName: string | null;
  autopilotEnrolled: boolean;
  hardwareInformation: HardwareInformation;
  enrolledByUserPrincipalName: string | null;
  scenario: ScenarioId | null;
}

export type Ws1UserMode = 'SingleUserLegacy' | 'SingleUser' | 'MultiUserCapable' | 'MultiUser';
export type Ws1JoinType = 'DomainJoined' | 'HybridAzureADJoined' | 'AzureADJoined' | 'Workgroup';

export interface Ws1User {
  id: number;
  uuid: string;
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  userPrincipalName: string;
  /** The directory object GUID synced to UEM (the default unique identifier). */
  externalId: string;
  status: boolean;
  securityType: 'Directory' | 'Basic';
  staging: boolean;
}

export interface Ws1Device {
  id: number;
  uuid: string;
  udid: string;
  serialNumber: string;
  macAddress: string;
  friendlyName: string;
  reportedName: string;
  enrolledUserId: number;
  locationGroupId: number;
  locationGroupName: string;
  locationGroupUuid: string;
  platform: string;
  model: string;
  operatingSystem: string;
  ownership: 'C' | 'E' | 'S' | 'Undefined';
  enrollmentStatus: string;
  compliant: boolean;
  /** ISO UTC with `Z`; the v1 shape drops the zone suffix. */
  lastSeen: string;
  lastEnrolledOn: string;
  userMode: Ws1UserMode;
  joinType: Ws1JoinType;
  /** `DOMAIN\user` of the last Windows sign-in, or null when nobody signed in since enrollment. */
  lastLoggedInUser: string | null;
  scenario: ScenarioId | null;
}

export interface SpecialAccounts {
  demLab: GraphUser;
  demClassroom: GraphUser;
  sharedAccount: GraphUser;
  staging: Ws1User;
  helpdesk: GraphUser;
  bulkPackage: GraphUser;
}

export interface TenantData {
  seed: number;
  generatedAt: number;
  domain: string;
  netbios: string;
  users: GraphUser[];
  usersById: Map<string, GraphUser>;
  usersByUpn: Map<string, GraphUser>;
  intuneDevices: IntuneDevice[];
  intuneById: Map<string, IntuneDevice>;
  ws1Users: Ws1User[];
  ws1UsersById: Map<number, Ws1User>;
  ws1Devices: Ws1Device[];
  ws1ById: Map<number, Ws1Device>;
  ws1ByUuid: Map<string, Ws1Device>;
  accounts: SpecialAccounts;
}
