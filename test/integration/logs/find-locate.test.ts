// Find with "n of m" (every match counted on the workers, then walked), a file's record located in merged
// and filtered views (explainer attempts), the first timed record of a merge, typed error codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { lookupErrorCode } from '../../../electron/services/logs/error-codes.ts';
import { intersect } from '../../../electron/services/logs/find-matches.ts';

const imeReal = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/ime-real');
const workload = join(imeReal, 'AppWorkload-20260401-160729.log');
const agent = join(imeReal, 'AgentExecutor.log');
const svc = new LogsService({ tempDir: tmpdir() });
const text = (pattern: string, regex = false) => ({ text: { pattern, regex, caseSensitive: false } });

test('find counts every match of the view and steps through them with their rank', async () => {
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const all = await svc.window(info.id, 0, 2000);
  const want = all.records.filter((r) => /found native machine/i.test(r.message)).map((r) => r.position);
  const first = await svc.findMatch(info.id, text('Found native machine'), -1, 'next');
  assert.ok(first.total >= want.length && want.length > 1);
  assert.deepEqual([first.position, first.rank], [want[0], 1]);
  const second = await svc.findMatch(info.id, text('Found native machine'), first.position ?? 0, 'next');
  assert.deepEqual([second.position, second.rank], [want[1], 2]);
  const back = await svc.findMatch(info.id, text('Found native machine'), second.position ?? 0, 'previous');
  assert.deepEqual([back.position, back.rank], [want[0], 1]);
  assert.deepEqual(await svc.findMatch(info.id, text('Found native machine'), want[0], 'previous'), { total: first.total, position: null, rank: null });
  assert.deepEqual(await svc.findMatch(info.id, text('no such text anywhere'), -1, 'next'), { total: 0, position: null, rank: null });
  // inside a filter result: positions and ranks of that view
  const errors = await svc.filter(info.id, { levels: ['error'] });
  const inErrors = await svc.findMatch(info.id, text('Found native machine'), -1, 'next', errors.viewId);
  assert.equal(inErrors.total, errors.matches);
  const rec = await svc.window(info.id, inErrors.position ?? 0, 1, errors.viewId);
  assert.match(rec.records[0].message, /found native machine/i);
  await svc.close(info.id);
});

test('find back from a position far past the end answers from the end at once (the IPC fuzz hung on 2^40)', { timeout: 30_000 }, async () => {
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const last = (await svc.findMatch(info.id, text('Found native machine'), 2 ** 40, 'previous')).position;
  assert.notEqual(last, null);
  assert.equal(await svc.find(info.id, text('Found native machine'), 2 ** 40, 'previous'), last);
  assert.equal(await svc.find(info.id, text('Found native machine'), 2 ** 40, 'next'), null);
  await svc.close(info.id);
});

test('a file record is located in merged and filtered views; a merge starts at its first timed record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-locate-'));
  try {
    const untimed = join(dir, 'dsregcmd.txt');
    writeFileSync(untimed, Array.from({ length: 30 }, (_, i) => `+---- untimed line ${i}\n`).join(''));
    const info = await svc.open([agent, workload, untimed]);
    await svc.whenIndexed(info.id);
    const total = svc.count(info.id);
    const all = await svc.window(info.id, 0, Math.min(total, 2000));
    const rest = await svc.window(info.id, 2000, total - 2000);
    const records = [...all.records, ...rest.records];
    for (const r of [records[0], records[200], records[1500], records[total - 1]]) {
      assert.equal(svc.locate(info.id, { file: r.file, index: r.index }), r.position, `file ${r.file} record ${r.index}`);
    }
    assert.equal(svc.locate(info.id, { file: 1, index: 10_000_000 }), null);
    const firstTimed = svc.locate(info.id, 'first-timed');
    assert.equal(firstTimed, records.findIndex((r) => r.timeMs !== null));
    assert.ok((firstTimed ?? 0) > 0, 'the untimed text sorts first in the merge');
    const errors = await svc.filter(info.id, { levels: ['error'] });
    const e = (await svc.window(info.id, 5, 1, errors.viewId)).records[0];
    assert.equal(svc.locate(info.id, { file: e.file, index: e.index }, errors.viewId), 5);
    assert.equal(svc.locate(info.id, { file: 2, index: 0 }, errors.viewId), null);
    await svc.close(info.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('intersect keeps the filtered positions whose base positions matched', () => {
  assert.deepEqual([...intersect(Uint32Array.from([1, 4, 6, 9, 12]), Uint32Array.from([0, 4, 5, 9, 13]))], [1, 3]);
  assert.deepEqual([...intersect(new Uint32Array(0), Uint32Array.from([1]))], []);
});

test('a typed code is looked up as hex, signed decimal or Win32', () => {
  assert.equal(lookupErrorCode('0x87D1041C')?.kind, 'intune');
  assert.equal(lookupErrorCode('-2016345060')?.code, '0x87D1041C');
  assert.equal(lookupErrorCode('5')?.name, 'ERROR_ACCESS_DENIED');
  assert.equal(lookupErrorCode('nonsense'), null);
});
