// A small file is indexed on a log worker too (issue 13: main runs no file-driven work beyond the first
// screen's bytes): opening one starts a worker thread, and its records are all there once indexed. The
// whole file's column presence (found while indexing) reaches the session info and the done progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogsService } from '../../../electron/services/logs/service.ts';

const imeReal = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/ime-real');

test('a file under 4 MB is indexed on a log worker, not on main', async () => {
  const file = join(imeReal, 'AgentExecutor-20260321-225458.log');
  assert.ok(statSync(file).size < 4 * 1024 * 1024);
  let started = 0;
  const onWorker = (): void => void started++;
  process.on('worker', onWorker);
  const svc = new LogsService({ tempDir: tmpdir(), firstScreenBytes: 4096 });
  try {
    const info = await svc.open([file]);
    await svc.whenIndexed(info.id);
    assert.ok(started >= 1, 'indexing started a worker thread');
    assert.equal(svc.count(info.id), 16484);
  } finally {
    process.off('worker', onWorker);
    await svc.dispose();
  }
});

test('the columns filled in the whole file reach the session info and the index progress', async () => {
  const file = join(imeReal, 'AppActionProcessor.log');
  const svc = new LogsService({ tempDir: tmpdir() });
  const done: (string[] | undefined)[] = [];
  try {
    const info = await svc.open([file], { onProgress: (p) => void (p.phase === 'index' && p.done && done.push(p.columns)) });
    assert.deepEqual(info.files[0].columns, ['time', 'level', 'component', 'thread', 'source', 'message']);
    const indexed = await svc.whenIndexed(info.id);
    assert.deepEqual(indexed.files[0].filled, ['time', 'level', 'component', 'thread', 'message']);
    assert.deepEqual(done, [['time', 'level', 'component', 'thread', 'message']]);
  } finally {
    await svc.dispose();
  }
});
