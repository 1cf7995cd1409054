// Tail mode's failures reach the tab (issue 13's "nothing silent"): a file that cannot be read any more
// while it is followed is said in a progress event with a sentence, and following goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogProgress } from '../../../electron/common/logs.ts';
import { within } from '../../support/wait.ts';
import { handlersRig } from './support.ts';

test('a followed file that cannot be read is said in the tab, then followed again when it is back', async () => {
  const events: LogProgress[] = [];
  let heard: (p: LogProgress) => void = () => {};
  const logged: string[] = [];
  const rig = handlersRig({}, (task, p) => {
    if (task !== null) return;
    events.push(p);
    heard(p);
  }, (what, err) => logged.push(`${what}: ${String(err)}`));
  const next = (what: string, test: (p: LogProgress) => boolean): Promise<LogProgress> =>
    within(new Promise<LogProgress>((resolve) => (heard = (p) => test(p) && resolve(p))), what);
  try {
    const path = join(rig.dir, 'hub.log');
    writeFileSync(path, '2026-11-23 10:00:00 +01:00 [INF] first\n');
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id });
    const failed = next('the failed step to be reported', (p) => p.error !== undefined);
    await rig.call('logsFollow', { session: info.id, follow: true });
    // The file is replaced by a folder of the same name (made before the file is removed, so it cannot
    // take the file's inode): the next step reads it again from scratch, and cannot.
    mkdirSync(`${path}.new`);
    rmSync(path);
    renameSync(`${path}.new`, path);
    const p = await failed;
    assert.equal(p.done, true);
    assert.match(p.error ?? '', /^Reading the lines added to the file failed \(tail mode tries again every second\): /);
    assert.doesNotMatch(p.error ?? '', /EISDIR|at \w+ \(/, 'no raw error code or stack on screen');
    assert.match(logged.join('\n'), /EISDIR/, 'the details go to the log');
    // Back as a file: followed again, and indexed again from scratch (it was replaced).
    const back = next('the file to be followed again', (q) => q.error === undefined && q.done && q.records === 2);
    rmSync(path, { recursive: true });
    writeFileSync(path, '2026-11-23 10:00:01 +01:00 [INF] again\n2026-11-23 10:00:02 +01:00 [INF] and again\n');
    await back;
    assert.equal(await rig.call('logsCount', { session: info.id }), 2);
    await rig.call('logsFollow', { session: info.id, follow: false });
  } finally {
    await rig.close();
  }
});
