// The Workspace ONE path of a job run: one call per batch of up to 100 devices with the same action,
// batches one after another, paced by the engine's WS1 bucket.
import { AppError } from '../../common/errors.ts';
import type { ActionId, JobStep } from '../../common/jobs.ts';
import type { Ws1BatchOutcome } from './executor.ts';
import { unclearError } from './outcomes.ts';
import { callWithRetries, type CallPath } from './retry.ts';
import type { RunScope } from './run-scope.ts';
import { ws1ModeActionWire } from './ws1-action-wire.ts';

export async function runWs1(scope: RunScope, steps: JobStep[], signal: AbortSignal, waitSignal: AbortSignal): Promise<void> {
  const byAction = new Map<ActionId, JobStep[]>();
  for (const s of steps) byAction.set(s.action!.id, [...(byAction.get(s.action!.id) ?? []), s]);
  for (const [action, list] of byAction) {
    const path = ws1Path(scope, action, signal);
    for (let i = 0; i < list.length; i += ws1ModeActionWire.maxDevicesPerCall) {
      if (!scope.running() || signal.aborted) return;
      await callWithRetries(scope, path, list.slice(i, i + ws1ModeActionWire.maxDevicesPerCall), signal, waitSignal);
    }
  }
}

function ws1Path(scope: RunScope, action: ActionId, signal: AbortSignal): CallPath<Extract<Ws1BatchOutcome, { kind: 'ok' }>> {
  const { ledger } = scope;
  return {
    bucket: scope.deps.ws1Bucket,
    call: (todo, sig) => scope.deps.executor.ws1Action(action, todo.map((s) => s.target!.ws1!.uuid), sig),
    ok: (todo, out) => {
      const rejected = new Map(out.rejected.map((r) => [r.uuid, r.reason]));
      const accepted = new Set(out.accepted);
      const done: JobStep[] = [];
      for (const s of todo) {
        const uuid = s.target!.ws1!.uuid;
        if (accepted.has(uuid)) done.push(ledger.ws1Accepted(s, out.requestId));
        else if (rejected.has(uuid)) {
          // WS1 shows no pending change (unverified), so a re-send after a crash may meet our own first request
          const again = s.attempts > 1 ? ' This was a re-send after an interruption: the first request may have been accepted; check the device.' : '';
          done.push(ledger.failed(s, new AppError('not_allowed', `Workspace ONE refused the change: ${rejected.get(uuid)}${again}`), out.requestId));
        } else done.push(ledger.failed(s, new AppError('internal', 'Workspace ONE did not say whether it accepted this device.'), out.requestId));
      }
      ledger.commit(done);
    },
    failed: (todo, out) => ledger.failAll(todo, out.error, out.requestId),
    unclear: async (todo, out) => {
      // some devices may have taken it; check each before re-sending to the rest
      const again: JobStep[] = [];
      const done: JobStep[] = [];
      for (const s of todo) {
        const v = await scope.verify(s, signal);
        if (signal.aborted) return null;
        if (v.kind === 'applied') done.push(ledger.ws1Accepted(s, out.requestId));
        else if (v.kind === 'unknown') done.push(ledger.failed(s, unclearError(out.error, v.error), out.requestId));
        else again.push(s);
      }
      ledger.commit(done);
      return again;
    },
  };
}
