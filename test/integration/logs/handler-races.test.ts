// No unhandled rejection in the logs handlers (issue 13, point 3): 200 sessions opened and closed in a
// random order, with counts, windows, filters and finds racing the closes; every call ends in a value or
// an AppError and the process stays up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../electron/common/errors.ts';
import { handlersRig } from './support.ts';

test('200 sessions opened and closed in random order leave no unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown): void => void unhandled.push(err);
  process.on('unhandledRejection', onUnhandled);
  const rig = handlersRig();
  try {
    const small = join(rig.dir, 'small.log');
    writeFileSync(small, Array.from({ length: 300 }, (_, i) => `2026-11-23 10:00:${String(i % 60).padStart(2, '0')} line ${i} ${i % 7 ? 'info' : 'error timed out'}\n`).join(''));
    let seed = 13;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const outcomes: Promise<string>[] = [];
    const settle = (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => 'value',
        (err: unknown) => (err instanceof AppError ? 'error' : `not an AppError: ${String(err)}`),
      );
    const open: string[] = [];
    for (let n = 0; n < 200; n++) {
      const opening = rig.call('logsOpenPaths', { paths: [small] });
      outcomes.push(settle(opening));
      const info = await opening;
      open.push(info.id);
      // Close one at random (often the one just opened, before its index is reported), racing other calls.
      const victim = open.splice(Math.floor(random() * open.length), 1)[0];
      outcomes.push(settle(rig.call('logsFilter', { session: victim, task: `f${n}`, spec: { text: { pattern: 'timed out' } } })));
      outcomes.push(settle(rig.call('logsFind', { session: victim, task: `g${n}`, spec: { text: { pattern: 'line 1' } }, from: -1, direction: 'next' })));
      outcomes.push(settle(rig.call('logsCount', { session: victim })));
      outcomes.push(settle(rig.call('logsClose', { session: victim })));
      outcomes.push(settle(rig.call('logsWindow', { session: victim, first: 0, count: 10 })));
      if (random() < 0.3) outcomes.push(settle(rig.call('logsExplain', { session: victim })));
    }
    for (const id of open) outcomes.push(settle(rig.call('logsClose', { session: id })));
    const results = await Promise.all(outcomes);
    assert.deepEqual(results.filter((r) => r !== 'value' && r !== 'error'), []);
    assert.ok(results.includes('error'), 'calls on closed sessions end in an error value');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, []);
  } finally {
    await rig.close();
    process.off('unhandledRejection', onUnhandled);
  }
});
