// The journal writes of a job run: a step goes in flight before its call, back to planned when the job
// stops before anything was sent, and finished (with its audit entry, in one transaction) after it.
import type { AppError } from '../../common/errors.ts';
import type { DeviceState, JobStep } from '../../common/jobs.ts';
import { ws1ResultingMode } from './catalogue.ts';
import type { Clock } from './clock.ts';
import type { Journal } from './journal.ts';
import { auditBase, iso, type AuditWho } from './outcomes.ts';
import type { RunnerSettings } from './run-scope.ts';

export interface LedgerDeps {
  journal: Journal;
  clock: Clock;
  settings: RunnerSettings;
  /** Who the audit entries name (set when the run starts). */
  who: () => AuditWho;
  /** After every commit: `count` steps finished. */
  onCommit: (count: number) => void;
}

export class StepLedger {
  constructor(private readonly deps: LedgerDeps) {}

  begin(steps: JobStep[]): void {
    for (const s of steps) {
      s.status = 'inFlight';
      s.attempts++;
    }
    this.deps.journal.record(steps);
  }

  /** Back to planned (or left in flight when the call's fate is unknown) when the job stops. */
  putBack(steps: JobStep[], knownNotApplied: boolean): void {
    for (const step of steps) {
      if (knownNotApplied && step.status === 'inFlight') {
        step.status = 'planned';
        this.deps.journal.record([step]);
      }
    }
  }

  finished(s: JobStep, status: 'succeeded' | 'failed', requestId: string | undefined): JobStep {
    return { ...s, status, requestId: requestId ?? s.requestId, finishedAt: iso(this.deps.clock.now()) };
  }

  failed(s: JobStep, error: AppError, requestId?: string): JobStep {
    return { ...this.finished(s, 'failed', requestId), error: error.toValue() };
  }

  /** Fails every step with the same error. */
  failAll(steps: JobStep[], error: AppError, requestId?: string): void {
    this.commit(steps.map((s) => this.failed(s, error, requestId)));
  }

  succeed(s: JobStep, after: DeviceState, requestId: string | undefined, note: string): JobStep {
    // Intune applies a primary-user change at once: done, nothing pending (only WS1 waits for the device)
    const done: JobStep = { ...this.finished(s, 'succeeded', requestId), after, note, pending: undefined };
    this.commit([done]);
    return done;
  }

  /** A WS1 change the console accepted: pending until the device reports the new mode. */
  ws1Accepted(s: JobStep, requestId: string | undefined): JobStep {
    const now = this.deps.clock.now();
    const expected = ws1ResultingMode[s.action!.id];
    return {
      ...this.finished(s, 'succeeded', requestId),
      after: { ws1UserMode: expected, ws1PendingAction: s.action!.id },
      pending: { state: 'waiting', expected, since: iso(now), until: iso(now + this.deps.settings.ws1GiveUpMs) },
      note: 'Pending until the device reports the new mode (minutes to hours).',
    };
  }

  /** Finished steps and their audit entries, in one durable transaction. */
  commit(steps: JobStep[]): void {
    if (!steps.length) return;
    const who = this.deps.who();
    this.deps.journal.record(
      steps,
      steps.map((s) => ({
        ...auditBase(s, who),
        at: s.finishedAt ?? iso(this.deps.clock.now()),
        before: s.before ?? null,
        after: s.status === 'succeeded' ? (s.after ?? null) : (s.before ?? null),
        result: s.status === 'succeeded' ? 'succeeded' : 'failed',
        message: s.error?.message ?? s.note,
      })),
    );
    this.deps.onCommit(steps.length);
  }
}
