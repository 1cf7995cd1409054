// Offline device cache: one row per platform record (normalised side as JSON), a trigram FTS5 index over
// names, serials and every user on the device, a user → device table for counts, and per-source sync times.
import type { DeviceSource, IntuneSide, Ws1Side } from '../../common/device.ts';
import { localPart, normUser, serialKey, userFields } from '../lookup/match.ts';
import { applyMigrations, type Db, type Migration } from './db.ts';
import { SignInHistory } from './signin-history.ts';

export const deviceCacheMigrations: Migration[] = [
  {
    namespace: 'device-cache',
    version: 1,
    sql: `
      CREATE TABLE device_side (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        serial TEXT,
        name_lc TEXT NOT NULL,
        seen_sync INTEGER NOT NULL DEFAULT 0,
        json TEXT NOT NULL,
        UNIQUE (scope, source, source_id)
      );
      CREATE INDEX device_side_serial ON device_side (scope, serial);
      CREATE INDEX device_side_name ON device_side (scope, name_lc);
      CREATE TABLE device_user (side_id INTEGER NOT NULL, upn TEXT NOT NULL, role TEXT NOT NULL);
      CREATE INDEX device_user_upn ON device_user (upn, role);
      CREATE INDEX device_user_side ON device_user (side_id);
      CREATE VIRTUAL TABLE device_fts USING fts5 (name, serial, users, tokenize = 'trigram');
      CREATE TABLE sync_state (scope TEXT NOT NULL, source TEXT NOT NULL, last_full TEXT, last_incremental TEXT, PRIMARY KEY (scope, source));
    `,
  },
];

export interface CachedSides {
  intune: IntuneSide[];
  ws1: Ws1Side[];
}

export interface SyncTimes {
  lastFull: string | null;
  lastIncremental: string | null;
}

type Side = IntuneSide | Ws1Side;
const roleOf: Record<string, string> = { primaryUser: 'primary', enrolledUser: 'enrolled', enrolledBy: 'enrolledBy', loggedOnUser: 'loggedOn', lastLoggedInUser: 'loggedOn' };

/** Keeps per-device details a lean record does not carry (a LIST result must not wipe logged-on users). */
export function keepDetails(fresh: IntuneSide, cached: IntuneSide | undefined): IntuneSide {
  if (fresh.detailsLoaded || !cached?.detailsLoaded) return fresh;
  const { loggedOnUsers, enrolledBy, joinType, joinTypeRaw, enrollmentProfileName, autopilotEnrolled } = cached;
  return { ...fresh, loggedOnUsers, enrolledBy, joinType, joinTypeRaw, enrollmentProfileName, autopilotEnrolled, detailsLoaded: true };
}

export class DeviceCache {
  private readonly stmt;
  private readonly counts = new Map<string, number>();
  /** Who was seen on which device, kept beyond what the platforms remember (every upsert records into it). */
  readonly history: SignInHistory;

  /** `scope` separates tenants (demo vs a real one) inside one database. */
  constructor(
    private readonly db: Db,
    readonly scope: string,
    historyDays?: number,
  ) {
    applyMigrations(db, deviceCacheMigrations);
    this.history = new SignInHistory(db, scope, historyDays);
    this.stmt = {
      upsert: db.prepare(`INSERT INTO device_side (scope, source, source_id, serial, name_lc, seen_sync, json) VALUES (@scope, @source, @sourceId, @serial, @name, @gen, @json)
        ON CONFLICT (scope, source, source_id) DO UPDATE SET serial = excluded.serial, name_lc = excluded.name_lc, json = excluded.json,
        seen_sync = CASE WHEN @gen > 0 THEN @gen ELSE device_side.seen_sync END RETURNING id`),
      existing: db.prepare('SELECT json FROM device_side WHERE scope = ? AND source = ? AND source_id = ?'),
      deleteFts: db.prepare('DELETE FROM device_fts WHERE rowid = ?'),
      insertFts: db.prepare('INSERT INTO device_fts (rowid, name, serial, users) VALUES (?, ?, ?, ?)'),
      deleteUsers: db.prepare('DELETE FROM device_user WHERE side_id = ?'),
      insertUser: db.prepare('INSERT INTO device_user (side_id, upn, role) VALUES (?, ?, ?)'),
      bySerial: db.prepare('SELECT id FROM device_side WHERE scope = ? AND serial = ?'),
      byNamePrefix: db.prepare('SELECT id FROM device_side WHERE scope = ? AND name_lc >= ? AND name_lc < ? LIMIT ?'),
      byNameLike: db.prepare("SELECT id FROM device_side WHERE scope = ? AND name_lc LIKE ? ESCAPE '\\' LIMIT ?"),
      byUser: db.prepare('SELECT side_id AS id FROM device_user WHERE upn = ? OR upn = ? OR (upn >= ? AND upn < ?) LIMIT ?'),
      fts: db.prepare('SELECT rowid AS id FROM device_fts WHERE device_fts MATCH ? LIMIT ?'),
      enrolledBy: db.prepare(`SELECT COUNT(DISTINCT u.side_id) AS n FROM device_user u JOIN device_side s ON s.id = u.side_id WHERE u.upn = ? AND u.role = 'enrolledBy' AND s.scope = ?`),
      signedIn: db.prepare(
        `SELECT COUNT(DISTINCT COALESCE(s.serial, s.source || s.source_id)) AS n FROM device_user u JOIN device_side s ON s.id = u.side_id WHERE u.upn = ? AND u.role = 'loggedOn' AND s.scope = ?`,
      ),
      syncGet: db.prepare('SELECT last_full AS lastFull, last_incremental AS lastIncremental FROM sync_state WHERE scope = ? AND source = ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM device_side WHERE scope = ? AND source = ?'),
      sweep: db.prepare('SELECT id FROM device_side WHERE scope = ? AND source = ? AND seen_sync <> ?'),
      deleteSide: db.prepare('DELETE FROM device_side WHERE id = ?'),
      // `+scope`: look rows up by primary key, not by scanning the scope index.
      loadIds: db.prepare('SELECT id, source, serial, json FROM device_side WHERE +scope = ? AND id IN (SELECT value FROM json_each(?))'),
      signedInMany: db.prepare(
        // CROSS JOIN fixes the order: each asked account → its user rows (index) → their devices (primary key).
        `SELECT u.upn AS upn, COUNT(DISTINCT COALESCE(s.serial, s.source || s.source_id)) AS n
         FROM json_each(?) j CROSS JOIN device_user u CROSS JOIN device_side s
         WHERE u.upn = j.value AND u.role = 'loggedOn' AND s.id = u.side_id AND +s.scope = ? GROUP BY u.upn`,
      ),
      loadSerials: db.prepare('SELECT id, source, serial, json FROM device_side WHERE scope = ? AND serial IN (SELECT value FROM json_each(?))'),
    };
  }

