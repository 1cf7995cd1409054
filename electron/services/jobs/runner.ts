// Runs one job: Intune writes one device at a time through the write-limit bucket, WS1 changes in batches
// (intune-path.ts, ws1-path.ts; both retry through retry.ts). Each step is journaled before its call and
// finished (with its audit entry) after it (ledger.ts). A step found in flight after a crash or a lost
// connection is verified against the device before anything is re-sent, so no device is changed twice
// and none is skipped.
import { AppError } from '../../common/errors.ts';
import type { Job, JobStatus, JobStep } from '../../common/jobs.ts';
import { isWs1Action } from './catalogue.ts';
import { runIntune, syncUnclear } from './intune-path.ts';
import { StepLedger } from './ledger.ts';
import { applied, guard, iso, unclearError, unreadableMode, type AuditWho } from './outcomes.ts';
import { RateMeter, etaSeconds } from './progress.ts';
import type { RunScope, RunnerDeps, Verdict } from './run-scope.ts';
import { backoffMs } from './throttle.ts';
import { runWs1 } from './ws1-path.ts';

export { defaultRunnerSettings, type RunnerDeps, type RunnerSettings } from './run-scope.ts';

export class JobRun implements RunScope {
  private control: 'run' | 'pause' | 'cancel' = 'run';
  private readonly stop = new AbortController();
  private readonly meter = new RateMeter();
  private throttled = 0;
  private lastProgress = 0;
  private who: AuditWho = { technician: '', tenant: '' };
  private stageCut = false;
  readonly ledger: StepLedger;

  constructor(
    readonly jobId: string,
    readonly deps: RunnerDeps,
  ) {
    this.ledger = new StepLedger({
      journal: deps.journal,
      clock: deps.clock,
      settings: deps.settings,
      who: () => this.who,
      onCommit: (count) => {
        this.meter.tick(this.deps.clock.now(), count);
        this.emit(false);
      },
    });
  }

  /** Stop taking new steps; calls in flight finish. */
  pause(): void {
    if (this.control === 'run') this.control = 'pause';
    this.stop.abort();
  }

  cancel(): void {
    this.control = 'cancel';
    this.stop.abort();
  }

  running(): boolean {
    return this.control === 'run';
  }

  countThrottle(): void {
    this.throttled++;
  }

  /** Runs until every step is finished, or paused/cancelled, or `signal` aborts (the job stays resumable). */
  async run(signal: AbortSignal): Promise<JobStatus> {
    const { journal, clock } = this.deps;
    let job = this.job();
    job = { ...job, status: 'running', startedAt: job.startedAt ?? iso(clock.now()) };
    journal.saveJob(job);
    this.who = { technician: job.technician, tenant: job.tenant, reason: job.reason };
    this.emit(true);
    const waitSignal = AbortSignal.any([signal, this.stop.signal]);
    const open = journal.steps(this.jobId, ['planned', 'inFlight']);
    const settled = await this.settleInDoubt(open, signal);
    // staged start: only the first stage until the technician has looked at its results
    const stage = job.stage && !job.stage.reviewed ? job.stage : null;
    const finished = stage ? this.deps.journal.counts(this.jobId) : null;
    const ready = stage && finished ? settled.slice(0, Math.max(0, stage.first - finished.succeeded - finished.failed)) : settled;
    this.stageCut = ready.length < settled.length;
    const intune = ready.filter((s) => !isWs1Action(s.action!.id));
    const ws1 = ready.filter((s) => isWs1Action(s.action!.id));
    await Promise.all([runIntune(this, intune, signal, waitSignal), runWs1(this, ws1, signal, waitSignal)]);
    return this.conclude(signal);
  }

  private job(): Job {
    const job = this.deps.journal.job(this.jobId);
    if (!job) throw new AppError('not_found', `Job ${this.jobId} does not exist.`);
    return job;
  }

