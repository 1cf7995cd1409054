// Nothing a file or a technician types freezes main (issue 13, point 1): a catastrophic regex over a 100 MB
// file runs on a log worker while main answers pings, and Cancel ends it by terminating the worker; the
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

test('a backtracking regex over 100 MB: main answers pings within 50 ms, Cancel ends the task within 250 ms', async () => {
  // One worker: on a 2-core machine two spinning workers leave main no core, and a late ping would then
  // measure the OS scheduler, not main (main's own busy share is printed too).
  const rig = handlersRig({ workers: 1 });
  try {
    const path = join(rig.dir, 'words.log');
    await writeRepeated(path, 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma\n', 100 * 1024 * 1024);
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id }); // indexed
    const ping = pingMain(() => rig.call('logsCount', { session: info.id }));
    const filter = rig.call('logsFilter', { session: info.id, task: 'freeze', spec: { text: { pattern: '(\\w+\\s?)+$X', regex: true } } });
    const outcome = filter.then(
      () => 'finished',
      (err: unknown) => (err instanceof AppError ? err.code : String(err)),
    );
    await new Promise((r) => setTimeout(r, 1500)); // the worker is stuck in the pattern by now; main must not be
    const cancelAt = performance.now();
    void rig.call('logsCancel', { task: 'freeze' });
    const code = await within(outcome, 'the cancelled filter', 5000);
    const cancelMs = performance.now() - cancelAt;
    const { worst, longestBusy, pings, busy } = ping.stop();
    console.log(`freeze: ${pings} pings, worst answer ${worst.toFixed(1)} ms, longest busy stretch of main ${longestBusy.toFixed(1)} ms, main busy ${(busy * 100).toFixed(1)} %; cancel took ${cancelMs.toFixed(1)} ms`);
    assert.equal(code, 'cancelled');
    assert.ok(cancelMs < 250, `Cancel took ${cancelMs.toFixed(0)} ms`);
    assert.ok(longestBusy < 50, `main ran code for ${longestBusy.toFixed(0)} ms without answering a ping`);
    // A fresh worker took the stuck one's place.
    const again = await rig.call('logsFilter', { session: info.id, task: 'after', spec: { text: { pattern: 'omicron pi', caseSensitive: true } } });
    assert.equal(again.matches, await rig.call('logsCount', { session: info.id }));
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
