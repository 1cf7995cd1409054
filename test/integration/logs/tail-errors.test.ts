// Tail mode's failures reach the tab (issue 13's "nothing silent"): a file that cannot be read any more
// while it is followed is said in a progress event with a sentence, and following goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { LogProgress } from '../../../electron/common/logs.ts';
import { within } from '../../support/wait.ts';
import { handlersRig } from './support.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { refreshSession } from '../../../electron/services/logs/tail.ts';

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
    const failed = next('the failed step to be reported', (p) => p.error?.startsWith('Reading the lines') === true); // not the file-gone notice, should a step fall between the remove and the rename
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

test('a followed file that is deleted is said once in the tab, not every second, and read again when it is back', async () => {
  let heard: (p: LogProgress) => void = () => {};
  const rig = handlersRig({}, (task, p) => task === null && heard(p));
  try {
    const path = join(rig.dir, 'DeviceReassignment-20261123.log');
    writeFileSync(path, '2026-11-23 10:00:00 +01:00 [INF] first\n');
    const info = await rig.call('logsOpenPaths', { paths: [path] });
    await rig.call('logsStats', { session: info.id });
    const said = within(new Promise<LogProgress>((resolve) => (heard = (p) => p.error !== undefined && resolve(p))), 'the deleted file to be reported');
    await rig.call('logsFollow', { session: info.id, follow: true });
    rmSync(path);
    const p = await said;
    assert.equal(p.error, 'DeviceReassignment-20261123.log can no longer be read (deleted, moved or renamed). What was read stays here; tail mode reads it again if it comes back.');
    assert.equal(await rig.call('logsCount', { session: info.id }), 1, 'what was read stays');
    await rig.call('logsFollow', { session: info.id, follow: false });
  } finally {
    await rig.close();
  }
});

test('tail steps say a gone file once until it is back, then again if it goes again', async () => {
  const dir = join(tmpdir(), `sdh-gone-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const svc = new LogsService({ tempDir: dir });
  try {
    const path = join(dir, 'hub.log');
    writeFileSync(path, '2026-11-23 10:00:00 +01:00 [INF] first\n');
    const info = await svc.open([path]);
    await svc.whenIndexed(info.id);
    const engine = svc['engine'], session = svc['session'](info.id);
    const gone: string[][] = [];
    const step = () => refreshSession(engine, session, undefined, (names) => gone.push(names));
    rmSync(path);
    assert.equal(await step(), false);
    assert.equal(await step(), false);
    assert.deepEqual(gone, [['hub.log']], 'said at the first step only');
    writeFileSync(path, '2026-11-23 10:00:01 +01:00 [INF] back\n2026-11-23 10:00:02 +01:00 [INF] and more\n');
    assert.equal(await step(), true);
    assert.equal(svc.count(info.id), 2);
    rmSync(path);
    await step();
    assert.deepEqual(gone, [['hub.log'], ['hub.log']], 'gone again after it was back: said again');
    await svc.close(info.id);
  } finally {
    await svc.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