  /** Stores sides (from a sync or a live search). `generation` > 0 marks them as seen by that full sync. */
  upsert(intune: IntuneSide[], ws1: Ws1Side[], generation = 0): void {
    this.counts.clear();
    this.db.transaction(() => {
      for (const i of intune) {
        const row = this.stmt.existing.get(this.scope, 'intune', i.id) as { json: string } | undefined;
        this.put('intune', keepDetails(i, row ? (JSON.parse(row.json) as IntuneSide) : undefined), generation);
      }
      for (const w of ws1) this.put('ws1', w, generation);
      this.history.recordSides(intune, ws1);
    })();
  }

  private put(source: DeviceSource, side: Side, generation: number): void {
    const sides = source === 'intune' ? { intune: side as IntuneSide, ws1: null } : { intune: null, ws1: side as Ws1Side };
    const users = userFields(sides);
    if (sides.intune?.enrollmentType === 'dem' && !sides.intune.enrolledBy && sides.intune.primaryUser?.upn)
      users.push({ field: 'enrolledBy', values: [sides.intune.primaryUser.upn], bonus: 0 });
    const { id } = this.stmt.upsert.get({
      scope: this.scope,
      source,
      sourceId: side.id,
      serial: serialKey(side.serial),
      name: side.name.toLowerCase(),
      gen: generation,
      json: JSON.stringify(side),
    }) as { id: number };
    this.stmt.deleteFts.run(id);
    this.stmt.insertFts.run(id, 'friendlyName' in side && side.friendlyName ? `${side.name} | ${side.friendlyName}` : side.name, side.serial ?? '', users.flatMap((u) => u.values.filter(Boolean)).join(' | '));
    this.stmt.deleteUsers.run(id);
    const seen = new Set<string>();
    for (const u of users) {
      const upn = u.values[0];
      if (!upn) continue;
      const key = `${normUser(upn)}\u0000${roleOf[u.field]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.stmt.insertUser.run(id, normUser(upn), roleOf[u.field]);
    }
  }

  /** Candidates for a query: serial, name prefix, user (UPN or its local part), then substring via FTS. */
  /** `limit` caps each kind of candidate; the caller ranks and cuts. */
  search(query: string, limit = 100): CachedSides {
    const q = query.trim().toLowerCase();
    const ids = new Set<number>();
    const add = (rows: unknown[]) => {
      for (const r of rows as { id: number }[]) ids.add(r.id);
    };
    if (!q) return { intune: [], ws1: [] };
    add(this.stmt.bySerial.all(this.scope, q));
    add(this.stmt.byNamePrefix.all(this.scope, q, `${q}\uffff`, limit));
    const u = normUser(q);
    add(this.stmt.byUser.all(u, localPart(u), `${localPart(u)}@`, `${localPart(u)}@\uffff`, limit));
    if (ids.size < limit) {
      if (q.length >= 3) add(this.stmt.fts.all(`"${q.replace(/"/g, '""')}"`, limit));
      else add(this.stmt.byNameLike.all(this.scope, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit));
    }
    return this.load([...ids]);
  }

  /** Rows by id, plus the other platform's record of the same serial so a card has both sides. */
  private load(ids: number[]): CachedSides {
    const out: CachedSides = { intune: [], ws1: [] };
    if (ids.length === 0) return out;
    type Row = { id: number; source: DeviceSource; serial: string | null; json: string };
    const rows = this.stmt.loadIds.all(this.scope, JSON.stringify(ids)) as Row[];
    const serials = [...new Set(rows.map((r) => r.serial).filter((s): s is string => !!s))];
    const have = new Set(rows.map((r) => r.id));
    if (serials.length) for (const r of this.stmt.loadSerials.all(this.scope, JSON.stringify(serials)) as Row[]) if (!have.has(r.id)) rows.push(r);
    for (const r of rows) {
      const side = JSON.parse(r.json) as Side;
      side.freshness = { ...side.freshness, fromCache: true };
      if (r.source === 'intune') out.intune.push(side as IntuneSide);
      else out.ws1.push(side as Ws1Side);
    }
    return out;
  }

  /** The cached sides of devices by history key (signin-history.ts deviceKeyOf: a serial, else `source:id`). */
  sidesOf(deviceKeys: readonly string[]): CachedSides {
    const out: CachedSides = { intune: [], ws1: [] };
    const serials = deviceKeys.filter((k) => !/^(intune|ws1):/.test(k));
    const rows: { source: DeviceSource; json: string }[] = serials.length ? (this.stmt.loadSerials.all(this.scope, JSON.stringify(serials)) as { source: DeviceSource; json: string }[]) : [];
    for (const k of deviceKeys) {
      const m = /^(intune|ws1):(.+)$/.exec(k);
      const row = m ? (this.stmt.existing.get(this.scope, m[1], m[2]) as { json: string } | undefined) : undefined;
      if (row) rows.push({ source: m![1] as DeviceSource, json: row.json });
    }
    for (const r of rows) {
      if (r.source === 'intune') out.intune.push(JSON.parse(r.json) as IntuneSide);
      else out.ws1.push(JSON.parse(r.json) as Ws1Side);
    }
    return out;
  }

  /** Counts are asked for every shown card; remembered until the next write. */
  private memo(key: string, f: () => number): number {
    let n = this.counts.get(key);
    if (n === undefined) this.counts.set(key, (n = f()));
    return n;
  }

  devicesEnrolledBy(upn: string): number {
    const u = normUser(upn);
    return this.memo(`e:${u}`, () => (this.stmt.enrolledBy.get(u, this.scope) as { n: number }).n);
  }

  /** Counts many accounts in one query (the accounts of the cards about to be diagnosed). */
  primeSignedIn(upns: Iterable<string>): void {
    const missing = [...new Set([...upns].map(normUser))].filter((u) => !this.counts.has(`s:${u}`));
    if (missing.length === 0) return;
    for (const u of missing) this.counts.set(`s:${u}`, 0);
    for (const r of this.stmt.signedInMany.all(JSON.stringify(missing), this.scope) as { upn: string; n: number }[]) this.counts.set(`s:${r.upn}`, r.n);
  }

  devicesSignedInBy(upn: string): number {
    const u = normUser(upn);
    return this.memo(`s:${u}`, () => (this.stmt.signedIn.get(u, this.scope) as { n: number }).n);
  }

  count(source: DeviceSource): number {
    return (this.stmt.count.get(this.scope, source) as { n: number }).n;
  }

  syncTimes(source: DeviceSource): SyncTimes {
    return (this.stmt.syncGet.get(this.scope, source) as SyncTimes | undefined) ?? { lastFull: null, lastIncremental: null };
  }

  /** Age of each source's data: the newest full or incremental sync. */
  cacheAge(): { intune: string | null; ws1: string | null } {
    const newest = (t: SyncTimes) => [t.lastFull, t.lastIncremental].filter((x): x is string => !!x).sort().at(-1) ?? null;
    return { intune: newest(this.syncTimes('intune')), ws1: newest(this.syncTimes('ws1')) };
  }

  markSynced(source: DeviceSource, kind: 'full' | 'incremental', at: string): void {
    const col = kind === 'full' ? 'last_full' : 'last_incremental';
    this.db
      .prepare(`INSERT INTO sync_state (scope, source, ${col}) VALUES (?, ?, ?) ON CONFLICT (scope, source) DO UPDATE SET ${col} = excluded.${col}`)
      .run(this.scope, source, at);
  }

  /** After a complete full sync: drop records that sync did not see (retired devices). */
  sweep(source: DeviceSource, generation: number): number {
    this.counts.clear();
    const gone = this.stmt.sweep.all(this.scope, source, generation) as { id: number }[];
    this.history.prune();
    this.db.transaction(() => {
      for (const { id } of gone) {
        this.stmt.deleteFts.run(id);
        this.stmt.deleteUsers.run(id);
        this.stmt.deleteSide.run(id);
      }
    })();
    return gone.length;
  }
}
