// Workspace ONE device record (v1 PascalCase or v2 camelCase) → Ws1Side of the device model.
import type { Ws1Side } from '../../common/device.ts';
import { mapEnum } from '../graph/enums.ts';
import { enumKey, ws1Compliance, ws1ConsoleUrl, ws1Fields, ws1Ownership, ws1Platforms, ws1UserModes } from './mapping.ts';

export type Ws1Record = Record<string, unknown>;

/** Case-insensitive property read, with dotted paths (`LocationGroupId.Id.Value`). */
export function field(rec: unknown, path: string): unknown {
  let cur: unknown = rec;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    const lower = part.toLowerCase();
    const key = Object.keys(cur).find((k) => k.toLowerCase() === lower);
    cur = key === undefined ? undefined : (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return String(v);
  return null;
};

function first(rec: Ws1Record, names: readonly string[]): string | null {
  for (const n of names) {
    const v = text(field(rec, n));
    if (v !== null) return v;
  }
  return null;
}

/** v1 `LastSeen` has no zone suffix but is UTC. */
export function ws1Time(raw: string | null): string | null {
  if (!raw) return null;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`;
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? raw : new Date(t).toISOString();
}

/** The numeric device id (v1), else the UUID: v2/v3 records carry only the UUID. */
export function ws1DeviceId(rec: Ws1Record): string | null {
  return text(field(rec, 'Id.Value')) ?? text(field(rec, 'Id')) ?? text(field(rec, 'DeviceId')) ?? text(field(rec, 'Uuid'));
}

/** First property, at most `depth` objects down, whose name passes `test` and whose value is text. */
function findDeep(rec: unknown, test: (key: string) => boolean, depth = 3): string | null {
  if (!rec || typeof rec !== 'object' || depth < 0) return null;
  for (const [k, v] of Object.entries(rec)) if (test(k) && text(v) !== null) return text(v);
  for (const v of Object.values(rec)) {
    const inner = v && typeof v === 'object' && !Array.isArray(v) ? findDeep(v, test, depth - 1) : null;
    if (inner !== null) return inner;
  }
  return null;
}

/**
 * The Windows user mode as the record spells it: at the path the tenant's API description names, else
 * the first `…UserMode` property (not a pending one) in the record or its nested objects; null when none.
 */
export function ws1UserModeRaw(rec: Ws1Record, describedPath?: string | null): string | null {
  if (describedPath) {
    const v = text(field(rec, describedPath));
    if (v !== null) return v;
  }
  return first(rec, ws1Fields.userMode) ?? findDeep(rec, (k) => /^(windows.?)?user.?mode$/i.test(k));
}

/** A mode action still waiting for the device, where the record reports one (not published upstream). */
export function ws1PendingModeAction(rec: Ws1Record): string | null {
  return findDeep(rec, (k) => /^pending.?(user.?mode.?(action|change)?|mode.?(action|change))$/i.test(k));
}

/** The organization group's UUID: v1 `LocationGroupId.Uuid`, v2 `enrollmentInfo.organizationGroupId`. */
export function ws1OrganizationGroupUuid(rec: Ws1Record): string | null {
  return (
    text(field(rec, 'LocationGroupId.Uuid')) ??
    text(field(rec, 'enrollmentInfo.organizationGroupUuid')) ??
    text(field(rec, 'enrollmentInfo.organizationGroupId')) ??
    text(field(rec, 'organizationGroupUuid'))
  );
}

const pick = (rec: Ws1Record, ...paths: string[]): string | null => {
  for (const p of paths) {
    const v = text(field(rec, p));
    if (v !== null) return v;
  }
  return null;
};

function complianceOf(rec: Ws1Record): string | null {
  const raw = pick(rec, 'ComplianceStatus', 'enrollmentInfo.complianceStatus');
  if (raw) return raw;
  const flag = field(rec, 'enrollmentInfo.compliant');
  return typeof flag === 'boolean' ? (flag ? 'Compliant' : 'NonCompliant') : null;
}

export function normalizeWs1(rec: Ws1Record, apiBase: string, fetchedAt: string, userModePath?: string | null): Ws1Side {
  const id = ws1DeviceId(rec) ?? '';
  const userModeRaw = ws1UserModeRaw(rec, userModePath);
  // v1 is flat (PascalCase); v2/v3 nest platformInfo and enrollmentInfo (published responses)
  const platform = pick(rec, 'Platform', 'platformInfo.platformName', 'platformInfo.deviceType');
  const ownershipRaw = pick(rec, 'Ownership', 'enrollmentInfo.ownership');
  const complianceRaw = complianceOf(rec);
  const userName = pick(rec, 'UserName', 'enrollmentInfo.userName');
  const email = pick(rec, 'UserEmailAddress', 'enrollmentInfo.userEmailAddress');
  const userId = pick(rec, 'UserId.Value', 'UserId', 'EnrollmentUserUuid', 'enrollmentInfo.enrollmentUserUuid');
  const friendlyName = pick(rec, 'DeviceFriendlyName', 'FriendlyName');
  // The reported name is the Windows host name a technician types; the friendly name is the console label.
  const name = pick(rec, 'DeviceReportedName') ?? friendlyName ?? id;
  const numericId = /^\d+$/.test(id) ? id : null;
  return {
    id,
    uuid: text(field(rec, 'Uuid')),
    udid: text(field(rec, 'Udid')),
    name,
    friendlyName,
    serial: text(field(rec, 'SerialNumber')),
    model: pick(rec, 'Model', 'platformInfo.modelName'),
    os: platform ? (ws1Platforms[enumKey(platform)] ?? platform) : null,
    osVersion: pick(rec, 'OperatingSystem', 'platformInfo.osVersion'),
    platform,
    ownership: mapEnum(ws1Ownership, ownershipRaw && enumKey(ownershipRaw), 'unknown', 'unknown'),
    ownershipRaw,
    enrolledUser: userName || email || userId ? { id: userId, upn: userName ?? email, displayName: email ?? userName } : null,
    lastLoggedInUser: first(rec, ws1Fields.lastLoggedInUser),
    userMode: mapEnum(ws1UserModes, userModeRaw && enumKey(userModeRaw), 'unknown', 'unknown'),
    userModeRaw,
    enrollmentStatus: pick(rec, 'EnrollmentStatus', 'enrollmentInfo.enrollmentStatus'),
    organisationGroup: {
      id: pick(rec, 'LocationGroupId.Id.Value', 'LocationGroupId', 'enrollmentInfo.organizationGroupId'),
      name: pick(rec, 'LocationGroupName', 'organizationGroupName', 'enrollmentInfo.organizationGroupName'),
    },
    lastCheckIn: ws1Time(pick(rec, 'LastSeen', 'enrollmentInfo.lastSeenTimestamp')),
    compliance: mapEnum(ws1Compliance, complianceRaw && enumKey(complianceRaw), 'unknown', 'unknown'),
    complianceRaw,
    consoleUrl: numericId ? ws1ConsoleUrl(apiBase, numericId) : null,
    freshness: { fetchedAt, fromCache: false },
  };
}
