import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/services/cache/db.ts';
import { DeviceCache } from '../../../electron/services/cache/device-cache.ts';
import { SignInHistory } from '../../../electron/services/cache/signin-history.ts';
import { intuneSide, ws1Side } from '../lookup/fixtures.ts';

const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const anna = (lastSignIn: string) => ({ id: 'u-anna', upn: 'Anna.Berg@contoso.com', displayName: 'Anna Berg', lastSignIn });

test('history survives Intune forgetting: a later record without usersLoggedOn keeps what an earlier lookup saw, on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-history-'));
  try {
    const path = join(dir, 'helpdesk.sqlite');
    const db = openDatabase(path);
    const cache = new DeviceCache(db, 'demo');
    cache.upsert([intuneSide({ id: 'a', name: 'LAB-001', serial: 'SER-A', loggedOnUsers: [anna(ago(40))] })], []);
    cache.upsert([intuneSide({ id: 'a', name: 'LAB-001', serial: 'SER-A', loggedOnUsers: [anna(ago(10))] })], []);
    cache.upsert([intuneSide({ id: 'a', name: 'LAB-001', serial: 'SER-A', loggedOnUsers: [], detailsLoaded: true })], []);
    cache.upsert([], [ws1Side({ id: '7', name: 'LAB-001', serial: 'SER-A', enrolledUser: null, lastLoggedInUser: 'anna.berg@contoso.com', lastCheckIn: ago(2) })]);
    db.close();
    const again = new SignInHistory(openDatabase(path), 'demo');
    const rows = again.devicesUsedBy('anna.berg@CONTOSO.com', 90, now);
    assert.deepEqual(
      rows.map((r) => [r.deviceKey, r.via, r.firstSeen, r.lastSeen]),
      [
        ['ser-a', 'ws1LastLoggedIn', ago(2), ago(2)],
        ['ser-a', 'intuneLoggedOn', ago(40), ago(10)],
      ],
    );
    assert.equal(again.devicesUsedBy('anna.berg@contoso.com', 5, now).length, 1, 'the 5-day window only has the Workspace ONE sighting');
    assert.deepEqual(again.usersOf('ser-a', 180, now).map((r) => r.upn), ['anna.berg@contoso.com', 'anna.berg@contoso.com']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('history keeps 180 days by default (configurable) and prunes older sightings', () => {
  const db = openDatabase(':memory:');
  const h = new SignInHistory(db, 'demo');
  const h30 = new SignInHistory(db, 'other', 30);
  const sight = (at: string, deviceKey: string) => ({ upn: 'ben@contoso.com', deviceKey, deviceName: deviceKey, via: 'intuneLoggedOn' as const, at });
  h.record([sight(ago(200), 'old'), sight(ago(170), 'kept'), sight(ago(1), 'new')], now);
  h30.record([sight(ago(40), 'old'), sight(ago(20), 'kept')], now);
  assert.deepEqual(h.devicesUsedBy('ben@contoso.com', 365, now).map((r) => r.deviceKey), ['new', 'kept'], 'a sighting older than the window is not stored');
  assert.deepEqual(h30.devicesUsedBy('ben@contoso.com', 365, now).map((r) => r.deviceKey), ['kept']);
  assert.equal(h.prune(new Date(now.getTime() + 15 * 86_400_000)), 1, 'fifteen days later the 170-day sighting is past 180 days');
  assert.deepEqual(h.devicesUsedBy('ben@contoso.com', 365, now).map((r) => r.deviceKey), ['new']);
  assert.equal(h30.count(), 1, 'pruning one tenant leaves the other alone');
});

test('query plans: a user is one primary-key range, a device one covering-index range (no per-row second search)', () => {
  const db = openDatabase(':memory:');
  const history = new SignInHistory(db, 't');
  const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  const stmts = (history as unknown as { stmt: Record<string, { source: string }> }).stmt;
  assert.match(plan(stmts.byUser.source, 't', 'u', 'x'), /^SEARCH signin_history USING PRIMARY KEY \(scope=\? AND upn=\?\)/);
  assert.match(plan(stmts.byDevice.source, 't', 'd', 'x'), /^SEARCH signin_history USING COVERING INDEX signin_history_device \(scope=\? AND device_key=\? AND last_seen>\?\)$/);
  db.close();
});
