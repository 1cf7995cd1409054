// UNVERIFIED upstream facts about Workspace ONE device records, in one table so they can be corrected
// without touching logic. Field names are looked up case-insensitively (v1 PascalCase, v2 camelCase).
import type { Compliance, Ownership, UserMode } from '../../common/device.ts';

export const ws1Fields = {
  /** Record property carrying "Windows User Mode" (unverified: agreed with the demo tenant; real name may differ). */
  userMode: ['UserMode', 'WindowsUserMode', 'user_mode'],
  /** Last user signed in to Windows as Hub reports it (unverified). */
  lastLoggedInUser: ['LastLoggedInUser', 'last_logged_in_user'],
} as const;

/** Values of the user-mode field, compared after lower-casing and dropping spaces, `_`, `-`, `(`, `)`. */
export const ws1UserModes: Record<string, UserMode> = {
  singleuserlegacy: 'singleUserLegacy',
  legacysingleuser: 'singleUserLegacy',
  singleuser: 'singleUser',
  multiusercapable: 'multiUserCapable',
  multiuser: 'multiUser',
};

export const ws1Ownership: Record<string, Ownership> = {
  c: 'corporate',
  corporate: 'corporate',
  corporatededicated: 'corporate',
  e: 'personal',
  employee: 'personal',
  employeeowned: 'personal',
  s: 'shared',
  corporateshared: 'shared',
  shared: 'shared',
  undefined: 'unknown',
};

export const ws1Compliance: Record<string, Compliance> = {
  compliant: 'compliant',
  noncompliant: 'noncompliant',
  pendingcompliancecheck: 'unknown',
  notavailable: 'unknown',
};

/** `Platform` values → the OS name shown on the card (raw value stays in `platform`). */
export const ws1Platforms: Record<string, string> = {
  winrt: 'Windows',
  windowsphone: 'Windows Phone',
  apple: 'iOS',
  appleosx: 'macOS',
  android: 'Android',
};

export const enumKey = (raw: string): string => raw.toLowerCase().replace(/[\s_\-()]/g, '');

/**
 * Console device page, derived from the API host (asNNN → cnNNN). Unverified pattern; null for hosts that
 * do not follow it (simulators), since the app only opens allow-listed console hosts.
 */
export function ws1ConsoleUrl(apiBase: string, deviceId: string): string | null {
  let host: string;
  try {
    host = new URL(apiBase).hostname;
  } catch {
    return null;
  }
  const m = /^as(\d+)\.(awmdm\.com|airwatchportals\.com)$/.exec(host);
  return m ? `https://cn${m[1]}.${m[2]}/AirWatch/#/AirWatch/Device/Details/Summary/${encodeURIComponent(deviceId)}` : null;
}
