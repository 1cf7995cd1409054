// Plain-language labels for the device model's enums and match reasons, shared by the main-side diagnosis
// (evidence lines), the CLI and the renderer: the technician never reads a raw enum or field name.
import type { Compliance, EnrollmentType, JoinType, MatchKind, Ownership, UserMode } from './device.ts';

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

/** Where a query matched, in the technician's words (match.ts field names → text). */
const fieldWords: Record<string, string> = {
  serial: 'serial number',
  name: 'device name',
  primaryUser: 'Intune primary user',
  enrolledUser: 'Workspace ONE enrolled user',
  enrolledBy: 'Intune enrolled-by account',
  loggedOnUser: 'signed in (Intune)',
  lastLoggedInUser: 'last Windows user (Workspace ONE)',
};

export function matchLabel(m: { kind: MatchKind; field: string }): string {
  const where = fieldWords[m.field] ?? 'device details';
  if (m.kind === 'serial') return 'serial number';
  if (m.kind === 'name') return 'exact device name';
  if (m.kind === 'namePrefix') return 'device name starts with it';
  if (m.kind === 'nameContains') return 'device name contains it';
  return m.kind === 'userContains' ? `${where} (part of the name)` : where;
}
