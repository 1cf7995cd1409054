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

export function ws1DeviceId(rec: Ws1Record): string | null {
  return text(field(rec, 'Id.Value')) ?? text(field(rec, 'Id')) ?? text(field(rec, 'DeviceId'));
}

export function normalizeWs1(rec: Ws1Record, apiBase: string, fetchedAt: string): Ws1Side {
  const id = ws1DeviceId(rec) ?? '';
  const userModeRaw = first(rec, ws1Fields.userMode);
  const platform = text(field(rec, 'Platform'));
  const ownershipRaw = text(field(rec, 'Ownership'));
  const complianceRaw = text(field(rec, 'ComplianceStatus'));
  const userName = text(field(rec, 'UserName'));
  const email = text(field(rec, 'UserEmailAddress'));
  const userId = text(field(rec, 'UserId.Value')) ?? text(field(rec, 'UserId')) ?? text(field(rec, 'EnrollmentUserUuid'));
  const friendlyName = text(field(rec, 'DeviceFriendlyName'));
  // The reported name is the Windows host name a technician types; the friendly name is the console label.
  const name = text(field(rec, 'DeviceReportedName')) ?? friendlyName ?? id;
  return {
    id,
    uuid: text(field(rec, 'Uuid')),
    udid: text(field(rec, 'Udid')),
    name,
    friendlyName,
    serial: text(field(rec, 'SerialNumber')),
    model: text(field(rec, 'Model')),
    os: platform ? (ws1Platforms[enumKey(platform)] ?? platform) : null,
    osVersion: text(field(rec, 'OperatingSystem')),
    platform,
    ownership: mapEnum(ws1Ownership, ownershipRaw && enumKey(ownershipRaw), 'unknown', 'unknown'),
    ownershipRaw,
    enrolledUser: userName || email || userId ? { id: userId, upn: userName ?? email, displayName: email ?? userName } : null,
    lastLoggedInUser: first(rec, ws1Fields.lastLoggedInUser),
    userMode: mapEnum(ws1UserModes, userModeRaw && enumKey(userModeRaw), 'unknown', 'unknown'),
    userModeRaw,
    enrollmentStatus: text(field(rec, 'EnrollmentStatus')),
    organisationGroup: {
      id: text(field(rec, 'LocationGroupId.Id.Value')) ?? text(field(rec, 'LocationGroupId')),
      name: text(field(rec, 'LocationGroupName')),
    },
    lastCheckIn: ws1Time(text(field(rec, 'LastSeen'))),
    compliance: mapEnum(ws1Compliance, complianceRaw && enumKey(complianceRaw), 'unknown', 'unknown'),
    complianceRaw,
    consoleUrl: id ? ws1ConsoleUrl(apiBase, id) : null,
    freshness: { fetchedAt, fromCache: false },
  };
}
