// The narrow view the engine needs, taken from the lookup's device card.
import type { Device } from '../../common/device.ts';
import type { JobTarget, TargetResolution, UserRef } from '../../common/jobs.ts';
import { deviceUsersInput } from '../graph/device-users.ts';

export function jobTargetFromDevice(d: Device): JobTarget {
  const t: JobTarget = { key: d.key, name: d.name, serial: d.serial ?? undefined };
  const i = d.intune;
  if (i) {
    const ref = (u: { id: string | null; upn: string | null }): UserRef | undefined => (u.id ? (u.upn ? { id: u.id, upn: u.upn } : { id: u.id }) : undefined);
    const signIns = i.loggedOnUsers.flatMap((l) => {
      const r = ref(l);
      return r && l.lastSignIn ? [{ ...r, at: l.lastSignIn }] : [];
    });
    // The timeline may hold more sign-ins than the one "last" per user; keep those we can tie to a user id.
    const byName = new Map(i.loggedOnUsers.filter((l) => l.id).map((l) => [(l.upn ?? l.displayName ?? '').toLowerCase(), l]));
    for (const e of d.timeline) {
      const l = e.source === 'intune' && e.at ? byName.get(e.user.toLowerCase()) : undefined;
      if (l && !signIns.some((s) => s.id === l.id && s.at === e.at)) signIns.push({ ...ref(l)!, at: e.at! });
    }
    const users = deviceUsersInput(d);
    t.intune = {
      id: i.id,
      ...(users.azureAdDeviceId ? { azureAdDeviceId: users.azureAdDeviceId } : {}),
      ...(users.enrollmentAccounts.length ? { enrollmentAccounts: users.enrollmentAccounts } : {}),
      joinType: i.joinType,
      enrollmentType: i.enrollmentType === 'appleUserEnrollment' ? 'appleUserEnrollment' : (i.enrollmentTypeRaw ?? i.enrollmentType),
      operatingSystem: i.os ?? undefined,
      primaryUser: i.primaryUser ? (ref(i.primaryUser) ?? { id: i.primaryUser.upn ?? '?', upn: i.primaryUser.upn ?? undefined }) : null,
      signIns,
    };
  }
  if (d.ws1?.uuid) t.ws1 = { uuid: d.ws1.uuid, userMode: d.ws1.userMode };
  return t;
}

/** One CSV line or typed name → the devices whose serial or name is exactly it (case-insensitive). */
export function resolveExact(input: string, found: Device[]): TargetResolution {
  const k = input.trim().toLowerCase();
  const exact = found.filter((d) => d.serial?.toLowerCase() === k || d.name.toLowerCase() === k || d.intune?.name.toLowerCase() === k || d.ws1?.name.toLowerCase() === k || d.ws1?.friendlyName?.toLowerCase() === k);
  return { input, matches: exact.map(jobTargetFromDevice) };
}

/** Device names or serials from a CSV: a column named serial/device/name/deviceName, else the first column. */
export function csvInputs(text: string): string[] {
  const rows = text.split(/\r?\n/).filter((l) => l.trim()).map(splitCsvLine);
  if (!rows.length) return [];
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const col = ['serial', 'serialnumber', 'devicename', 'device', 'name'].map((n) => header.indexOf(n)).find((i) => i >= 0);
  const body = col === undefined ? rows : rows.slice(1);
  return body.map((r) => (r[col ?? 0] ?? '').trim()).filter(Boolean);
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
