// The jobs service: plan (preview) → start (with the typed count) → pause / resume / cancel; retry the
// failed ones; undo; unfinished jobs after a crash; pending WS1 changes. One instance per data folder.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../common/errors.ts';
import { defaultGuardRails, type GuardRails, type Job, type JobProgress, type JobStatus, type JobStep, type ModeGoal, type Preview, type TargetResolution, type UserRef } from '../../common/jobs.ts';
import { fileAnchor } from '../audit/anchor.ts';
import { AuditTrail, type AuditTrailOptions } from '../audit/audit-trail.ts';
import type { Logger } from '../log/logger.ts';
import { goalLabel } from './catalogue.ts';
import { systemClock, type Clock } from './clock.ts';
import { openJobsDatabase, type Db } from './db.ts';
import type { ActionExecutor } from './executor.ts';
import { Journal } from './journal.ts';
import { PendingTracker, type PollDevices } from './pending.ts';
import { PlanShelf, defaultPlanTtlMs } from './plans.ts';
import { planSteps, previewOf } from './preview.ts';
import type { Ws1ModeWire } from '../ws1/mode-wire.ts';
import { JobRun, defaultRunnerSettings, type RunnerSettings } from './runner.ts';
import { TokenBucket, intuneWriteLimit, type RateLimit } from './throttle.ts';
import { undoSteps } from './undo.ts';

/** Unverified: WS1 publishes no limit; one mode-change call (≤ 100 devices) a second is conservative. */
export const ws1ActionLimit: RateLimit = { count: 20, windowMs: 20_000 };

export interface JobEngineOptions {
  /** The app's data folder (jobs.db goes there), or an open database. */
  dataDir?: string;
  db?: Db;
  /** The audit chain's key and anchor (default: a session key; the anchor beside jobs.db, or in memory). */
  audit?: AuditTrailOptions;
  executor: ActionExecutor;
  /** The signed-in technician and tenant, recorded on every job and audit entry. */
  identity: () => { technician: string; tenant: string };
  clock?: Clock;
  limits?: { intune?: RateLimit; ws1?: RateLimit };
  settings?: Partial<RunnerSettings>;
  /** The connected tenant's guard rails (reason and staged start thresholds); defaults 100 and 1,000. */
  guardRails?: () => GuardRails;
  onProgress?: (p: JobProgress) => void;
  logger?: Logger;
  newId?: () => string;
  random?: () => number;
  /** Whether a process holding a job still runs (default: signal 0); injected for tests. */
  isAlive?: (pid: number) => boolean;
  /** The current tenant's Workspace ONE mode-change shape as known now, for the preview's wording. */
  ws1Wire?: () => Ws1ModeWire | null;
  /** How long a preview can be started (default 24 h); then it is removed. */
  planTtlMs?: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PlanRequest {
  goal: ModeGoal;
  targets: TargetResolution[];
  syncAfter?: boolean;
  /** The directory user for a `user` goal (resolved by the caller through Graph). */
  user?: UserRef | null;
}

export class JobEngine {
  readonly db: Db;
  readonly journal: Journal;
  readonly audit: AuditTrail;
  /** Previews not started yet: expire, or are discarded. */
  readonly plans: PlanShelf;
  private readonly clock: Clock;
  private readonly intuneBucket: TokenBucket;
  private readonly ws1Bucket: TokenBucket;
  private readonly settings: RunnerSettings;
  private readonly runs = new Map<string, { run: JobRun; done: Promise<JobStatus> }>();
  private readonly leaseToken = randomUUID();

  constructor(private readonly opts: JobEngineOptions) {
    if (!opts.db && !opts.dataDir) throw new Error('JobEngine needs dataDir or db');
    this.db = opts.db ?? openJobsDatabase(join(opts.dataDir!, 'jobs.db'));
    this.audit = new AuditTrail(this.db, { anchor: opts.dataDir && !opts.db ? fileAnchor(join(opts.dataDir, 'audit-anchor.json')) : undefined, ...opts.audit });
    this.journal = new Journal(this.db, this.audit);
    this.clock = opts.clock ?? systemClock;
    this.plans = new PlanShelf(this.journal, () => this.clock.now(), opts.planTtlMs ?? defaultPlanTtlMs);
    // One bucket per engine: Graph's write limit is per app, shared by every job that runs.
    this.intuneBucket = new TokenBucket({ limit: opts.limits?.intune ?? intuneWriteLimit, clock: this.clock });
    this.ws1Bucket = new TokenBucket({ limit: opts.limits?.ws1 ?? ws1ActionLimit, clock: this.clock, burst: 1, headroom: 1 });
    this.settings = { ...defaultRunnerSettings, ...opts.settings };
  }

