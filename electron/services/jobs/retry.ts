// The retry/throttle state machine both paths use for one call on behalf of some steps (one Intune
// device, or a WS1 batch): wait for the bucket, journal the steps in flight, call, then
//   ok        → the bucket recovers a little; the path finishes the steps;
//   failed    → the path decides (final for the device, or looked at first);
//   throttled → nothing was applied: the bucket stops every caller for Retry-After (or a back-off) and
//               the same steps go again, up to maxThrottleRetries;
//   transient → the change may have landed: the path reads the devices back and finishes those it can
//               tell; the rest go again after a back-off, up to maxTransientRetries.
// When the job stops while waiting, steps known not to be applied go back to planned; a call cut short
// leaves its steps in flight, to be verified on resume.
import type { JobStep } from '../../common/jobs.ts';
import type { CallOutcome } from './executor.ts';
import { guard, throttledError, type NotOk } from './outcomes.ts';
import type { RunScope } from './run-scope.ts';
import type { TokenBucket } from './throttle.ts';

type Transient = Extract<CallOutcome, { kind: 'transient' }>;
type Failed = Extract<CallOutcome, { kind: 'failed' }>;

export interface CallPath<Ok extends { kind: 'ok' }> {
  bucket: TokenBucket;
  call(steps: JobStep[], signal: AbortSignal): Promise<Ok | NotOk>;
  ok(steps: JobStep[], out: Ok): Promise<void> | void;
  failed(steps: JobStep[], out: Failed): Promise<void> | void;
  /**
   * After an unclear answer: reads the devices back, finishes the steps it can tell, and returns those
   * not applied (to send again), or null when the job was stopped meanwhile (nothing is journaled then).
   */
  unclear(steps: JobStep[], out: Transient): Promise<JobStep[] | null>;
}

export async function callWithRetries<Ok extends { kind: 'ok' }>(scope: RunScope, path: CallPath<Ok>, steps: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
  const { ledger } = scope;
  const { maxThrottleRetries, maxTransientRetries } = scope.deps.settings;
  let todo = steps;
  let throttles = 0;
  let transients = 0;
  let knownNotApplied = todo.every((s) => s.status === 'planned');
  while (todo.length) {
    try {
      await path.bucket.take(waitSignal);
    } catch {
      return ledger.putBack(todo, knownNotApplied);
    }
    ledger.begin(todo);
    knownNotApplied = false;
    const sent = todo;
    const out = await guard(() => path.call(sent, signal));
    if (signal.aborted) return; // stays inFlight: verified on resume
    if (out.kind === 'ok') {
      path.bucket.onSuccess();
      return path.ok(todo, out);
    }
    if (out.kind === 'failed') return path.failed(todo, out);
    if (out.kind === 'throttled') {
      scope.countThrottle();
      knownNotApplied = true;
      if (++throttles > maxThrottleRetries) return ledger.failAll(todo, throttledError(), out.requestId);
      path.bucket.onThrottled(out.retryAfterMs ?? scope.backoff(throttles)); // the next take() waits it out
      continue;
    }
    const again = await path.unclear(todo, out);
    if (again === null) return;
    todo = again;
    knownNotApplied = true;
    if (todo.length && ++transients > maxTransientRetries) return ledger.failAll(todo, out.error, out.requestId);
    if (todo.length && !(await scope.sleep(scope.backoff(transients), waitSignal))) return ledger.putBack(todo, true);
  }
}
