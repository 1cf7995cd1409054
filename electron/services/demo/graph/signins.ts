// Entra sign-in logs of the demo tenant (`GET /auditLogs/signIns`): Windows sign-ins derived from who really
// uses each device (the full usersLoggedOn, not what Intune still reports), several per user over 30 days; on
// DEM and bulk devices the enrollment account signs in most, so "most frequent" must skip it. Each device also
// has a failed attempt (status.errorCode 50126), which a count of sign-ins must leave out. Record shape: Learn,
// signIn resource type (graph/api/resources/signin) with signInStatus and deviceDetail; a tenant without Entra
// ID P1/P2 is refused in simulator.ts.
import type { IntuneDevice, TenantData } from '../model.ts';
import { matches, parseFilter, parseSelect, project } from './odata.ts';

const filterable: ReadonlySet<string> = new Set(['deviceDetail/deviceId', 'createdDateTime', 'appDisplayName', 'userPrincipalName', 'userId', 'isInteractive']);
const selectable: ReadonlySet<string> = new Set(['id', 'createdDateTime', 'userPrincipalName', 'userId', 'userDisplayName', 'appId', 'appDisplayName', 'clientAppUsed', 'isInteractive', 'deviceDetail', 'status']);
/** The first-party "Windows Sign In" application of Entra ID. */
const windowsSignInAppId = '38aa3b87-a06d-4817-b275-7a316988d93b';
const badPassword = { errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.', additionalDetails: 'The user didn\'t enter the right credentials.' };
const dayMs = 86_400_000;

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}

/** The sign-in events of one device, newest first. */
export function deviceSignIns(d: IntuneDevice, data: TenantData, now: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const trustType = d.joinType === 'hybridAzureADJoined' ? 'Hybrid Azure AD joined' : d.joinType === 'azureADRegistered' ? 'Azure AD registered' : 'Azure AD joined';
  const event = (userId: string, k: number, at: string, status: Record<string, unknown>) => {
    const user = data.usersById.get(userId)!;
    return {
      id: `${d.id}-${userId}-${k}`,
      createdDateTime: at,
      userPrincipalName: user.userPrincipalName,
      userId: user.id,
      userDisplayName: user.displayName,
      appId: windowsSignInAppId,
      appDisplayName: 'Windows Sign In',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      isInteractive: true,
      deviceDetail: { deviceId: d.azureADDeviceId, displayName: d.deviceName, operatingSystem: d.operatingSystem, browser: '', isCompliant: d.complianceState === 'compliant', isManaged: true, trustType },
      status,
    };
  };
  const add = (userId: string, last: number, count: number) => {
    if (!data.usersById.get(userId)) return;
    for (let k = 0; k < count; k++) {
      const at = new Date(Math.min(now, last) - ((k * 7 + (hash(d.id + userId) % 5)) * dayMs) / Math.max(1, count / 4)).toISOString();
      out.push(event(userId, k, at, { errorCode: 0, failureReason: 'Other.', additionalDetails: null }));
    }
  };
  // one mistyped password on the device, by its first user, an hour before their last sign-in
  const first = d.usersLoggedOn[0];
  if (first && data.usersById.get(first.userId)) out.push(event(first.userId, 999, new Date(Math.min(now, Date.parse(first.lastLogOnDateTime)) - 3_600_000).toISOString(), badPassword));
  for (const l of d.usersLoggedOn) {
    const enrollment = l.userId === d.userId && (d.deviceEnrollmentType === 'deviceEnrollmentManager' || d.enrolledByUserPrincipalName === d.userPrincipalName) && d.usersLoggedOn.length > 1;
    add(l.userId, Date.parse(l.lastLogOnDateTime), enrollment ? 12 : 1 + (hash(d.id + l.userId) % 6));
  }
  return out.sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)));
}

/** `$filter` on the flattened record (`deviceDetail/deviceId`), `$select`, newest first, at most `$top` (1,000). */
export function listSignIns(data: TenantData, q: URLSearchParams, now: number): Record<string, unknown>[] {
  const src = q.get('$filter');
  const filter = src ? parseFilter(src, filterable) : null;
  const select = parseSelect(q.get('$select'), selectable, 'signIn');
  const top = Math.min(1000, Number(q.get('$top') ?? 1000) || 1000);
  const idMatch = src ? /deviceDetail\/deviceId eq '([^']+)'/i.exec(src) : null;
  const devices = idMatch ? data.intuneDevices.filter((d) => d.azureADDeviceId.toLowerCase() === idMatch[1].toLowerCase()) : data.intuneDevices;
  const rows: Record<string, unknown>[] = [];
  for (const d of devices) {
    for (const e of deviceSignIns(d, data, now)) {
      const flat = { ...e, 'deviceDetail/deviceId': (e.deviceDetail as { deviceId: string }).deviceId };
      if (!filter || matches(filter, flat)) rows.push(project(e, select));
    }
    if (rows.length >= top) break;
  }
  return rows.slice(0, top);
}
