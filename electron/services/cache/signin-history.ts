// Sign-in history kept by us: every sync and every lookup records who it saw on which device (Intune
// usersLoggedOn, Entra sign-in logs, Workspace ONE enrolled / last logged-in user) with first and last seen,
// in the local cache, for 180 days by default. It answers "every device this user used" after Intune forgot.
import type { HistorySighting, IntuneSide, Ws1Side } from '../../common/device.ts';
import { normUser, serialKey } from '../lookup/match.ts';
import { applyMigrations, type Db, type Migration } from './db.ts';

export const signInHistoryMigrations: Migration[] = [
  {
    namespace: 'signin-history',
    version: 1,
    sql: `
      CREATE TABLE signin_history (
        scope TEXT NOT NULL,
        upn TEXT NOT NULL,
        device_key TEXT NOT NULL,
        via TEXT NOT NULL,
        device_name TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (scope, upn, device_key, via)
      ) WITHOUT ROWID;
      CREATE INDEX signin_history_user ON signin_history (scope, upn, last_seen);
      CREATE INDEX signin_history_device ON signin_history (scope, device_key, last_seen);
      CREATE INDEX signin_history_seen ON signin_history (scope, last_seen);
    `,
  },
  {
    // The primary key starts with (scope, upn): one user's rows are one contiguous range of the table itself,
    // so the user index (each row then a second b-tree search) goes. The device index covers every column the
    // device query reads, so "who signed in here" never leaves it.
    namespace: 'signin-history',
    version: 2,
    sql: `
      DROP INDEX IF EXISTS signin_history_user;
      DROP INDEX IF EXISTS signin_history_device;
      CREATE INDEX signin_history_device ON signin_history (scope, device_key, last_seen, device_name, first_seen);
    `,
  },
];

/** Where a sighting came from: shown beside each row so the technician knows which is which. */
export type SightingVia = HistorySighting['via'];

export interface Sighting {
  upn: string;
  /** Serial (the cross-platform join key) when known, else `source:id`. */
  deviceKey: string;
  deviceName: string;
  via: SightingVia;
  /** When the user was seen on the device (the platform's time, else the time we looked). */
  at: string;
}

export interface HistoryRow {
  upn: string;
  deviceKey: string;
  deviceName: string;
  via: SightingVia;
  firstSeen: string;
  lastSeen: string;
}

export const defaultKeepDays = 180;
const dayMs = 86_400_000;

export const deviceKeyOf = (source: 'intune' | 'ws1', side: { id: string; serial: string | null }): string =>
  serialKey(side.serial) ?? `${source}:${side.id}`;

/** What a set of platform records says about who used which device. */
export function sightingsOf(intune: readonly IntuneSide[], ws1: readonly Ws1Side[], seenAt: string): Sighting[] {
  const out: Sighting[] = [];
  for (const i of intune) {
    const deviceKey = deviceKeyOf('intune', i);
    for (const l of i.loggedOnUsers) if (l.upn?.includes('@')) out.push({ upn: l.upn, deviceKey, deviceName: i.name, via: 'intuneLoggedOn', at: l.lastSignIn ?? seenAt });
  }
  for (const w of ws1) {
    const deviceKey = deviceKeyOf('ws1', w);
    const at = w.lastCheckIn ?? seenAt;
    if (w.enrolledUser?.upn) out.push({ upn: w.enrolledUser.upn, deviceKey, deviceName: w.name, via: 'ws1EnrolledUser', at });
    if (w.lastLoggedInUser) out.push({ upn: w.lastLoggedInUser, deviceKey, deviceName: w.name, via: 'ws1LastLoggedIn', at });
  }
  return out;
}

export class SignInHistory {
  private readonly stmt;

