// The durable journal: jobs and their steps in SQLite. Every step is written before its API call
// (inFlight) and after it (succeeded/failed, in the same transaction as its audit entry).
import type Database from 'better-sqlite3';
import type { Job, JobCounts, JobStep, StepStatus } from '../../common/jobs.ts';
import type { AuditDraft, AuditTrail } from '../audit/audit-trail.ts';

export function migrateJournal(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS steps (
      job_id TEXT NOT NULL, idx INTEGER NOT NULL, status TEXT NOT NULL, pending TEXT, attempts INTEGER NOT NULL,
      plan TEXT NOT NULL, -- what never changes: input, device, target, action, call, before, skip reason
      result TEXT NOT NULL, -- what the run changes: note, after, request id, error, pending, finished at
      PRIMARY KEY (job_id, idx)
    );
    CREATE INDEX IF NOT EXISTS steps_status ON steps(job_id, status, pending); -- covers counts()
    CREATE INDEX IF NOT EXISTS steps_pending ON steps(pending) WHERE pending IS NOT NULL;
    -- which process runs a job: the app and the CLI share jobs.db and must never run one job twice
    CREATE TABLE IF NOT EXISTS leases (job_id TEXT PRIMARY KEY, pid INTEGER NOT NULL, token TEXT NOT NULL, at TEXT NOT NULL);
  `);
}

export class Journal {
  private readonly putStep: Database.Statement;
  private readonly updateStep: Database.Statement;
  private readonly putJob: Database.Statement;

  constructor(
    readonly db: Database.Database,
    private readonly audit: AuditTrail,
  ) {
    this.putStep = db.prepare('INSERT INTO steps (job_id, idx, status, pending, attempts, plan, result) VALUES (?, ?, ?, ?, ?, ?, ?)');
    // Small rows on the hot path: the update before and after each call rewrites only what changed.
    this.updateStep = db.prepare('UPDATE steps SET status = ?, pending = ?, attempts = ?, result = ? WHERE job_id = ? AND idx = ?');
    this.putJob = db.prepare('INSERT OR REPLACE INTO jobs (id, status, created_at, body) VALUES (?, ?, ?, ?)');
  }

  createJob(job: Job, steps: JobStep[]): void {
    this.db.transaction(() => {
      this.saveJob(job);
      for (const s of steps) {
        const { plan, result } = split(s);
        this.putStep.run(s.jobId, s.index, s.status, s.pending?.state ?? null, s.attempts, plan, result);
      }
    })();
  }

  saveJob(job: Job): void {
    this.putJob.run(job.id, job.status, job.createdAt, JSON.stringify(job));
  }

  /** Writes steps (and their audit entries) in one durable transaction. */
  record(steps: JobStep[], audit: AuditDraft[] = []): void {
    try {
      this.db.transaction(() => {
        for (const s of steps) this.saveStep(s);
        for (const a of audit) this.audit.append(a);
      })();
    } catch (err) {
      this.audit.dropUncommitted();
      throw err;
    }
    this.audit.commitAnchor();
  }

  private saveStep(s: JobStep): void {
    this.updateStep.run(s.status, s.pending?.state ?? null, s.attempts, split(s).result, s.jobId, s.index);
  }

  /** Claims a job for this runner; false while another live process holds it (a dead holder's claim lapses). */
  acquire(jobId: string, token: string, pid: number, isAlive: (pid: number) => boolean): { ok: true } | { ok: false; pid: number } {
    return this.db.transaction(() => {
      const held = this.db.prepare('SELECT pid, token FROM leases WHERE job_id = ?').get(jobId) as { pid: number; token: string } | undefined;
      if (held && held.token !== token && isAlive(held.pid)) return { ok: false as const, pid: held.pid };
      this.db.prepare('INSERT OR REPLACE INTO leases (job_id, pid, token, at) VALUES (?, ?, ?, ?)').run(jobId, pid, token, new Date().toISOString());
      return { ok: true as const };
    }).immediate();
  }

  release(jobId: string, token: string): void {
    this.db.prepare('DELETE FROM leases WHERE job_id = ? AND token = ?').run(jobId, token);
  }

  job(id: string): Job | undefined {
    const r = this.db.prepare('SELECT body FROM jobs WHERE id = ?').get(id) as { body: string } | undefined;
    return r && (JSON.parse(r.body) as Job);
  }

  jobs(): Job[] {
    return (this.db.prepare('SELECT body FROM jobs ORDER BY created_at DESC, id DESC').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Job);
  }

  /** Removes a job and its steps (plans only: a started job keeps its journal); false when there was none. */
  deleteJob(id: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM steps WHERE job_id = ?').run(id);
      return this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id).changes > 0;
    })();
  }

  /** Jobs that were running or paused when the app stopped: offered for resumption at start-up. */
  unfinished(): Job[] {
    return this.jobs().filter((j) => j.status === 'running' || j.status === 'paused');
  }

  steps(jobId: string, statuses?: StepStatus[]): JobStep[] {
    const rows = statuses
      ? (this.db.prepare(`SELECT * FROM steps WHERE job_id = ? AND status IN (${statuses.map(() => '?').join(',')}) ORDER BY idx`).all(jobId, ...statuses) as StepRow[])
      : (this.db.prepare('SELECT * FROM steps WHERE job_id = ? ORDER BY idx').all(jobId) as StepRow[]);
    return rows.map(join);
  }

  /** WS1 steps still waiting for the device to report its new mode, across all jobs. */
  waitingSteps(): JobStep[] {
    return (this.db.prepare("SELECT * FROM steps WHERE pending = 'waiting'").all() as StepRow[]).map(join);
  }

  counts(jobId: string): JobCounts {
    const c: JobCounts = { total: 0, planned: 0, inFlight: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, pending: 0 };
    for (const r of this.db.prepare('SELECT status, pending, count(*) n FROM steps WHERE job_id = ? GROUP BY status, pending').all(jobId) as { status: StepStatus; pending: string | null; n: number }[]) {
      c[r.status] += r.n;
      c.total += r.n;
      if (r.pending === 'waiting') c.pending += r.n;
    }
    return c;
  }
}

interface StepRow {
  status: JobStep['status'];
  attempts: number;
  plan: string;
  result: string;
}

const resultKeys = ['note', 'after', 'requestId', 'error', 'pending', 'finishedAt'] as const;

function split(s: JobStep): { plan: string; result: string } {
  const plan: Record<string, unknown> = { ...s };
  const result: Record<string, unknown> = {};
  for (const k of resultKeys) {
    if (s[k] !== undefined) result[k] = s[k];
    delete plan[k];
  }
  delete plan.status;
  delete plan.attempts;
  return { plan: JSON.stringify(plan), result: JSON.stringify(result) };
}

function join(r: StepRow): JobStep {
  return { ...(JSON.parse(r.plan) as JobStep), ...(JSON.parse(r.result) as Partial<JobStep>), status: r.status, attempts: r.attempts };
}