  private conclude(signal: AbortSignal): JobStatus {
    const { journal, clock } = this.deps;
    const job = this.job();
    let status: JobStatus;
    if (this.control === 'cancel') {
      const left = journal.steps(this.jobId, ['planned']).map((s) => ({ ...s, status: 'cancelled' as const, note: 'Cancelled before it ran.' }));
      journal.record(left);
      status = 'cancelled';
    } else if (this.control === 'pause') status = 'paused';
    else if (signal.aborted) status = 'running'; // interrupted: offered for resumption next start
    else status = journal.counts(this.jobId).planned + journal.counts(this.jobId).inFlight > 0 ? 'paused' : 'finished';
    const pausedBy = status === 'running' ? 'interrupted' : status !== 'paused' ? undefined : this.control === 'pause' ? 'you' : this.stageCut ? 'stage' : 'interrupted';
    journal.saveJob({ ...job, status, pausedBy, finishedAt: status === 'finished' || status === 'cancelled' ? iso(clock.now()) : undefined });
    this.emit(true);
    return status;
  }

  // ---- in-doubt steps: after a crash, the journal says "in flight" and nobody knows the answer ----

  private async settleInDoubt(open: JobStep[], signal: AbortSignal): Promise<JobStep[]> {
    const ready: JobStep[] = [];
    for (const s of open) {
      if (s.status === 'planned') {
        ready.push(s);
        continue;
      }
      if (signal.aborted) break;
      const v = await this.verify(s, signal);
      if (signal.aborted) break;
      if (v.kind === 'notApplied') ready.push({ ...s, status: 'planned' });
      else if (v.kind === 'unknown') this.ledger.failAll([s], unclearError(undefined, v.error));
      else if (isWs1Action(s.action!.id)) this.ledger.commit([{ ...this.ledger.ws1Accepted(s, s.requestId), note: 'Accepted before the app stopped; pending until the device reports the new mode.' }]);
      else this.ledger.succeed(s, v.state, s.requestId, 'Applied before the app stopped (confirmed on resume).');
    }
    return ready;
  }

  /** Reads the device to decide whether the step's change is already there (a few tries). */
  async verify(step: JobStep, signal: AbortSignal): Promise<Verdict> {
    let last: AppError | undefined;
    if (step.action!.id === 'intune.syncDevice') return { kind: 'unknown', error: syncUnclear() }; // sent once: a sync cannot be read back
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await guard(() => this.deps.executor.readState(step.target!, signal));
      if (r.kind === 'ok') {
        if (applied(step, r.state)) return { kind: 'applied', state: r.state };
        // never send blind twice: a WS1 device whose mode cannot be read may already hold the first command
        if (isWs1Action(step.action!.id) && (!r.state.ws1UserMode || r.state.ws1UserMode === 'unknown')) return { kind: 'unknown', error: unreadableMode() };
        return { kind: 'notApplied' };
      }
      last = r.kind === 'throttled' ? new AppError('throttled', 'The service is busy.') : r.error;
      if (signal.aborted || !(await this.sleep(this.backoff(attempt), signal))) break;
    }
    return { kind: 'unknown', error: last ?? new AppError('cancelled', 'Stopped.') };
  }

  backoff(attempt: number): number {
    return backoffMs(attempt, this.deps.settings.backoffBaseMs, this.deps.random);
  }

  async sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    try {
      await this.deps.clock.sleep(ms, signal);
      return true;
    } catch {
      return false;
    }
  }

  private emit(force: boolean): void {
    const now = this.deps.clock.now();
    if (!force && now - this.lastProgress < this.deps.settings.progressIntervalMs) return;
    this.lastProgress = now;
    const counts = this.deps.journal.counts(this.jobId);
    const perMinute = this.meter.perMinute(now);
    const job = this.deps.journal.job(this.jobId);
    this.deps.onProgress({
      jobId: this.jobId,
      status: job?.status ?? 'running',
      counts,
      ratePerMinute: Math.round(perMinute * 10) / 10,
      etaSeconds: etaSeconds(counts, perMinute),
      throttled: this.throttled,
    });
  }
}
