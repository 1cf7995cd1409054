// The audit trail: append-only (triggers refuse UPDATE and DELETE) and chained with a keyed HMAC (the key
// in the keychain, or for the session), anchored by the last sequence and hash kept apart from the
// database: verify() reports a rewritten entry, a deleted entry and a cut tail with the first bad position.
import type Database from 'better-sqlite3';
import type { AuditEntry, AuditFilter, AuditVerification } from '../../common/jobs.ts';
import { memoryAnchor, type AnchorStore } from './anchor.ts';
import { legacyHash, legacyKeyId, sessionAuditKey, type AuditKey } from './audit-key.ts';

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
  const columns = (db.prepare('PRAGMA table_info(audit)').all() as { name: string }[]).map((c) => c.name);
  // Entries from before the keyed chain keep their plain SHA-256 and are reported as unkeyed.
  if (!columns.includes('key_id')) db.exec(`ALTER TABLE audit ADD COLUMN key_id TEXT NOT NULL DEFAULT '${legacyKeyId}'`);
}

/** The chained content: every field but seq and hash, in a fixed order (reason and key id only when set). */
export function entryContent(prevHash: string, seq: number, e: AuditDraft, keyId: string): string {
  const content: unknown[] = [prevHash, seq, e.at, e.technician, e.tenant, e.jobId, e.deviceKey, e.deviceName, e.action, e.result,
    JSON.stringify(e.before ?? null), JSON.stringify(e.after ?? null), e.message ?? '', e.requestId ?? ''];
  if (keyId !== legacyKeyId) content.push(e.reason ?? '', e.platform ?? '', keyId);
  return JSON.stringify(content);
}

export interface AuditTrailOptions {
  /** Signs new entries (default: a key for this session only). */
  key?: AuditKey;
  /** Keys of earlier runs that can still be checked (the keychain key is `key` itself). */
  knownKeys?: AuditKey[];
  /** Where the last sequence and hash are kept, apart from the database (default: memory). */
  anchor?: AnchorStore;
}

interface Row {
  seq: number;
  body: string;
  prev_hash: string;
  hash: string;
  key_id: string;
}

function fromRow(r: Row): AuditEntry {
  return { ...(JSON.parse(r.body) as AuditDraft), seq: r.seq, prevHash: r.prev_hash, hash: r.hash };
}

export class AuditTrail {
  private readonly key: AuditKey;
  private readonly keys = new Map<string, AuditKey>();
  private readonly anchor: AnchorStore;
  private unanchored: { seq: number; hash: string } | null = null;

  constructor(
    private readonly db: Database.Database,
    o: AuditTrailOptions = {},
  ) {
    this.key = o.key ?? sessionAuditKey();
    for (const k of [...(o.knownKeys ?? []), this.key]) this.keys.set(k.id, k);
    this.anchor = o.anchor ?? memoryAnchor();
    // an anchor that has never been written starts at the trail as found (trust on first use)
    if (this.anchor.read() === null) {
      const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      if (last) this.anchor.advance(last);
    }
  }

  /** Whether entries written now can be checked after this run (false without a keychain). */
  get keyPersistent(): boolean {
    return this.key.persistent;
  }

  /** Appends one entry; call inside the transaction that records the step's result, then `commitAnchor()`. */
  append(e: AuditDraft): AuditEntry {
    const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? genesisHash;
    const hash = this.key.mac(entryContent(prevHash, seq, e, this.key.id));
    this.db
      .prepare('INSERT INTO audit (seq, at, technician, tenant, job_id, device_key, device_name, action, result, body, prev_hash, hash, key_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)')
      .run(seq, e.at, e.technician, e.tenant, e.jobId, e.deviceKey, e.deviceName, e.action, e.result, JSON.stringify(e), prevHash, hash, this.key.id);
    this.unanchored = { seq, hash };
    return { ...e, seq, prevHash, hash };
  }

