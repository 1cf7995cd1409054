// The job journal's own SQLite file (jobs.db in the data folder). WAL + synchronous=FULL: a step recorded
// as started or finished is on disk before the next API call, so a crash never loses or repeats a change.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrateJournal } from './journal.ts';
import { migrateAudit } from '../audit/audit-trail.ts';

export type Db = Database.Database;

export function openJobsDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrateJournal(db);
  migrateAudit(db);
  return db;
}
