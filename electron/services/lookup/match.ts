// Local matching and ranking. Every result, cached or live, is re-checked here (Graph's $filter is lax).
import type { Device, IntuneSide, MatchKind, Ws1Side } from '../../common/device.ts';

export interface Sides {
  intune: IntuneSide | null;
  ws1: Ws1Side | null;
}

export interface Match {
  kind: MatchKind;
  field: string;
  score: number;
}

/** Lower case, trimmed; `DOMAIN\user` keeps its user part. */
export const normUser = (s: string): string => s.trim().toLowerCase().replace(/^[^\\@]+\\/, '');
export const localPart = (s: string): string => normUser(s).split('@')[0];

interface UserField {
  field: string;
  values: (string | null)[];
  bonus: number;
}

/** Every user the device knows of, by role: primary, enrolled, enrolled-by and any logged-on user. */
export function userFields(s: Sides): UserField[] {
  const out: UserField[] = [];
  const i = s.intune;
  const w = s.ws1;
  if (i?.primaryUser) out.push({ field: 'primaryUser', values: [i.primaryUser.upn, i.primaryUser.displayName], bonus: 5 });
  if (w?.enrolledUser) out.push({ field: 'enrolledUser', values: [w.enrolledUser.upn, w.enrolledUser.displayName], bonus: 5 });
  if (i?.enrolledBy) out.push({ field: 'enrolledBy', values: [i.enrolledBy], bonus: 0 });
  for (const l of i?.loggedOnUsers ?? []) out.push({ field: 'loggedOnUser', values: [l.upn, l.displayName], bonus: 2 });
  if (w?.lastLoggedInUser) out.push({ field: 'lastLoggedInUser', values: [w.lastLoggedInUser], bonus: 3 });
  return out;
}

const placeholderSerials = new Set(['', '0', 'none', 'default string', 'to be filled by o.e.m.', 'system serial number', 'unknown']);
/** A serial good enough to join two platforms on; placeholder values from white-box hardware are not. */
export function serialKey(serial: string | null | undefined): string | null {
  const s = (serial ?? '').trim().toLowerCase();
  return placeholderSerials.has(s) ? null : s;
}

export function matchSides(query: string, s: Sides): Match | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  let best: Match | null = null;
  const take = (m: Match) => {
    if (!best || m.score > best.score) best = m;
  };
  for (const serial of [s.intune?.serial, s.ws1?.serial]) if (serial && serial.toLowerCase() === q) take({ kind: 'serial', field: 'serial', score: 100 });
  for (const name of [s.intune?.name, s.ws1?.name, s.ws1?.friendlyName]) {
    if (!name) continue;
    const n = name.toLowerCase();
    if (n === q) take({ kind: 'name', field: 'name', score: 95 });
    else if (n.startsWith(q)) take({ kind: 'namePrefix', field: 'name', score: 80 });
    else if (n.includes(q)) take({ kind: 'nameContains', field: 'name', score: 45 });
  }
  const qUser = normUser(q);
  for (const f of userFields(s)) {
    for (const v of f.values) {
      if (!v) continue;
      const u = normUser(v);
      if (u === qUser || localPart(u) === qUser || (!u.includes('@') && localPart(qUser) === u)) take({ kind: 'user', field: f.field, score: 70 + f.bonus });
      else if (u.startsWith(qUser) || u.split(/[\s.@_-]+/).some((w) => w.startsWith(qUser))) take({ kind: 'user', field: f.field, score: 60 + f.bonus });
      else if (u.includes(qUser)) take({ kind: 'userContains', field: f.field, score: 30 + f.bonus });
    }
  }
  return best;
}

const lastCheckIn = (d: Device): string => [d.intune?.lastCheckIn ?? '', d.ws1?.lastCheckIn ?? ''].sort().at(-1) ?? '';

/** Best match first; then devices present on both platforms; then the most recent check-in; then name. */
export function rankDevices(devices: Device[]): Device[] {
  return [...devices].sort(
    (a, b) =>
      (b.match?.score ?? 0) - (a.match?.score ?? 0) ||
      Number(!!(b.intune && b.ws1)) - Number(!!(a.intune && a.ws1)) ||
      lastCheckIn(b).localeCompare(lastCheckIn(a)) ||
      a.name.localeCompare(b.name),
  );
}
