// Runs one job: Intune writes one device at a time through the write-limit bucket, WS1 changes in batches.
// Each step is journaled before its call and finished (with its audit entry) after it. A step found
// in flight after a crash or a lost connection is verified against the device before anything is re-sent,
// so no device is changed twice and none is skipped.
import { AppError } from '../../common/errors.ts';
import type { ActionId, DeviceState, Job, JobProgress, JobStatus, JobStep } from '../../common/jobs.ts';
import type { Logger } from '../log/logger.ts';
import { isWs1Action, ws1ResultingMode } from './catalogue.ts';
import { applied, auditAction, guard, iso, throttledError, unclearError } from './outcomes.ts';
import type { Clock } from './clock.ts';
import type { ActionExecutor, CallOutcome, IntuneWriteCall } from './executor.ts';
import type { Journal } from './journal.ts';
import { RateMeter, etaSeconds } from './progress.ts';
import { backoffMs, type TokenBucket } from './throttle.ts';
import { ws1ModeActionWire } from './ws1-action-wire.ts';

export interface RunnerSettings {
  /** Intune calls in flight at once (the bucket sets the rate; this only covers latency). */
  concurrency: number;
  maxThrottleRetries: number;
  maxTransientRetries: number;
  /** First back-off for 429 without Retry-After and for 5xx/network loss. */
  backoffBaseMs: number;
  /** How long a WS1 change may stay pending before we give up waiting for the device. */
  ws1GiveUpMs: number;
  /** How long Intune takes to show a new primary user. */
  intuneVisibleMs: number;
  progressIntervalMs: number;
}

export const defaultRunnerSettings: RunnerSettings = {
  concurrency: 8,
  maxThrottleRetries: 8,
  maxTransientRetries: 3,
  backoffBaseMs: 1000,
  ws1GiveUpMs: 24 * 3_600_000,
  intuneVisibleMs: 10 * 60_000,
  progressIntervalMs: 250,
};

export interface RunnerDeps {
  journal: Journal;
  executor: ActionExecutor;
  clock: Clock;
  intuneBucket: TokenBucket;
  ws1Bucket: TokenBucket;
  settings: RunnerSettings;
  onProgress: (p: JobProgress) => void;
  logger?: Logger;
  random?: () => number;
}

type Verdict = { kind: 'applied'; state: DeviceState } | { kind: 'notApplied' } | { kind: 'unknown'; error: AppError };

export class JobRun {
  private control: 'run' | 'pause' | 'cancel' = 'run';
  private readonly stop = new AbortController();
  private readonly meter = new RateMeter();
  private throttled = 0;
  private lastProgress = 0;
  private who = { technician: '', tenant: '' };

  constructor(
    readonly jobId: string,
    private readonly deps: RunnerDeps,
  ) {}

  /** Stop taking new steps; calls in flight finish. */
  pause(): void {
    if (this.control === 'run') this.control = 'pause';
    this.stop.abort();
  }

  cancel(): void {
    this.control = 'cancel';
    this.stop.abort();
  }

  /** Runs until every step is finished, or paused/cancelled, or `signal` aborts (the job stays resumable). */
  async run(signal: AbortSignal): Promise<JobStatus> {
    const { journal, clock } = this.deps;
    let job = this.job();
    job = { ...job, status: 'running', startedAt: job.startedAt ?? iso(clock.now()) };
    journal.saveJob(job);
    this.who = { technician: job.technician, tenant: job.tenant };
    this.emit(true);
    const waitSignal = AbortSignal.any([signal, this.stop.signal]);
    const open = journal.steps(this.jobId, ['planned', 'inFlight']);
    const ready = await this.settleInDoubt(open, signal);
    const intune = ready.filter((s) => !isWs1Action(s.action!.id));
    const ws1 = ready.filter((s) => isWs1Action(s.action!.id));
    await Promise.all([this.runIntune(intune, signal, waitSignal), this.runWs1(ws1, signal, waitSignal)]);
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
    journal.saveJob({ ...job, status, finishedAt: status === 'finished' || status === 'cancelled' ? iso(clock.now()) : undefined });
    this.emit(true);
    return status;
  }

