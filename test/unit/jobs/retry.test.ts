// The retry/throttle state machine on its own: a fake bucket and journal, a scripted call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../electron/common/errors.ts';
import type { JobStep } from '../../../electron/common/jobs.ts';
import type { CallOutcome } from '../../../electron/services/jobs/executor.ts';
import type { Journal } from '../../../electron/services/jobs/journal.ts';
import { StepLedger } from '../../../electron/services/jobs/ledger.ts';
import { callWithRetries, type CallPath } from '../../../electron/services/jobs/retry.ts';
import { defaultRunnerSettings, type RunScope, type RunnerDeps } from '../../../electron/services/jobs/run-scope.ts';
import type { TokenBucket } from '../../../electron/services/jobs/throttle.ts';
import { virtualClock } from './support/virtual-clock.ts';

type Ok = Extract<CallOutcome, { kind: 'ok' }>;

function step(index: number, status: JobStep['status'] = 'planned'): JobStep {
  return { jobId: 'j', index, input: `d${index}`, status, attempts: 0, action: { id: 'intune.removePrimaryUser' } } as JobStep;
}

/** The call answers from `script` in order; `unclear` reads back `verdicts` in order. */
function setup(script: CallOutcome[], o: { verdicts?: ('applied' | 'notApplied' | 'stop')[]; stopOnTake?: number } = {}) {
  const clock = virtualClock();
  const journal: { statuses: string[]; audits: number } = { statuses: [], audits: 0 };
  const bucket = { takes: 0, successes: 0, throttledFor: [] as number[] };
  const stop = new AbortController();
  const fakeBucket = {
    take: async (signal: AbortSignal) => {
      if (++bucket.takes === o.stopOnTake) stop.abort();
      signal.throwIfAborted();
    },
    onSuccess: () => void bucket.successes++,
    onThrottled: (ms: number) => void bucket.throttledFor.push(ms),
  } as unknown as TokenBucket;
  const settings = { ...defaultRunnerSettings, maxThrottleRetries: 2, maxTransientRetries: 1 };
  const ledger = new StepLedger({
    journal: { record: (steps: JobStep[], audits?: unknown[]) => (journal.statuses.push(...steps.map((s) => `${s.index}:${s.status}`)), (journal.audits += audits?.length ?? 0)) } as unknown as Journal,
    clock,
    settings,
    who: () => ({ technician: 't', tenant: 'x' }),
    onCommit: () => {},
  });
  const slept: number[] = [];
  let throttles = 0;
  const scope: RunScope = {
    deps: { settings, clock } as unknown as RunnerDeps,
    ledger,
    running: () => true,
    verify: async () => ({ kind: 'notApplied' }),
    backoff: (attempt) => attempt * 1000,
    sleep: async (ms, signal) => (slept.push(ms), !signal.aborted),
    countThrottle: () => void throttles++,
  };
  const calls: number[][] = [];
  const verdicts = [...(o.verdicts ?? [])];
  const path: CallPath<Ok> = {
    bucket: fakeBucket,
    call: async (steps) => (calls.push(steps.map((s) => s.index)), script.shift() ?? { kind: 'ok' }),
    ok: (steps, out) => steps.forEach((s) => ledger.succeed(s, { primaryUser: null }, out.requestId, 'done')),
    failed: (steps, out) => ledger.failAll(steps, out.error, out.requestId),
    unclear: async (steps, out) => {
      const again: JobStep[] = [];
      for (const s of steps) {
        const v = verdicts.shift() ?? 'notApplied';
        if (v === 'stop') return null;
        if (v === 'applied') ledger.succeed(s, { primaryUser: null }, out.requestId, 'confirmed');
        else again.push(s);
      }
      return again;
    },
  };
  return { scope, path, journal, bucket, slept, calls, stop, throttles: () => throttles };
}

const never = new AbortController().signal;
const transient = (): CallOutcome => ({ kind: 'transient', error: new AppError('unavailable', 'Connection lost.') });

