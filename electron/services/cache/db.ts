// The app's one SQLite database (in the data folder). Each feature brings its own migrations under its own
// namespace (device cache here; the jobs engine later), applied once, in order, in a transaction each.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  namespace: string;
  version: number;
  sql: string;
}

export function openDatabase(path: string, migrations: Migration[] = []): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    namespace TEXT NOT NULL, version INTEGER NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (namespace, version))`);
  applyMigrations(db, migrations);
  return db;
}

/** Applies the migrations not yet recorded; safe to call on every start. */
export function applyMigrations(db: Db, migrations: Migration[]): number {
  const done = db.prepare('SELECT 1 FROM schema_migrations WHERE namespace = ? AND version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (namespace, version, applied_at) VALUES (?, ?, ?)');
  let applied = 0;
  for (const m of [...migrations].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.version - b.version)) {
    if (done.get(m.namespace, m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.namespace, m.version, new Date().toISOString());
    })();
    applied++;
  }
  return applied;
}
