// Nothing a file or a technician types freezes main (issue 13, point 1): a catastrophic regex over a 100 MB
// file runs on a log worker (on RE2 in linear time; behind a lookahead on V8, stuck for good) while main
// answers pings, and Cancel ends it (by the stop flag on RE2, by terminating the worker on V8); the
// crafted 64 MB DeviceReassignment file is explained off main in under 2 s. The ping bound is asserted on
// what main itself runs between pings (event-loop busy time), which other processes on the machine cannot
// change; the wall-clock answer time is printed beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { AppError } from '../../../electron/common/errors.ts';
import { handlersRig, pingMain } from './support.ts';
import { within } from '../../support/wait.ts';

async function writeRepeated(path: string, line: string, bytes: number): Promise<void> {
  const block = Buffer.from(line.repeat(Math.max(1, Math.floor((1 << 20) / line.length))));
  const out = createWriteStream(path);
  for (let n = 0; n < bytes; n += block.length) if (!out.write(block)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Waits until `task` has reported scanned records (so it is running when cancelled). */
function scanning(progress: Map<string, number>, task: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => (progress.get(task) ?? 0) > 0 && (clearInterval(poll), resolve()), 5);
  });
}

/**
 * Filters 100 MB with `pattern` while main is pinged, cancels once the worker has reported progress and
 * returns what happened. One worker: on a 2-core machine two spinning workers leave main no core, and a
 * late ping would then measure the OS scheduler, not main (main's own busy share is printed too).
 */
async function cancelUnderPing(label: string, pattern: string, line: string, reportsProgress: boolean) {
  const progress = new Map<string, number>();
  const rig = handlersRig({ workers: 1 }, (task, p) => task && progress.set(task, p.records));
  try {
    const path = join(rig.dir, 'words.log');
    await writeRepeated(path, line, 100 * 1024 * 1024);
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id }); // indexed
    const ping = pingMain(() => rig.call('logsCount', { session: info.id }));
    const filter = rig.call('logsFilter', { session: info.id, task: 'freeze', spec: { text: { pattern, regex: true } } });
    const outcome = filter.then(
      () => 'finished',
      (err: unknown) => (err instanceof AppError ? err.code : String(err)),
    );
    // RE2 moves on, so wait until it reports progress (it is running, not done); V8 never gets past its
    // first line and reports nothing, but it can never finish either.
    if (reportsProgress) await within(scanning(progress, 'freeze'), 'the filter to report progress', 10_000);
    await new Promise((r) => setTimeout(r, 1000)); // let main face the running task for a while
    const scannedAtCancel = progress.get('freeze') ?? 0;
    const cancelAt = performance.now();
    void rig.call('logsCancel', { task: 'freeze' });
    const code = await within(outcome, 'the cancelled filter', 5000);
    const cancelMs = performance.now() - cancelAt;
    const { worst, longestBusy, pings, busy } = ping.stop();
    console.log(`${label}: ${pings} pings, worst answer ${worst.toFixed(1)} ms, longest busy stretch of main ${longestBusy.toFixed(1)} ms, main busy ${(busy * 100).toFixed(1)} %; ${scannedAtCancel} records scanned when cancelled; cancel took ${cancelMs.toFixed(1)} ms`);
    assert.equal(code, 'cancelled');
    assert.ok(cancelMs < 250, `Cancel took ${cancelMs.toFixed(0)} ms`);
    assert.ok(longestBusy < 50, `main ran code for ${longestBusy.toFixed(0)} ms without answering a ping`);
    // The worker (a fresh one, if the stuck one was ended) takes the next job.
    const again = await rig.call('logsFilter', { session: info.id, task: 'after', spec: { text: { pattern: 'omicron pi', caseSensitive: true } } });
    assert.equal(again.matches, await rig.call('logsCount', { session: info.id }));
    // The histogram and next-error walk every record (there are no errors) on a worker, not on main.
    const walks = pingMain(() => rig.call('logsCount', { session: info.id }));
    const histogram = await rig.call('logsHistogram', { session: info.id, buckets: 100 });
    assert.equal(await rig.call('logsNextError', { session: info.id, from: 0, direction: 'next' }), null);
    const w = walks.stop();
    console.log(`${label}: histogram and next error over 100 MB, longest busy stretch of main ${w.longestBusy.toFixed(1)} ms`);
    assert.equal(histogram.reduce((a, b) => a + b.records, 0), 0); // the words carry no times
    assert.ok(w.longestBusy < 50, `main ran code for ${w.longestBusy.toFixed(0)} ms without answering a ping`);
  } finally {
    await rig.close();
  }
}