  constructor(
    private readonly db: Db,
    readonly scope: string,
    /** How long a sighting is kept after it was last seen (settings: sign-in history days). */
    readonly keepDays = defaultKeepDays,
  ) {
    applyMigrations(db, signInHistoryMigrations);
    this.stmt = {
      record: db.prepare(`INSERT INTO signin_history (scope, upn, device_key, via, device_name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (scope, upn, device_key, via) DO UPDATE SET device_name = excluded.device_name,
        first_seen = MIN(signin_history.first_seen, excluded.first_seen), last_seen = MAX(signin_history.last_seen, excluded.last_seen)`),
      // '+last_seen': read the primary key's (scope, upn) range, never the whole window of the last_seen index.
      byUser: db.prepare(`SELECT upn, device_key AS deviceKey, device_name AS deviceName, via, first_seen AS firstSeen, last_seen AS lastSeen
        FROM signin_history WHERE scope = ? AND upn = ? AND +last_seen >= ? ORDER BY +last_seen DESC`),
      // Every account of one local part ("anna.berg@…"): a range of the primary key.
      byUserRange: db.prepare(`SELECT upn, device_key AS deviceKey, device_name AS deviceName, via, first_seen AS firstSeen, last_seen AS lastSeen
        FROM signin_history WHERE scope = ? AND upn >= ? AND upn < ? AND +last_seen >= ? ORDER BY +last_seen DESC`),
      byDevice: db.prepare(`SELECT upn, device_key AS deviceKey, device_name AS deviceName, via, first_seen AS firstSeen, last_seen AS lastSeen
        FROM signin_history WHERE scope = ? AND device_key = ? AND last_seen >= ? ORDER BY last_seen DESC`),
      prune: db.prepare('DELETE FROM signin_history WHERE scope = ? AND last_seen < ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM signin_history WHERE scope = ?'),
    };
  }

  /** Stores sightings (first seen = earliest, last seen = latest); one transaction. */
  record(sightings: readonly Sighting[], now = new Date()): void {
    const oldest = this.cutoff(this.keepDays, now);
    const run = () => {
      for (const s of sightings) {
        const at = Number.isNaN(Date.parse(s.at)) ? now.toISOString() : new Date(s.at).toISOString();
        if (at < oldest) continue;
        this.stmt.record.run(this.scope, normUser(s.upn), s.deviceKey, s.via, s.deviceName, at, at);
      }
    };
    if (this.db.inTransaction) run();
    else this.db.transaction(run)();
  }

  recordSides(intune: readonly IntuneSide[], ws1: readonly Ws1Side[], now = new Date()): void {
    this.record(sightingsOf(intune, ws1, now.toISOString()), now);
  }

  /** Every device the user was seen on in the last `days` days, newest first (one row per device and source). */
  devicesUsedBy(upn: string, days: number, now = new Date()): HistoryRow[] {
    return this.stmt.byUser.all(this.scope, normUser(upn), this.cutoff(days, now)) as HistoryRow[];
  }

  /**
   * The same for a user typed as a UPN or as DOMAIN\user: a UPN also finds its DOMAIN\user sightings (Workspace
   * ONE's last Windows user), and a bare user name every UPN of that name.
   */
  devicesUsedByAnyForm(user: string, days: number, now = new Date()): HistoryRow[] {
    const u = normUser(user);
    const local = u.split('@')[0];
    const since = this.cutoff(days, now);
    const rows = this.devicesUsedBy(local, days, now);
    if (u.includes('@')) rows.push(...this.devicesUsedBy(u, days, now));
    else rows.push(...(this.stmt.byUserRange.all(this.scope, `${local}@`, `${local}@\uffff`, since) as HistoryRow[]));
    return rows.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  }

  /** Everyone seen on the device in the last `days` days, newest first. */
  usersOf(deviceKey: string, days = this.keepDays, now = new Date()): HistoryRow[] {
    return this.stmt.byDevice.all(this.scope, deviceKey, this.cutoff(days, now)) as HistoryRow[];
  }

  /** Drops sightings last seen before the keep window; returns how many. */
  prune(now = new Date()): number {
    return this.stmt.prune.run(this.scope, this.cutoff(this.keepDays, now)).changes;
  }

  count(): number {
    return (this.stmt.count.get(this.scope) as { n: number }).n;
  }

  private cutoff(days: number, now: Date): string {
    return new Date(now.getTime() - days * dayMs).toISOString();
  }
}
