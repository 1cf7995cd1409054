// "Every device this user used in the last N days", answered from our own sign-in history in the local cache
// only (so it works offline and after Intune has forgotten), one row per device with where each sighting came
// from: still reported live by Intune, our history only, Workspace ONE, or the Entra sign-in logs.
import type { DeviceSource, UserDevice, UserDeviceSource, UserDevices } from '../../common/device.ts';
import type { DeviceCache } from '../cache/device-cache.ts';
import { deviceKeyOf, type HistoryRow } from '../cache/signin-history.ts';
import { normUser } from './match.ts';

const sourceOfVia: Record<HistoryRow['via'], UserDeviceSource> = {
  intuneLoggedOn: 'history', // unless Intune still reports the user (then intuneLive, below)
  entraSignInLog: 'signInLog',
  ws1EnrolledUser: 'ws1',
  ws1LastLoggedIn: 'ws1',
};

export function userDevices(cache: DeviceCache, user: string, days: number, now = new Date()): UserDevices {
  const history = cache.history;
  const period = Math.min(days, history.keepDays);
  const rows = history.devicesUsedByAnyForm(user, period, now);
  const byDevice = new Map<string, HistoryRow[]>();
  for (const r of rows) byDevice.set(r.deviceKey, [...(byDevice.get(r.deviceKey) ?? []), r]);

  // What the cache holds of each device now: its platforms, serial, and whether Intune still lists the user.
  const sides = cache.sidesOf([...byDevice.keys()]);
  const platforms = new Map<string, Set<DeviceSource>>();
  const serials = new Map<string, string>();
  const liveOnIntune = new Set<string>();
  const forms = (upn: string) => [normUser(upn), normUser(upn).split('@')[0]];
  const asked = new Set(rows.flatMap((r) => forms(r.upn)));
  for (const [source, list] of [['intune', sides.intune], ['ws1', sides.ws1]] as const) {
    for (const side of list) {
      const key = deviceKeyOf(source, side);
      platforms.set(key, (platforms.get(key) ?? new Set()).add(source));
      if (side.serial) serials.set(key, side.serial);
      if ('loggedOnUsers' in side && side.loggedOnUsers.some((l) => l.upn && asked.has(normUser(l.upn)))) liveOnIntune.add(key);
    }
  }

  const devices: UserDevice[] = [...byDevice].map(([key, seen]) => {
    const sources = new Set(seen.map((r) => (r.via === 'intuneLoggedOn' && liveOnIntune.has(key) ? 'intuneLive' : sourceOfVia[r.via])));
    const serial = serials.get(key) ?? null;
    const deviceName = seen[0].deviceName;
    return {
      deviceName,
      serial,
      query: serial ?? deviceName,
      platforms: [...(platforms.get(key) ?? [])].sort(),
      upns: [...new Set(seen.map((r) => r.upn))],
      firstSeen: seen.map((r) => r.firstSeen).sort()[0],
      lastSeen: seen.map((r) => r.lastSeen).sort().at(-1)!,
      sources: (['intuneLive', 'history', 'ws1', 'signInLog'] as const).filter((s) => sources.has(s)),
    };
  });
  devices.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || a.deviceName.localeCompare(b.deviceName));
  return { user: user.trim(), days: period, keepDays: history.keepDays, cacheAge: cache.cacheAge(), devices };
}
