// Plain-language labels for the device model's enums.
import type { Compliance, EnrollmentType, JoinType, Ownership, UserMode } from '../../../../electron/common/device.ts';

export const userModeLabel: Record<UserMode, string> = {
  singleUserLegacy: 'Single user (Legacy)',
  singleUser: 'Single user',
  multiUserCapable: 'Multiuser capable',
  multiUser: 'Multiuser',
  unknown: 'Unknown',
};

export const joinTypeLabel: Record<JoinType, string> = {
  entraJoined: 'Entra joined',
  hybridJoined: 'Hybrid Entra joined',
  entraRegistered: 'Entra registered',
  other: 'Other',
  unknown: 'Unknown',
};

export const ownershipLabel: Record<Ownership, string> = { corporate: 'Corporate', personal: 'Personal', shared: 'Shared', unknown: 'Unknown' };

export const complianceLabel: Record<Compliance, string> = { compliant: 'Compliant', noncompliant: 'Not compliant', inGracePeriod: 'In grace period', unknown: 'Unknown' };

export const enrollmentLabel: Record<EnrollmentType, string> = {
  entraJoin: 'User-driven Entra join',
  selfDeploying: 'Autopilot self-deploying',
  autoEnrollment: 'Automatic enrollment (hybrid / Group Policy)',
  bulk: 'Bulk (provisioning package)',
  dem: 'Device enrollment manager (DEM)',
  userEnrollment: 'BYOD user enrollment',
  coManagement: 'Co-management',
  appleAutomated: 'Apple automated device enrollment',
  appleUserEnrollment: 'Apple User Enrollment',
  other: 'Other',
  unknown: 'Unknown',
};
