// "Devices this user used": answered from our history in the cache, after Intune has forgotten, for a UPN or a
// DOMAIN\user, with the platforms of each device and which sightings Intune still reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userDevicesSchema } from '../../../electron/common/device.ts';
import { openDatabase } from '../../../electron/services/cache/db.ts';
import { DeviceCache } from '../../../electron/services/cache/device-cache.ts';
import { userDevices } from '../../../electron/services/lookup/user-devices.ts';
import { intuneSide, ws1Side } from './fixtures.ts';

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const anna = (lastSignIn: string) => ({ id: 'u-anna', upn: 'Anna.Berg@contoso.com', displayName: 'Anna Berg', lastSignIn });

test('every device anna.berg used in 90 days, from a cache on disk, after Intune forgot her', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-user-devices-'));
  try {
    const path = join(dir, 'helpdesk.sqlite');
    const first = new DeviceCache(openDatabase(path), 'demo');
    // LAB-001: Intune saw her 40 days ago, then forgot (usersLoggedOn empty); Workspace ONE knows the same serial.
    first.upsert([intuneSide({ id: 'a', name: 'LAB-001', serial: 'SER-A', loggedOnUsers: [anna(ago(40))] })], []);
    first.upsert([intuneSide({ id: 'a', name: 'LAB-001', serial: 'SER-A', loggedOnUsers: [], detailsLoaded: true })], [ws1Side({ id: '7', name: 'LAB-001', serial: 'SER-A', enrolledUser: null, lastLoggedInUser: null })]);
    // PC-002: Intune still reports her.
    first.upsert([intuneSide({ id: 'b', name: 'PC-002', serial: 'SER-B', loggedOnUsers: [anna(ago(3))] })], []);
    // FLOOR-003: Workspace ONE's last Windows user, as CONTOSO\anna.berg.
    first.upsert([], [ws1Side({ id: '9', name: 'FLOOR-003', serial: 'SER-C', enrolledUser: null, lastLoggedInUser: 'CONTOSO\\anna.berg', lastCheckIn: ago(1) })]);
    // OLD-004: 120 days ago, outside 90 days.
    first.upsert([intuneSide({ id: 'd', name: 'OLD-004', serial: 'SER-D', loggedOnUsers: [anna(ago(120))] })], []);

    const cache = new DeviceCache(openDatabase(path), 'demo'); // a fresh start: nothing in memory
    const r = userDevicesSchema.parse(userDevices(cache, 'anna.berg@contoso.com', 90, now));
    assert.equal(r.days, 90);
    assert.deepEqual(
      r.devices.map((d) => [d.deviceName, d.platforms.join('+'), d.sources.join('+'), d.firstSeen, d.lastSeen]),
      [
        ['FLOOR-003', 'ws1', 'ws1', ago(1), ago(1)],
        ['PC-002', 'intune', 'intuneLive', ago(3), ago(3)],
        ['LAB-001', 'intune+ws1', 'history', ago(40), ago(40)],
      ],
    );
    assert.equal(r.devices[2].query, 'SER-A', 'a row opens its card by serial');
    // The same from DOMAIN\user, and a period past the retention is capped.
    const byDomain = userDevices(cache, 'CONTOSO\\anna.berg', 90, now);
    assert.deepEqual(byDomain.devices.map((d) => d.deviceName), ['FLOOR-003', 'PC-002', 'LAB-001']);
    const capped = userDevices(new DeviceCache(openDatabase(path), 'demo', 30), 'anna.berg', 180, now);
    assert.equal(capped.days, 30);
    assert.equal(capped.keepDays, 30);
    assert.deepEqual(userDevices(cache, 'anna.berg@contoso.com', 180, now).devices.map((d) => d.deviceName).at(-1), 'OLD-004');
    assert.deepEqual(userDevices(cache, 'nobody@contoso.com', 90, now).devices, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
