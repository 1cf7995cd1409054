// Intune enum values → the normalised model. Unknown values map to `other`, never throw.
import type { Compliance, EnrollmentType, JoinType, Ownership } from '../../common/device.ts';

export const intuneEnrollmentTypes: Record<string, EnrollmentType> = {
  unknown: 'unknown',
  userEnrollment: 'userEnrollment',
  deviceEnrollmentManager: 'dem',
  appleBulkWithUser: 'appleAutomated',
  appleBulkWithoutUser: 'bulk',
  windowsAzureADJoin: 'entraJoin',
  windowsBulkUserless: 'bulk',
  windowsAutoEnrollment: 'autoEnrollment',
  windowsBulkAzureDomainJoin: 'bulk',
  windowsCoManagement: 'coManagement',
  windowsAzureADJoinUsingDeviceAuth: 'selfDeploying',
  appleUserEnrollment: 'appleUserEnrollment',
  appleUserEnrollmentWithServiceAccount: 'appleUserEnrollment',
};

export const intuneJoinTypes: Record<string, JoinType> = {
  unknown: 'unknown',
  azureADJoined: 'entraJoined',
  hybridAzureADJoined: 'hybridJoined',
  azureADRegistered: 'entraRegistered',
};

export const intuneOwnership: Record<string, Ownership> = { company: 'corporate', personal: 'personal', unknown: 'unknown' };

export const intuneCompliance: Record<string, Compliance> = {
  compliant: 'compliant',
  noncompliant: 'noncompliant',
  inGracePeriod: 'inGracePeriod',
};

export function mapEnum<T extends string>(table: Record<string, T>, raw: string | null, missing: T, other: T): T {
  if (raw == null || raw === '') return missing;
  return Object.hasOwn(table, raw) ? table[raw] : other;
}