  // ---- Intune: one write per device, paced by the shared write bucket ----

  private async runIntune(steps: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < steps.length && this.control === 'run' && !signal.aborted) await this.intuneStep(steps[next++], signal, waitSignal);
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.settings.concurrency, steps.length) }, worker));
  }

  private async intuneStep(step: JobStep, signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
    const { executor, intuneBucket, settings } = this.deps;
    const action = step.action!;
    const call: IntuneWriteCall = { action: action.id as IntuneWriteCall['action'], deviceId: step.target!.intune!.id, user: action.user };
    let throttles = 0;
    let transients = 0;
    let knownNotApplied = step.status === 'planned';
    for (;;) {
      try {
        await intuneBucket.take(waitSignal);
      } catch {
        return this.putBack(step, knownNotApplied);
      }
      this.begin([step]);
      knownNotApplied = false;
      const out = await guard(() => executor.intuneWrite(call, signal));
      if (signal.aborted) return; // stays inFlight: verified on resume
      if (out.kind === 'ok') {
        intuneBucket.onSuccess();
        await this.finishIntune(step, out.requestId, signal, waitSignal);
        return;
      }
      if (out.kind === 'failed') {
        // a 404 on users/$ref may only mean "no primary user to remove": look before calling it a failure
        const v = out.error.code === 'not_found' ? await this.verify(step, signal) : undefined;
        if (v?.kind === 'applied') return void this.succeed(step, v.state, out.requestId, 'Already in that state.');
        return this.fail(step, out.error, out.requestId);
      }
      if (out.kind === 'throttled') {
        this.throttled++;
        knownNotApplied = true;
        if (++throttles > settings.maxThrottleRetries) return this.fail(step, throttledError(), out.requestId);
        intuneBucket.onThrottled(out.retryAfterMs ?? this.backoff(throttles)); // the next take() waits it out
        continue;
      }
      // transient: the write may have landed; look before sending it again
      const v = await this.verify(step, signal);
      if (signal.aborted) return;
      if (v.kind === 'applied') return void this.succeed(step, v.state, out.requestId, 'Applied (confirmed after an unclear answer).');
      if (v.kind === 'unknown') return this.fail(step, unclearError(out.error, v.error), out.requestId);
      knownNotApplied = true;
      if (++transients > settings.maxTransientRetries) return this.fail(step, out.error, out.requestId);
      if (!(await this.sleep(this.backoff(transients), waitSignal))) return this.putBack(step, true);
    }
  }

  private async finishIntune(step: JobStep, requestId: string | undefined, signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
    const expected: DeviceState = { primaryUser: step.action!.id === 'intune.removePrimaryUser' ? null : step.action!.user };
    const done = this.succeed(step, expected, requestId, 'Intune shows the new primary user within about 10 minutes.');
    if (!step.action!.syncAfter) return;
    // the change is journaled first; the sync is extra and only adds to the note
    this.deps.journal.record([{ ...done, note: `${done.note} ${await this.syncAfter(step.target!.intune!.id, signal, waitSignal)}` }]);
  }

  /** The optional sync: best effort, never fails the step (the change itself is done). */
  private async syncAfter(deviceId: string, signal: AbortSignal, waitSignal: AbortSignal): Promise<string> {
    const { executor, intuneBucket } = this.deps;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await intuneBucket.take(waitSignal);
      } catch {
        return 'Sync not requested (job stopped).';
      }
      const out: CallOutcome = await guard(() => executor.intuneSync(deviceId, signal));
      if (out.kind === 'ok') return 'Sync requested.';
      if (out.kind === 'throttled') {
        this.throttled++;
        intuneBucket.onThrottled(out.retryAfterMs ?? this.backoff(attempt));
        continue;
      }
      return `Sync not requested: ${out.error.message}`;
    }
    return 'Sync not requested: Intune kept answering "too many requests".';
  }

  // ---- WS1: one call per batch of up to 100 devices with the same action ----

  private async runWs1(steps: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
    const byAction = new Map<ActionId, JobStep[]>();
    for (const s of steps) byAction.set(s.action!.id, [...(byAction.get(s.action!.id) ?? []), s]);
    for (const [action, list] of byAction) {
      for (let i = 0; i < list.length; i += ws1ModeActionWire.maxDevicesPerCall) {
        if (this.control !== 'run' || signal.aborted) return;
        await this.ws1Batch(action, list.slice(i, i + ws1ModeActionWire.maxDevicesPerCall), signal, waitSignal);
      }
    }
  }

  private async ws1Batch(action: ActionId, batch: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
    const { executor, ws1Bucket, settings } = this.deps;
    let todo = batch;
    let throttles = 0;
    let transients = 0;
    let knownNotApplied = batch.every((s) => s.status === 'planned');
    while (todo.length) {
      try {
        await ws1Bucket.take(waitSignal);
      } catch {
        for (const s of todo) this.putBack(s, knownNotApplied);
        return;
      }
      this.begin(todo);
      knownNotApplied = false;
      const out = await guard(() => executor.ws1Action(action, todo.map((s) => s.target!.ws1!.uuid), signal));
      if (signal.aborted) return;
      if (out.kind === 'ok') {
        const rejected = new Map(out.rejected.map((r) => [r.uuid, r.reason]));
        const accepted = new Set(out.accepted);
        const done: JobStep[] = [];
        for (const s of todo) {
          const uuid = s.target!.ws1!.uuid;
          if (accepted.has(uuid)) done.push(this.ws1Accepted(s, out.requestId));
          else if (rejected.has(uuid)) {
            // WS1 shows no pending change (unverified), so a re-send after a crash may meet our own first request
            const again = s.attempts > 1 ? ' This was a re-send after an interruption: the first request may have been accepted; check the device.' : '';
            done.push(this.failed(s, new AppError('not_allowed', `Workspace ONE refused the change: ${rejected.get(uuid)}${again}`), out.requestId));
          }
          else done.push(this.failed(s, new AppError('internal', 'Workspace ONE did not say whether it accepted this device.'), out.requestId));
        }
        this.commit(done);
        return;
      }
      if (out.kind === 'failed') {
        this.commit(todo.map((s) => this.failed(s, out.error, out.requestId)));
        return;
      }
      if (out.kind === 'throttled') {
        this.throttled++;
        knownNotApplied = true;
        if (++throttles > settings.maxThrottleRetries) return this.commit(todo.map((s) => this.failed(s, throttledError(), out.requestId)));
        ws1Bucket.onThrottled(out.retryAfterMs ?? this.backoff(throttles));
        continue;
      }
      // transient: some devices may have taken it; check each before re-sending to the rest
      const again: JobStep[] = [];
      const done: JobStep[] = [];
      for (const s of todo) {
        const v = await this.verify(s, signal);
        if (signal.aborted) return;
        if (v.kind === 'applied') done.push(this.ws1Accepted(s, out.requestId));
        else if (v.kind === 'unknown') done.push(this.failed(s, unclearError(out.error, v.error), out.requestId));
        else again.push(s);
      }
      this.commit(done);
      todo = again;
      knownNotApplied = true;
      if (todo.length && ++transients > settings.maxTransientRetries) return this.commit(todo.map((s) => this.failed(s, out.error, out.requestId)));
      if (todo.length && !(await this.sleep(this.backoff(transients), waitSignal))) {
        for (const s of todo) this.putBack(s, true);
        return;
      }
    }
  }

  private ws1Accepted(s: JobStep, requestId: string | undefined): JobStep {
    const now = this.deps.clock.now();
    const expected = ws1ResultingMode[s.action!.id];
    return {
      ...this.finished(s, 'succeeded', requestId),
      after: { ws1UserMode: expected, ws1PendingAction: s.action!.id },
      pending: { state: 'waiting', expected, since: iso(now), until: iso(now + this.deps.settings.ws1GiveUpMs) },
      note: 'Pending until the device reports the new mode (minutes to hours).',
    };
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
      else if (v.kind === 'unknown') this.commit([this.failed(s, unclearError(undefined, v.error))]);
      else if (isWs1Action(s.action!.id)) this.commit([{ ...this.ws1Accepted(s, s.requestId), note: 'Accepted before the app stopped; pending until the device reports the new mode.' }]);
      else this.succeed(s, v.state, s.requestId, 'Applied before the app stopped (confirmed on resume).');
    }
    return ready;
  }

  /** Reads the device to decide whether the step's change is already there (a few tries). */
  private async verify(step: JobStep, signal: AbortSignal): Promise<Verdict> {
    let last: AppError | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await guard(() => this.deps.executor.readState(step.target!, signal));
      if (r.kind === 'ok') return applied(step, r.state) ? { kind: 'applied', state: r.state } : { kind: 'notApplied' };
      last = r.kind === 'throttled' ? new AppError('throttled', 'The service is busy.') : r.error;
      if (signal.aborted || !(await this.sleep(this.backoff(attempt), signal))) break;
    }
    return { kind: 'unknown', error: last ?? new AppError('cancelled', 'Stopped.') };
  }

  // ---- journal writes ----

  private begin(steps: JobStep[]): void {
    for (const s of steps) {
      s.status = 'inFlight';
      s.attempts++;
    }
    this.deps.journal.record(steps);
  }

  /** Back to planned (or left in flight when the call's fate is unknown) when the job stops. */
  private putBack(step: JobStep, knownNotApplied: boolean): void {
    if (knownNotApplied && step.status === 'inFlight') {
      step.status = 'planned';
      this.deps.journal.record([step]);
    }
  }

  private finished(s: JobStep, status: 'succeeded' | 'failed', requestId: string | undefined): JobStep {
    return { ...s, status, requestId: requestId ?? s.requestId, finishedAt: iso(this.deps.clock.now()) };
  }

  private failed(s: JobStep, error: AppError, requestId?: string): JobStep {
    return { ...this.finished(s, 'failed', requestId), error: error.toValue() };
  }

  private succeed(s: JobStep, after: DeviceState, requestId: string | undefined, note: string): JobStep {
    const now = this.deps.clock.now();
    const pending = isWs1Action(s.action!.id) ? undefined : { state: 'waiting' as const, since: iso(now), until: iso(now + this.deps.settings.intuneVisibleMs) };
    const done: JobStep = { ...this.finished(s, 'succeeded', requestId), after, note, pending };
    this.commit([done]);
    return done;
  }

  private fail(s: JobStep, error: AppError, requestId?: string): void {
    this.commit([this.failed(s, error, requestId)]);
  }

  /** Finished steps and their audit entries, in one durable transaction. */
  private commit(steps: JobStep[]): void {
    if (!steps.length) return;
    const { technician, tenant } = this.who;
    this.deps.journal.record(
      steps,
      steps.map((s) => ({
        at: s.finishedAt ?? iso(this.deps.clock.now()),
        technician,
        tenant,
        jobId: s.jobId,
        deviceKey: s.deviceKey ?? s.input,
        deviceName: s.deviceName ?? s.input,
        action: auditAction(s),
        before: s.before ?? null,
        after: s.status === 'succeeded' ? (s.after ?? null) : (s.before ?? null),
        result: s.status === 'succeeded' ? 'succeeded' : 'failed',
        message: s.error?.message ?? s.note,
        requestId: s.requestId,
      })),
    );
    this.meter.tick(this.deps.clock.now(), steps.length);
    this.emit(false);
  }

  private backoff(attempt: number): number {
    return backoffMs(attempt, this.deps.settings.backoffBaseMs, this.deps.random);
  }

  private async sleep(ms: number, signal: AbortSignal): Promise<boolean> {
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
