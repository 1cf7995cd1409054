import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, openDatabase } from '../../../electron/services/cache/db.ts';
import { DeviceCache, deviceCacheMigrations } from '../../../electron/services/cache/device-cache.ts';
import { signInHistoryMigrations } from '../../../electron/services/cache/signin-history.ts';
import { syncIntune, syncWs1 } from '../../../electron/services/cache/sync.ts';
import type { IntuneSide, Ws1Side } from '../../../electron/common/device.ts';
import type { RawRecord } from '../../../electron/services/graph/client.ts';
import { NOW, intuneSide, ws1Side } from '../lookup/fixtures.ts';

test('openDatabase creates the file, applies each namespace once, and is safe to reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-cache-'));
  try {
    const path = join(dir, 'nested', 'helpdesk.sqlite');
    const jobs = [{ namespace: 'jobs', version: 1, sql: 'CREATE TABLE job (id TEXT PRIMARY KEY)' }];
    const db = openDatabase(path, jobs);
    new DeviceCache(db, 'demo');
    db.close();
    const again = openDatabase(path, jobs);
    assert.equal(applyMigrations(again, [...jobs, ...deviceCacheMigrations, ...signInHistoryMigrations]), 0);
    const rows = again.prepare('SELECT namespace, version FROM schema_migrations ORDER BY namespace').all();
    assert.deepEqual(rows, [{ namespace: 'device-cache', version: 1 }, { namespace: 'jobs', version: 1 }, { namespace: 'signin-history', version: 1 }, { namespace: 'signin-history', version: 2 }]);
    assert.equal(again.pragma('journal_mode', { simple: true }), 'wal');
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('search: serial, name prefix and contains, UPN or its local part, display name, logged-on user', () => {
  const c = new DeviceCache(openDatabase(':memory:'), 'demo');
  c.upsert(
    [
      intuneSide({ id: 'a', name: 'LAB-DEM-001', serial: 'SER-A', loggedOnUsers: [{ id: 'x', upn: 'carl.diaz@contoso.com', displayName: 'Carl Diaz', lastSignIn: null }] }),
      intuneSide({ id: 'b', name: 'PC-UD-002', serial: 'SER-B', primaryUser: { id: 'y', upn: 'dora.e@contoso.com', displayName: 'Dora Eng' }, loggedOnUsers: [] }),
    ],
    [ws1Side({ id: '1', name: 'Floor laptop', serial: 'SER-A', lastLoggedInUser: 'CONTOSO\\erik.f' })],
  );
  const ids = (q: string) => {
    const r = c.search(q);
    return [...r.intune.map((x) => `i:${x.id}`), ...r.ws1.map((x) => `w:${x.id}`)].sort();
  };
  assert.deepEqual(ids('ser-b'), ['i:b']);
  assert.deepEqual(ids('LAB'), ['i:a', 'w:1'], 'a hit brings the other platform\'s record of the same serial');
  assert.deepEqual(ids('dem-00'), ['i:a', 'w:1']);
  assert.deepEqual(ids('ud'), ['i:b'], 'two-letter contains');
  assert.deepEqual(ids('dora.e'), ['i:b']);
  assert.deepEqual(ids('Dora Eng'), ['i:b']);
  assert.deepEqual(ids('carl.diaz@contoso.com'), ['i:a', 'w:1']);
  assert.deepEqual(ids('erik.f'), ['i:a', 'w:1']);
  assert.deepEqual(ids('erik.f@contoso.com'), ['i:a', 'w:1'], 'a UPN finds the DOMAIN\\user Windows sign-in');
  assert.deepEqual(ids('"; DROP'), []);
  assert.equal(c.search('LAB').intune[0].freshness.fromCache, true);
  assert.deepEqual(new DeviceCache((c as unknown as { db: never }).db, 'other').search('LAB'), { intune: [], ws1: [] }, 'scopes are separate');
});

test('a lean record does not wipe cached details; counts for DEM and shared accounts', () => {
  const c = new DeviceCache(openDatabase(':memory:'), 's');
  const dem = 'dem.lab01@contoso.com';
  for (let k = 0; k < 3; k++)
    c.upsert([intuneSide({ id: `d${k}`, serial: `S${k}`, enrollmentType: 'dem', enrolledBy: k === 0 ? dem : null, primaryUser: { id: 'd', upn: dem, displayName: null }, loggedOnUsers: [{ id: 'r', upn: 'remote.assist@contoso.com', displayName: null, lastSignIn: null }] })], []);
  c.upsert([], [ws1Side({ serial: 'S0', lastLoggedInUser: 'CONTOSO\\remote.assist' })]);
  assert.equal(c.devicesEnrolledBy(dem), 3);
  assert.equal(c.devicesSignedInBy('REMOTE.ASSIST@contoso.com'), 3);
  c.upsert([], []); // a write forgets remembered counts
  c.primeSignedIn(['remote.assist@contoso.com', 'CONTOSO\\remote.assist', 'nobody@contoso.com']);
  assert.deepEqual(['remote.assist@contoso.com', 'remote.assist', 'nobody@contoso.com'].map((u) => c.devicesSignedInBy(u)), [3, 1, 0]);
  c.upsert([intuneSide({ id: 'd0', serial: 'S0', detailsLoaded: false, loggedOnUsers: [], enrolledBy: null })], []);
  const again = c.search('s0').intune[0];
  assert.equal(again.loggedOnUsers.length, 1);
  assert.equal(again.enrolledBy, dem);
});

test('full sync stores and sweeps; incremental asks only for what changed since the last sync', async () => {
  const c = new DeviceCache(openDatabase(':memory:'), 's');
  let listed: RawRecord[] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const sinceSeen: (string | null)[] = [];
  const intune = {
    async *allDevices(since: string | null) {
      sinceSeen.push(since);
      yield listed.slice(0, 2);
      yield listed.slice(2);
    },
    complete: async (raw: RawRecord[]): Promise<IntuneSide[]> => raw.map((r) => intuneSide({ id: String(r.id), name: `N-${String(r.id)}`, serial: `S-${String(r.id)}` })),
  };
  const progress: string[] = [];
  const t1 = new Date('2026-11-21T10:00:00Z');
  const r1 = await syncIntune(c, intune, { kind: 'full', now: () => t1, chunk: 1, onProgress: (p) => progress.push(`${p.phase}:${p.done}`) });
  assert.deepEqual([r1.stored, r1.removed], [3, 0]);
  assert.deepEqual(progress, ['list:2', 'details:1', 'details:2', 'list:3', 'details:3', 'done:3']);
  listed = [{ id: 'a' }];
  const r2 = await syncIntune(c, intune, { kind: 'full', now: () => new Date('2026-11-21T11:00:00Z') });
  assert.deepEqual([r2.stored, r2.removed, c.count('intune')], [1, 2, 1]);
  await syncIntune(c, intune, { kind: 'incremental', now: () => NOW });
  assert.deepEqual(sinceSeen, [null, null, '2026-11-21T10:50:00Z']);
  assert.equal(c.cacheAge().intune, NOW.toISOString());

  const ws1Calls: (string | null)[] = [];
  const ws1 = { allDevices: async (since: string | null): Promise<Ws1Side[]> => (ws1Calls.push(since), [ws1Side()]) };
  const w = await syncWs1(c, ws1, { kind: 'incremental', now: () => NOW });
  assert.equal(w.kind, 'full', 'never synced: an incremental request runs a full sync');
  assert.deepEqual(ws1Calls, [null]);
});

test('a cancelled full sync does not sweep', async () => {
  const c = new DeviceCache(openDatabase(':memory:'), 's');
  c.upsert([intuneSide({ id: 'keep' })], []);
  const ac = new AbortController();
  const intune = {
    async *allDevices() {
      ac.abort();
      yield [] as RawRecord[];
    },
    complete: async () => [] as IntuneSide[],
  };
  await assert.rejects(syncIntune(c, intune, { kind: 'full', signal: ac.signal }), /cancelled/);
  assert.equal(c.count('intune'), 1);
});
