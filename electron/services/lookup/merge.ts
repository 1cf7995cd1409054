// Joins Intune and WS1 records of the same hardware (serial number) into one card.
import type { Device, IntuneSide, SignInEvent, Ws1Side } from '../../common/device.ts';
import { cardActions } from './card-actions.ts';
import { diagnose, type DiagnosisContext } from './diagnosis.ts';
import { matchSides, serialKey, type Sides } from './match.ts';

const newer = <T extends { lastCheckIn: string | null }>(a: T | null, b: T): T => (!a || (b.lastCheckIn ?? '') > (a.lastCheckIn ?? '') ? b : a);

/** Pairs sides by serial; a re-enrolled duplicate on one platform keeps its most recent record. */
export function pairSides(intune: Iterable<IntuneSide>, ws1: Iterable<Ws1Side>): Sides[] {
  const bySerial = new Map<string, Sides>();
  const alone: Sides[] = [];
  for (const i of intune) {
    const k = serialKey(i.serial);
    if (!k) alone.push({ intune: i, ws1: null });
    else {
      const cur = bySerial.get(k) ?? { intune: null, ws1: null };
      bySerial.set(k, { ...cur, intune: newer(cur.intune, i) });
    }
  }
  for (const w of ws1) {
    const k = serialKey(w.serial);
    if (!k) alone.push({ intune: null, ws1: w });
    else {
      const cur = bySerial.get(k) ?? { intune: null, ws1: null };
      bySerial.set(k, { ...cur, ws1: newer(cur.ws1, w) });
    }
  }
  return [...bySerial.values(), ...alone];
}

export function deviceKey(s: Sides): string {
  const k = serialKey(s.intune?.serial ?? s.ws1?.serial);
  return k ? `serial:${k}` : s.intune ? `intune:${s.intune.id}` : `ws1:${s.ws1?.id}`;
}

/** Who signed in when, newest first; WS1 reports only the last Windows user, without a time. */
export function signInTimeline(s: Sides): SignInEvent[] {
  const events: SignInEvent[] = (s.intune?.loggedOnUsers ?? []).map((l) => ({ user: l.upn ?? l.displayName ?? l.id ?? '?', at: l.lastSignIn, source: 'intune' as const }));
  if (s.ws1?.lastLoggedInUser) events.push({ user: s.ws1.lastLoggedInUser, at: null, source: 'ws1' });
  return events.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}

/** A card; diagnoses only with a context (rank and cut first, then diagnose the few that are shown). */
export function buildDevice(s: Sides, query: string | null, ctx?: DiagnosisContext): Device {
  const i = s.intune;
  const w = s.ws1;
  const d: Device = {
    key: deviceKey(s),
    name: i?.name ?? w?.name ?? '?',
    serial: i?.serial ?? w?.serial ?? null,
    model: i?.model ?? w?.model ?? null,
    os: i?.os ?? w?.os ?? null,
    intune: i,
    ws1: w,
    match: query ? matchSides(query, s) : null,
    diagnoses: ctx ? diagnose(s, ctx) : [],
    timeline: signInTimeline(s),
  };
  if (ctx) d.actions = cardActions(d);
  return d;
}
