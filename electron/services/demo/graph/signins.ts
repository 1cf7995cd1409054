// Entra sign-in logs of the demo tenant (`GET /auditLogs/signIns`): Windows sign-ins derived from who really
// uses each device (the full usersLoggedOn, not what Intune still reports), several per user over 30 days; on
// DEM and bulk devices the enrollment account signs in most, so "most frequent" must skip it.
import type { IntuneDevice, TenantData } from '../model.ts';
import { matches, parseFilter, parseSelect, project } from './odata.ts';

const filterable: ReadonlySet<string> = new Set(['deviceDetail/deviceId', 'createdDateTime', 'appDisplayName', 'userPrincipalName', 'userId', 'isInteractive']);
const selectable: ReadonlySet<string> = new Set(['id', 'createdDateTime', 'userPrincipalName', 'userId', 'userDisplayName', 'appDisplayName', 'isInteractive', 'deviceDetail', 'status']);
const dayMs = 86_400_000;

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h;
}

/** The sign-in events of one device, newest first. */
export function deviceSignIns(d: IntuneDevice, data: TenantData, now: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const add = (userId: string, last: number, count: number) => {
    const user = data.usersById.get(userId);
    if (!user) return;
    for (let k = 0; k < count; k++) {
      const at = new Date(Math.min(now, last) - ((k * 7 + (hash(d.id + userId) % 5)) * dayMs) / Math.max(1, count / 4)).toISOString();
      out.push({
        id: `${d.id}-${userId}-${k}`,
        createdDateTime: at,
        userPrincipalName: user.userPrincipalName,
        userId: user.id,
        userDisplayName: user.displayName,
        appDisplayName: 'Windows Sign In',
        isInteractive: true,
        deviceDetail: { deviceId: d.azureADDeviceId, displayName: d.deviceName, operatingSystem: d.operatingSystem },
        status: { errorCode: 0 },
      });
    }
  };
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