test('a 429 stops the bucket for Retry-After (or a back-off) and sends the same step again; success recovers the pace', async () => {
  const t = setup([{ kind: 'throttled', retryAfterMs: 7000 }, { kind: 'throttled' }, { kind: 'ok', requestId: 'r1' }]);
  const s = step(0);
  await callWithRetries(t.scope, t.path, [s], never, t.stop.signal);
  assert.deepEqual(t.calls, [[0], [0], [0]]);
  assert.deepEqual(t.bucket.throttledFor, [7000, 2000]);
  assert.equal(t.bucket.successes, 1);
  assert.equal(t.throttles(), 2);
  assert.equal(s.attempts, 3);
  assert.deepEqual(t.journal.statuses, ['0:inFlight', '0:inFlight', '0:inFlight', '0:succeeded']);
  assert.equal(t.journal.audits, 1);
});

test('429s past maxThrottleRetries fail every step of the call as throttled', async () => {
  const t = setup([{ kind: 'throttled' }, { kind: 'throttled' }, { kind: 'throttled', requestId: 'r3' }]);
  const steps = [step(0), step(1)];
  await callWithRetries(t.scope, t.path, steps, never, t.stop.signal);
  assert.equal(t.calls.length, 3);
  assert.deepEqual(t.journal.statuses.slice(-2), ['0:failed', '1:failed']);
  assert.equal(t.journal.audits, 2);
  assert.equal(t.bucket.successes, 0);
});

test('an unclear answer: steps read back as applied finish, the rest go again after a back-off', async () => {
  const t = setup([transient(), { kind: 'ok' }], { verdicts: ['applied', 'notApplied'] });
  await callWithRetries(t.scope, t.path, [step(0), step(1)], never, t.stop.signal);
  assert.deepEqual(t.calls, [[0, 1], [1]]);
  assert.deepEqual(t.slept, [1000]);
  assert.deepEqual(t.journal.statuses, ['0:inFlight', '1:inFlight', '0:succeeded', '1:inFlight', '1:succeeded']);
});

test('unclear answers past maxTransientRetries fail with the call error', async () => {
  const t = setup([transient(), transient()]);
  await callWithRetries(t.scope, t.path, [step(0)], never, t.stop.signal);
  assert.equal(t.calls.length, 2);
  assert.deepEqual(t.slept, [1000]);
  assert.equal(t.journal.statuses.at(-1), '0:failed');
});

test('stopped while waiting after a 429: the step is known not applied and goes back to planned', async () => {
  const t = setup([{ kind: 'throttled' }], { stopOnTake: 2 });
  const s = step(0);
  await callWithRetries(t.scope, t.path, [s], never, t.stop.signal);
  assert.equal(s.status, 'planned');
  assert.deepEqual(t.journal.statuses, ['0:inFlight', '0:planned']);
});

test('a step resumed in flight stays in flight when the job stops before its call', async () => {
  const t = setup([], { stopOnTake: 1 });
  const s = step(0, 'inFlight');
  await callWithRetries(t.scope, t.path, [s], never, t.stop.signal);
  assert.equal(t.calls.length, 0);
  assert.deepEqual(t.journal.statuses, []);
});

test('a call cut short, or a read-back stopped, leaves the steps in flight for the resume to verify', async () => {
  const cut = new AbortController();
  const t = setup([]);
  t.path.call = async () => (cut.abort(), transient());
  const s = step(0);
  await callWithRetries(t.scope, t.path, [s], cut.signal, t.stop.signal);
  assert.equal(s.status, 'inFlight');
  const u = setup([transient()], { verdicts: ['stop'] });
  const r = step(1);
  await callWithRetries(u.scope, u.path, [r], never, u.stop.signal);
  assert.equal(r.status, 'inFlight');
  assert.deepEqual(u.journal.statuses, ['1:inFlight']);
});

test('a final error goes to the path once, without retries', async () => {
  const t = setup([{ kind: 'failed', error: new AppError('forbidden', 'No.') }]);
  await callWithRetries(t.scope, t.path, [step(0)], never, t.stop.signal);
  assert.equal(t.calls.length, 1);
  assert.equal(t.journal.statuses.at(-1), '0:failed');
});