// Every line holds an X, so RE2's literal prefilter cannot skip a window: the pattern runs on RE2's
// automaton (linear, slow for this pattern) and stops at its stop flag.
test('(\\w+\\s?)+$X over 100 MB on RE2: main answers pings within 50 ms, Cancel ends the task within 250 ms', () =>
  cancelUnderPing('freeze re2', '(\\w+\\s?)+$X', 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma X\n', true));

// The same pattern behind a lookahead needs V8, which backtracks for good on the first line: Cancel ends the
// task by terminating its worker.
test('a lookahead pattern that backtracks for good on V8: Cancel terminates its worker within 250 ms', () =>
  cancelUnderPing('freeze v8', '(?=a)(\\w+\\s?)+$X', 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma\n', false));

test('a V8-only pattern stops at its time budget with a message that says why', async () => {
  const rig = handlersRig({ workers: 1, backtrackingBudgetMs: 300 });
  try {
    const path = join(rig.dir, 'words.log');
    await writeRepeated(path, 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n', 4 * 1024 * 1024);
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id }); // indexed, the worker started
    const t0 = performance.now();
    const err = await rig.call('logsFilter', { session: info.id, task: 'budget', spec: { text: { pattern: '(?=a)(\\w+\\s?)+$X', regex: true } } }).then(
      () => null,
      (e: unknown) => e,
    );
    const ms = performance.now() - t0;
    console.log(`v8 budget 300 ms: stopped after ${ms.toFixed(0)} ms`);
    assert.ok(err instanceof AppError && err.code === 'timeout', String(err));
    assert.match(err.message, /lookahead or a backreference.*linear-time engine/);
    assert.ok(ms < 300 + 1000, `stopped after ${ms.toFixed(0)} ms`);
    // A lookahead pattern that finishes in time answers normally.
    const ok = await rig.call('logsFilter', { session: info.id, task: 'budget', spec: { text: { pattern: 'alpha(?= beta)', regex: true } } });
    assert.equal(ok.matches, await rig.call('logsCount', { session: info.id }));
  } finally {
    await rig.close();
  }
});

test('a crafted 64 MB DeviceReassignment file is explained in under 2 s while main answers pings', async () => {
  const rig = handlersRig();
  try {
    const path = join(rig.dir, 'DeviceReassignment-20261123.log');
    // Each line repeats the four lead phrases thousands of times with none of their tails.
    const bait = 'User switch failed: attempt 1 of 3 failed; Workgroup device: ';
    await writeRepeated(path, `${bait.repeat(1000)}\n`, 64 * 1024 * 1024);
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id }); // indexed
    const ping = pingMain(() => rig.call('logsCount', { session: info.id }));
    const t0 = performance.now();
    const attempts = await rig.call('logsExplain', { session: info.id });
    const ms = performance.now() - t0;
    const { worst, longestBusy, busy } = ping.stop();
    console.log(`explain 64 MB crafted: ${ms.toFixed(0)} ms, worst answer ${worst.toFixed(1)} ms, longest busy stretch of main ${longestBusy.toFixed(1)} ms, main busy ${(busy * 100).toFixed(1)} %`);
    assert.deepEqual(attempts, []);
    assert.ok(ms < 2000, `explained in ${ms.toFixed(0)} ms`);
    assert.ok(longestBusy < 50, `main ran code for ${longestBusy.toFixed(0)} ms without answering a ping`);
  } finally {
    await rig.close();
  }
});
