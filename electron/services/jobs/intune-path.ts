// The Intune path of a job run: one write per device, several devices in flight, all paced by the
// engine's shared write bucket; an optional sync after each change.
import { AppError } from '../../common/errors.ts';
import type { DeviceState, JobStep } from '../../common/jobs.ts';
import type { CallOutcome, IntuneWriteCall } from './executor.ts';
import { guard, unclearError } from './outcomes.ts';
import { callWithRetries, type CallPath } from './retry.ts';
import type { RunScope } from './run-scope.ts';

export async function runIntune(scope: RunScope, steps: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
  const path = intunePath(scope, signal, waitSignal);
  let next = 0;
  const worker = async () => {
    while (next < steps.length && scope.running() && !signal.aborted) await callWithRetries(scope, path, [steps[next++]], signal, waitSignal);
  };
  await Promise.all(Array.from({ length: Math.min(scope.deps.settings.concurrency, steps.length) }, worker));
}

function intunePath(scope: RunScope, signal: AbortSignal, waitSignal: AbortSignal): CallPath<Extract<CallOutcome, { kind: 'ok' }>> {
  const { executor, intuneBucket } = scope.deps;
  const { ledger } = scope;
  return {
    bucket: intuneBucket,
    call: ([step], sig) => {
      const action = step.action!;
      if (action.id === 'intune.syncDevice') return executor.intuneSync(step.target!.intune!.id, sig);
      const call: IntuneWriteCall = { action: action.id as IntuneWriteCall['action'], deviceId: step.target!.intune!.id, user: action.user };
      return executor.intuneWrite(call, sig);
    },
    ok: ([step], out) => finishIntune(scope, step, out.requestId, signal, waitSignal),
    failed: async ([step], out) => {
      // a 404 on users/$ref may only mean "no primary user to remove": look before calling it a failure
      const v = out.error.code === 'not_found' ? await scope.verify(step, signal) : undefined;
      if (v?.kind === 'applied') return void ledger.succeed(step, v.state, out.requestId, 'Already in that state.');
      ledger.failAll([step], out.error, out.requestId);
    },
    unclear: async ([step], out) => {
      // a sync cannot be read back: it is sent once, never again
      if (step.action!.id === 'intune.syncDevice') return (ledger.failAll([step], syncUnclear(out.error), out.requestId), []);
      // the write may have landed; look before sending it again
      const v = await scope.verify(step, signal);
      if (signal.aborted) return null;
      if (v.kind === 'applied') ledger.succeed(step, v.state, out.requestId, 'Applied (confirmed after an unclear answer).');
      else if (v.kind === 'unknown') ledger.failAll([step], unclearError(out.error, v.error), out.requestId);
      else return [step];
      return [];
    },
  };
}

/** A sync whose answer was lost: it may have reached Intune, so it is not sent again. */
export function syncUnclear(cause?: AppError): AppError {
  return new AppError('unavailable', 'The sync may or may not have reached Intune (the answer was lost); it was not sent again. Sync the device again if it has not checked in.', cause?.detail);
}

async function finishIntune(scope: RunScope, step: JobStep, requestId: string | undefined, signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
  if (step.action!.id === 'intune.syncDevice') return void scope.ledger.succeed(step, {}, requestId, 'Done: Intune asked the device to check in.');
  const expected: DeviceState = { primaryUser: step.action!.id === 'intune.removePrimaryUser' ? null : step.action!.user };
  const done = scope.ledger.succeed(step, expected, requestId, 'Done: Intune applied the change at once.');
  if (!step.action!.syncAfter) return;
  // the change is journaled first; the sync is extra and only adds to the note
  scope.deps.journal.record([{ ...done, note: `${done.note} ${await syncAfter(scope, step.target!.intune!.id, signal, waitSignal)}` }]);
}

/** The optional sync: best effort, never fails the step (the change itself is done). */
async function syncAfter(scope: RunScope, deviceId: string, signal: AbortSignal, waitSignal: AbortSignal): Promise<string> {
  const { executor, intuneBucket } = scope.deps;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await intuneBucket.take(waitSignal);
    } catch {
      return 'Sync not requested (job stopped).';
    }
    const out: CallOutcome = await guard(() => executor.intuneSync(deviceId, signal));
    if (out.kind === 'ok') return 'Sync requested.';
    if (out.kind === 'throttled') {
      scope.countThrottle();
      intuneBucket.onThrottled(out.retryAfterMs ?? scope.backoff(attempt));
      continue;
    }
    return `Sync not requested: ${out.error.message}`;
  }
  return 'Sync not requested: Intune kept answering "too many requests".';
}
