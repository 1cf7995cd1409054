// Tail mode on real files: growth (including a half-written last record), truncation and rotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogsService } from '../../../electron/services/logs/service.ts';
import type { Engine } from '../../../electron/services/logs/session.ts';
import { within } from '../../support/wait.ts';

const line = (i: number, lvl = 'INF'): string => `2026-11-20 08:00:${String(i % 60).padStart(2, '0')}.000 +01:00 [${lvl}] line ${i}\n`;

test('a growing file is followed; a truncated or rotated one is indexed again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-tail-'));
  const svc = new LogsService({ tempDir: dir });
  try {
    const path = join(dir, 'hub.log');
    writeFileSync(path, line(0) + line(1));
    const info = await svc.open([path]);
    await svc.whenIndexed(info.id);
    assert.equal(svc.count(info.id), 2);
    assert.equal(await svc.refresh(info.id), false);

    appendFileSync(path, line(2, 'ERR') + '2026-11-20 08:00:03.000 +01:00 [WRN] half wri');
    assert.equal(await svc.refresh(info.id), true);
    assert.equal(svc.count(info.id), 4);
    appendFileSync(path, 'tten\n  continuation of the warning\n' + line(4));
    await svc.refresh(info.id);
    assert.equal(svc.count(info.id), 5);
    const w = await svc.window(info.id, 0, 10);
    assert.equal(w.records[3].message, 'half written\n  continuation of the warning');
    assert.deepEqual(w.records.map((r) => r.level), ['info', 'info', 'error', 'warning', 'info']);
    const [stats] = await svc.stats(info.id);
    assert.deepEqual([stats.records, stats.levels.error, stats.levels.warning, stats.levels.info], [5, 1, 1, 3]);

    writeFileSync(path, line(9)); // truncated and rewritten
    await svc.refresh(info.id);
    assert.equal(svc.count(info.id), 1);
    assert.equal((await svc.window(info.id, 0, 1)).records[0].message, 'line 9');

    renameSync(path, join(dir, 'hub-1.log')); // rotated: a new file under the old name
    writeFileSync(path, line(20) + line(21) + line(22));
    await svc.refresh(info.id);
    assert.equal(svc.count(info.id), 3);

    let changes = 0;
    let changed = () => {};
    const firstChange = new Promise<void>((r) => (changed = r));
    const stop = svc.follow(info.id, () => (changes++, changed()), (err) => assert.fail(err instanceof Error ? err : String(err)), 20);
    appendFileSync(path, line(23));
    await within(firstChange, 'follow to report the appended record');
    stop();
    assert.equal(changes, 1);
    assert.equal(svc.count(info.id), 4);
  } finally {
    await svc.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('appended bytes are indexed on a log worker, and a failed step leaves the index as it was', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-tail-'));
  const svc = new LogsService({ tempDir: dir });
  // The engine's pool, watched: which jobs run on the workers, and one made to fail.
  const pool = (svc as unknown as { engine: Engine }).engine.pool;
  const run = pool.run.bind(pool);
  const jobs: { kind: string; startByte?: number }[] = [];
  let failNext = false;
  pool.run = (job, onMessage, signal) => {
    jobs.push({ kind: job.kind, startByte: job.startByte as number | undefined });
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('EIO: i/o error, read'));
    }
    return run(job, onMessage, signal);
  };
  try {
    const path = join(dir, 'hub.log');
    writeFileSync(path, line(0) + line(1));
    const info = await svc.open([path]);
    await svc.whenIndexed(info.id);
    jobs.length = 0;
    appendFileSync(path, line(2, 'ERR'));
    assert.equal(await svc.refresh(info.id), true);
    assert.equal(svc.count(info.id), 3);
    // One index job from the last record's start (it is read again), none of it on main.
    assert.deepEqual(jobs, [{ kind: 'index', startByte: line(0).length }]);

    appendFileSync(path, line(3));
    failNext = true;
    await assert.rejects(svc.refresh(info.id), /EIO/);
    assert.equal(svc.count(info.id), 3, 'a failed step keeps every record indexed so far');
    assert.equal((await svc.window(info.id, 2, 1)).records[0].message, 'line 2');
    assert.equal(await svc.refresh(info.id), true);
    assert.equal(svc.count(info.id), 4);
    const [stats] = await svc.stats(info.id);
    assert.deepEqual([stats.records, stats.levels.error, stats.levels.info], [4, 1, 3]);
  } finally {
    await svc.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