  /** Builds and stores the preview; nothing is called until start(). */
  plan(req: PlanRequest): Preview {
    const id = this.newId();
    const steps = planSteps(req.targets, req.goal, { jobId: id, now: this.clock.now(), syncAfter: req.syncAfter, user: req.user, ws1Wire: this.opts.ws1Wire?.() });
    return this.store(id, 'change', goalLabel(req.goal), steps);
  }

  /** A new plan with the failed devices of a job, as they were planned. */
  planRetry(jobId: string): Preview {
    const job = this.requireJob(jobId);
    const id = this.newId();
    const failed = this.journal.steps(jobId, ['failed']);
    const steps = failed.map((s, index): JobStep => ({ ...s, jobId: id, index, status: 'planned', attempts: 0, error: undefined, requestId: undefined, finishedAt: undefined, note: undefined, after: undefined, pending: undefined }));
    return this.store(id, 'retry', `Retry failed: ${job.goal}`, steps, jobId);
  }

  /** A plan that restores every device the job changed to its recorded before-state. */
  planUndo(jobId: string): Preview {
    const job = this.requireJob(jobId);
    if (job.status === 'running' || this.runs.has(jobId)) throw new AppError('not_allowed', 'Stop or finish the job before undoing it.');
    if (job.undoneBy) throw new AppError('not_allowed', `This job has already been undone (job ${job.undoneBy}).`);
    if (job.kind === 'undo') throw new AppError('not_allowed', 'An undo is not undone; plan the change again instead.');
    const id = this.newId();
    const steps = undoSteps(this.journal.steps(jobId), id);
    if (steps.length === 0 && this.journal.steps(jobId, ['succeeded']).some((s) => s.action?.id === 'intune.syncDevice')) throw new AppError('not_allowed', 'A sync has no undo: it only asked the device to check in.');
    return this.store(id, 'undo', `Undo: ${job.goal}`, steps, jobId);
  }

  /**
   * Starts a planned job once the technician typed the count (when the preview asked for it) and gave a
   * reason (above the tenant's threshold); above the staged threshold only the first stage runs, then
   * the job pauses for a look at the results.
   */
  start(planId: string, confirmation: number | null, signal?: AbortSignal, reason?: string): Promise<JobStatus> {
    const job = this.requireJob(planId);
    if (job.status !== 'planned') throw new AppError('not_allowed', `Job ${planId} has already been started.`);
    this.plans.requireFresh(job);
    const preview = this.preview(planId);
    if (preview.confirmCount !== null && confirmation !== preview.confirmCount)
      throw new AppError('invalid_input', `Type ${preview.confirmCount} to confirm changing ${preview.confirmCount} devices.`);
    const g = preview.guard!;
    const why = reason?.trim();
    if (g.reasonRequired && !why) throw new AppError('invalid_input', `Changing more than ${g.reasonAbove} devices needs a reason; it is recorded in the audit trail.`);
    this.journal.saveJob({ ...job, ...(why ? { reason: why } : {}), ...(g.firstStage !== null ? { stage: { first: g.firstStage, reviewed: false } } : {}) });
    // undo is offered once: the job undone remembers its undo as soon as that starts
    const parent = job.kind === 'undo' && job.parentId ? this.journal.job(job.parentId) : undefined;
    if (parent) {
      if (parent.undoneBy) throw new AppError('not_allowed', `That job has already been undone (job ${parent.undoneBy}).`);
      this.journal.saveJob({ ...parent, undoneBy: planId });
    }
    return this.launch(planId, signal);
  }

  /** Continues a paused or interrupted job where it stopped. */
  resume(jobId: string, signal?: AbortSignal): Promise<JobStatus> {
    const job = this.requireJob(jobId);
    const running = this.runs.get(jobId);
    if (running) return running.done;
    if (job.status !== 'running' && job.status !== 'paused') throw new AppError('not_allowed', `Job ${jobId} is ${job.status}; there is nothing to resume.`);
    // resuming after the first stage means the technician looked at its results: the rest runs
    if (job.stage && !job.stage.reviewed && job.pausedBy === 'stage') this.journal.saveJob({ ...job, stage: { ...job.stage, reviewed: true } });
    return this.launch(jobId, signal);
  }

  /** Removes a preview that was not started. */
  discard(planId: string): void {
    this.plans.discard(this.requireJob(planId));
  }

  pause(jobId: string): void {
    this.runs.get(jobId)?.run.pause();
  }