  /** Moves the anchor to the last entry appended, once its transaction has committed. */
  commitAnchor(): void {
    if (this.unanchored) this.anchor.advance(this.unanchored);
    this.unanchored = null;
  }

  /** Forgets an entry whose transaction rolled back (the anchor never points past the database). */
  dropUncommitted(): void {
    this.unanchored = null;
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
    if (f.text) add('(body LIKE ? OR device_name LIKE ?)', `%${f.text}%`, `%${f.text}%`);
    // newest first
    const sql = `SELECT seq, body, prev_hash, hash, key_id FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit ?? 100_000) as Row[]).map(fromRow);
  }

  count(jobId?: string): number {
    const r = jobId
      ? this.db.prepare('SELECT count(*) n FROM audit WHERE job_id = ?').get(jobId)
      : this.db.prepare('SELECT count(*) n FROM audit').get();
    return (r as { n: number }).n;
  }

  /**
   * Walks the whole chain, then compares its end with the anchor: each entry must follow the previous
   * one and carry the HMAC of its content; the anchor's entry must still be there, with its hash.
   */
  verify(): AuditVerification {
    let prev = genesisHash;
    let expectedSeq = 1;
    let entries = 0;
    let unkeyed = 0;
    let unverifiable = 0;
    const broken = (seq: number, problem: string): AuditVerification => ({ ok: false, entries, firstBrokenSeq: seq, problem });
    const anchor = this.anchor.read();
    let anchoredHash: string | undefined;
    for (const r of this.db.prepare('SELECT seq, body, prev_hash, hash, key_id FROM audit ORDER BY seq').iterate() as Iterable<Row>) {
      entries++;
      if (r.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} was deleted: the trail goes from entry ${expectedSeq - 1} to entry ${r.seq}`);
      if (r.prev_hash !== prev) return broken(r.seq, `entry ${r.seq} does not follow entry ${r.seq - 1}: an entry before it was deleted or replaced`);
      let draft: AuditDraft;
      try {
        draft = JSON.parse(r.body) as AuditDraft;
      } catch {
        return broken(r.seq, `entry ${r.seq} is unreadable`);
      }
      const content = entryContent(prev, r.seq, draft, r.key_id);
      if (r.key_id === legacyKeyId) {
        unkeyed++;
        if (legacyHash(content) !== r.hash) return broken(r.seq, `entry ${r.seq} was rewritten after it was recorded`);
      } else {
        const key = this.keys.get(r.key_id);
        if (!key) unverifiable++;
        else if (key.mac(content) !== r.hash) return broken(r.seq, `entry ${r.seq} was rewritten after it was recorded`);
      }
      if (anchor && anchor !== 'unreadable' && r.seq === anchor.seq) anchoredHash = r.hash;
      prev = r.hash;
      expectedSeq++;
    }
    const last = expectedSeq - 1;
    if (anchor === 'unreadable') return broken(last + 1, 'the anchor kept apart from the audit trail is damaged, so a cut tail cannot be ruled out');
    if (!anchor && last > 0) return broken(last + 1, `the anchor kept apart from the audit trail is missing although the trail has ${last} entries`);
    if (anchor && anchor.seq > last) return broken(last + 1, `the trail ends at entry ${last} but had ${anchor.seq} entries: entries ${last + 1} to ${anchor.seq} were cut off`);
    if (anchor && anchoredHash !== anchor.hash) return broken(anchor.seq, `entry ${anchor.seq} is not the one the anchor recorded: the trail was replaced from there`);
    const notes = [
      unkeyed ? `${unkeyed} older entries are chained with plain SHA-256 (before the keyed chain)` : '',
      unverifiable ? `${unverifiable} entries were signed with a key of an earlier session (no keychain) and could only be checked for order` : '',
    ].filter(Boolean);
    return { ok: true, entries, firstBrokenSeq: null, ...(notes.length ? { note: notes.join('; ') + '.' } : {}) };
  }
}
