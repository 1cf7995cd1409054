// The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so an edited,
// removed or reordered entry is detected by verify().
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditFilter, AuditVerification } from '../../common/jobs.ts';

export type AuditDraft = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

export const genesisHash = '0'.repeat(64);

export function migrateAudit(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL, technician TEXT NOT NULL, tenant TEXT NOT NULL, job_id TEXT NOT NULL,
      device_key TEXT NOT NULL, device_name TEXT NOT NULL, action TEXT NOT NULL, result TEXT NOT NULL,
      body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_job ON audit(job_id);
    CREATE INDEX IF NOT EXISTS audit_device ON audit(device_key);
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `);
}

/** The hashed content: every field but seq and hash, in a fixed order. */
export function entryHash(prevHash: string, seq: number, e: AuditDraft): string {
  const content = [prevHash, seq, e.at, e.technician, e.tenant, e.jobId, e.deviceKey, e.deviceName, e.action, e.result,
    JSON.stringify(e.before ?? null), JSON.stringify(e.after ?? null), e.message ?? '', e.requestId ?? ''];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

interface Row {
  seq: number;
  body: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: Row): AuditEntry {
  return { ...(JSON.parse(r.body) as AuditDraft), seq: r.seq, prevHash: r.prev_hash, hash: r.hash };
}

export class AuditTrail {
  constructor(private readonly db: Database.Database) {}

  /** Appends one entry; call inside the transaction that records the step's result. */
  append(e: AuditDraft): AuditEntry {
    const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? genesisHash;
    const hash = entryHash(prevHash, seq, e);
    this.db
      .prepare('INSERT INTO audit (seq, at, technician, tenant, job_id, device_key, device_name, action, result, body, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
      .run(seq, e.at, e.technician, e.tenant, e.jobId, e.deviceKey, e.deviceName, e.action, e.result, JSON.stringify(e), prevHash, hash);
    return { ...e, seq, prevHash, hash };
  }

  query(f: AuditFilter = {}): AuditEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, ...values: string[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (f.from) add('at >= ?', f.from);
    if (f.to) add('at <= ?', f.to);
    if (f.technician) add('technician = ?', f.technician);
    if (f.tenant) add('tenant = ?', f.tenant);
    if (f.action) add('action LIKE ?', `${f.action}%`);
    if (f.result) add('result = ?', f.result);
    if (f.jobId) add('job_id = ?', f.jobId);
    if (f.device) add('(device_key LIKE ? OR device_name LIKE ?)', `%${f.device}%`, `%${f.device}%`);
    const sql = `SELECT seq, body, prev_hash, hash FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit ?? 100_000) as Row[]).map(fromRow);
  }

  count(jobId?: string): number {
    const r = jobId
      ? this.db.prepare('SELECT count(*) n FROM audit WHERE job_id = ?').get(jobId)
      : this.db.prepare('SELECT count(*) n FROM audit').get();
    return (r as { n: number }).n;
  }

  /** Walks the whole chain: each entry's prevHash must be the previous hash and its hash must match. */
  verify(): AuditVerification {
    let prev = genesisHash;
    let expectedSeq = 1;
    let entries = 0;
    const broken = (seq: number, problem: string): AuditVerification => ({ ok: false, entries, firstBrokenSeq: seq, problem });
    for (const r of this.db.prepare('SELECT seq, body, prev_hash, hash FROM audit ORDER BY seq').iterate() as Iterable<Row>) {
      entries++;
      if (r.seq !== expectedSeq) return broken(r.seq, `entry ${expectedSeq} is missing`);
      if (r.prev_hash !== prev) return broken(r.seq, `entry ${r.seq} does not follow entry ${r.seq - 1}`);
      let draft: AuditDraft;
      try {
        draft = JSON.parse(r.body) as AuditDraft;
      } catch {
        return broken(r.seq, `entry ${r.seq} is unreadable`);
      }
      if (entryHash(prev, r.seq, draft) !== r.hash) return broken(r.seq, `entry ${r.seq} was altered`);
      prev = r.hash;
      expectedSeq++;
    }
    return { ok: true, entries, firstBrokenSeq: null };
  }
}