  /** Cancels what has not run yet; changes already made stay (undo them with planUndo). */
  async cancel(jobId: string): Promise<void> {
    const running = this.runs.get(jobId);
    if (running) {
      running.run.cancel();
      await running.done;
      return;
    }
    const job = this.requireJob(jobId);
    if (job.status === 'finished' || job.status === 'cancelled') return;
    const left = this.journal.steps(jobId, ['planned']).map((s) => ({ ...s, status: 'cancelled' as const, note: 'Cancelled before it ran.' }));
    this.journal.record(left);
    // in-flight steps of an interrupted job stay in doubt: resume settles them, so keep it resumable then
    const status = this.journal.counts(jobId).inFlight > 0 ? job.status : 'cancelled';
    this.journal.saveJob({ ...job, status, finishedAt: status === 'cancelled' ? new Date(this.clock.now()).toISOString() : undefined });
  }

  /**
   * The preview of a job (totals over every row; `page` limits the rows sent, for big jobs; `only` keeps
   * the rows of these statuses, e.g. a job's failed devices).
   */
  preview(jobId: string, page?: { offset: number; limit: number; only?: JobStep['status'][] }): Preview {
    const job = this.requireJob(jobId);
    const p = this.guarded(previewOf(jobId, job.goal, this.journal.steps(jobId)));
    const rows = page?.only ? p.rows.filter((r) => page.only!.includes(r.status)) : p.rows;
    return page ? { ...p, rows: rows.slice(page.offset, page.offset + page.limit) } : p;
  }

  /** The executor this engine calls (for a pending-state poll through the same clients). */
  get executor(): ActionExecutor {
    return this.opts.executor;
  }

  jobs(): Job[] {
    return this.journal.jobs();
  }

  job(jobId: string): Job | undefined {
    return this.journal.job(jobId);
  }

  steps(jobId: string): JobStep[] {
    return this.journal.steps(jobId);
  }

  /** Jobs to offer for resumption at start-up (running when the app stopped, or paused). */
  unfinished(): Job[] {
    return this.journal.unfinished().filter((j) => !this.runs.has(j.id));
  }

  isRunning(jobId: string): boolean {
    return this.runs.has(jobId);
  }

  /** The pending-state tracker over this journal, with the lookup's poll function. */
  pendingTracker(poll: PollDevices): PendingTracker {
    return new PendingTracker(this.journal, this.clock, poll);
  }

  /** Stops every run (they stay resumable) and closes the database. */
  async close(): Promise<void> {
    for (const r of this.runs.values()) r.run.pause();
    await Promise.allSettled([...this.runs.values()].map((r) => r.done));
    this.db.close();
  }

  private launch(jobId: string, signal?: AbortSignal): Promise<JobStatus> {
    const lease = this.journal.acquire(jobId, this.leaseToken, process.pid, this.opts.isAlive ?? processAlive);
    if (!lease.ok) throw new AppError('not_allowed', `Job ${jobId} is already running in another window or command (process ${lease.pid}).`);
    const run = new JobRun(jobId, {
      journal: this.journal,
      executor: this.opts.executor,
      clock: this.clock,
      intuneBucket: this.intuneBucket,
      ws1Bucket: this.ws1Bucket,
      settings: this.settings,
      onProgress: (p) => this.opts.onProgress?.(p),
      logger: this.opts.logger,
      random: this.opts.random,
    });
    const done = run.run(signal ?? new AbortController().signal).finally(() => {
      this.runs.delete(jobId);
      this.journal.release(jobId, this.leaseToken);
    });
    this.runs.set(jobId, { run, done });
    return done;
  }

  private store(id: string, kind: Job['kind'], goal: string, steps: JobStep[], parentId?: string): Preview {
    const { technician, tenant } = this.opts.identity();
    const job: Job = { id, kind, parentId, goal, technician, tenant, createdAt: new Date(this.clock.now()).toISOString(), status: 'planned', total: steps.length };
    this.journal.createJob(job, steps);
    return this.guarded(previewOf(id, goal, steps));
  }

  /** The preview with the tenant's guard rails for its count of devices to change. */
  private guarded(p: Preview): Preview {
    const g = this.opts.guardRails?.() ?? defaultGuardRails;
    const n = p.totals.toChange;
    const guard = { reasonRequired: n > g.reasonAbove, reasonAbove: g.reasonAbove, firstStage: n > g.stageAbove ? Math.max(1, Math.ceil(n / 100)) : null, stageAbove: g.stageAbove };
    return { ...p, guard: g.source ? { ...guard, source: g.source } : guard };
  }

  private requireJob(jobId: string): Job {
    const job = this.journal.job(jobId);
    if (!job) throw new AppError('not_found', `There is no job ${jobId}.`);
    return job;
  }

  private newId(): string {
    return this.opts.newId?.() ?? randomUUID();
  }
}
