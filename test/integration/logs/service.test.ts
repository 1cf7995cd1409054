// The logs service end to end on real files: windows, filters, find, errors, histogram, merge, CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { findErrorCodes, lookupErrorCode } from '../../../electron/services/logs/error-codes.ts';
import { runCli } from '../../../electron/services/cli/main.ts';
import type { LogProgress } from '../../../electron/common/logs.ts';
import { reassignmentLog } from '../../unit/logs/reassignment-sample.ts';
import { waitUntil, within } from '../../support/wait.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const imeReal = resolve(repoRoot, 'test/fixtures/ime-real');
const workload = join(imeReal, 'AppWorkload-20260401-160729.log');
const agent = join(imeReal, 'AgentExecutor.log');

const svc = new LogsService({ tempDir: tmpdir() });

test('first records before the index is done, then windows, detail and progress', async () => {
  const progress: LogProgress[] = [];
  const info = await svc.open([workload], { onProgress: (p) => progress.push(p) });
  const early = await svc.window(info.id, 0, 5);
  assert.equal(early.records.length, 5, 'the first screen is served at once');
  await svc.whenIndexed(info.id);
  assert.ok(progress.some((p) => p.phase === 'index' && p.done && p.records === 2854));
  const w = await svc.window(info.id, 2848, 10);
  assert.equal(w.total, 2854);
  assert.equal(w.records.length, 6);
  assert.deepEqual(info.files[0].columns, ['time', 'level', 'component', 'thread', 'source', 'message']);
  const last = await svc.detail(info.id, 2853);
  assert.ok(last && last.message.length > 900_000 && last.message.endsWith('"Scripts":null}]'));
  assert.equal(last?.time, '4-1-2026 16:07:29.7511984');
  await svc.close(info.id);
});

test('filters stream counts, combine level/text/component/thread, and can be cancelled', async () => {
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const errors = await svc.filter(info.id, { levels: ['error'] });
  assert.equal(errors.matches, 32);
  const seen: LogProgress[] = [];
  const text = await svc.filter(info.id, { text: { pattern: 'win32app\\]\\s+found', regex: true, caseSensitive: false } }, (p) => seen.push(p));
  assert.ok(text.matches > 0 && seen.at(-1)?.done && seen.at(-1)?.matches === text.matches);
  const w = await svc.window(info.id, 0, 1, text.viewId);
  assert.match(w.records[0].message, /\[Win32App\]\s+Found/i);
  const literal = await svc.filter(info.id, { text: { pattern: 'Found native machine', regex: false, caseSensitive: true }, levels: ['error'] });
  assert.equal(literal.matches, 32);
  const thread = await svc.filter(info.id, { threads: ['24'], levels: ['error'] });
  assert.ok(thread.matches > 0 && thread.matches <= 32);
  const first = (await svc.window(info.id, 0, 1)).records[0];
  const comp = await svc.filter(info.id, { components: [first.component ?? ''] });
  assert.equal(comp.matches, 2854);
  const time = await svc.filter(info.id, { fromMs: first.timeMs ?? 0, toMs: (first.timeMs ?? 0) + 60_000 });
  assert.ok(time.matches >= 1 && time.matches < 2854);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(svc.filter(info.id, { text: { pattern: 'x', regex: false, caseSensitive: false } }, undefined, ac.signal), /cancel/i);
  await svc.close(info.id);
});

test('find next/previous, next/previous error, histogram', async () => {
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const errors = await svc.filter(info.id, { levels: ['error'] });
  const errorPositions = (await svc.window(info.id, 0, 32, errors.viewId)).records.map((r) => r.index);
  assert.equal(await svc.nextLevel(info.id, -1, 'next'), errorPositions[0]);
  assert.equal(await svc.nextLevel(info.id, errorPositions[0], 'next'), errorPositions[1]);
  assert.equal(await svc.nextLevel(info.id, 2854, 'previous'), errorPositions[31]);
  const spec = { text: { pattern: 'Found native machine', regex: false, caseSensitive: true } };
  assert.equal(await svc.find(info.id, spec, -1, 'next'), errorPositions[0]);
  assert.equal(await svc.find(info.id, spec, errorPositions[0], 'next'), errorPositions[1]);
  assert.equal(await svc.find(info.id, spec, 2854, 'previous'), errorPositions[31]);
  assert.equal(await svc.find(info.id, { text: { pattern: 'no such text anywhere', regex: false, caseSensitive: true } }, -1, 'next'), null);
  const h = await svc.histogram(info.id, 20);
  assert.equal(h.reduce((a, b) => a + b.records, 0), 2854);
  assert.equal(h.reduce((a, b) => a + b.errors, 0), 32);
  assert.equal(h[0].firstPosition, 0);
  await svc.close(info.id);
});

test('merge two files by time, with a per-file offset', async () => {
  const info = await svc.open([agent, workload]);
  await svc.whenIndexed(info.id);
  const total = svc.count(info.id);
  assert.equal(total, 159 + 2854);
  const all = await svc.window(info.id, 0, total);
  // Each file keeps its own order (IME times are not monotonic); the files interleave by time.
  for (const file of [0, 1]) {
    const idx = all.records.filter((r) => r.file === file).map((r) => r.index);
    assert.deepEqual(idx, idx.map((_, i) => i));
  }
  // AgentExecutor.log is from 3-24, AppWorkload from 4-1: without offset all of file 0 comes first.
  assert.equal(all.records[158].file, 0);
  await svc.setOffset(info.id, 0, 60 * 24 * 30);
  const shifted = await svc.window(info.id, 0, 1);
  assert.equal(shifted.records[0].file, 1);
  const errs = await svc.filter(info.id, { levels: ['error'] });
  assert.equal(errs.matches, 32);
  await svc.close(info.id);
});

test('error codes: lookup and discovery in messages', () => {
  assert.equal(lookupErrorCode('0x80070005')?.name, 'E_ACCESSDENIED');
  assert.equal(lookupErrorCode('0x87d1041c')?.kind, 'intune');
  assert.equal(lookupErrorCode('-2147024891')?.code, '0x80070005');
  assert.match(lookupErrorCode('0x80180014')?.meaning ?? '', /not supported/);
  assert.equal(lookupErrorCode('0x80070643')?.name, 'ERROR_INSTALL_FAILURE');
  const found = findErrorCodes('Install failed with 0x87D1041C after exit code 1603; HRESULT = -2147024891');
  assert.deepEqual(found.map((f) => f.code).sort(), ['0x80070005', '0x87D1041C', '1603']);
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough(), stderr = new PassThrough();
  let out = '', err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await runCli(args, { stdout, stderr, env: { ...process.env, SDH_TEMP_DIR: tmpdir() }, cwd: repoRoot, signal: new AbortController().signal });
  return { code, stdout: out, stderr: err };
}

test('CLI: logs stats, search and explain print only JSON with --json', async () => {
  const stats = await cli(['logs', 'stats', '--json', imeReal]);
  assert.equal(stats.code, 0, stats.stderr);
  const files = (JSON.parse(stats.stdout) as { files: { path: string; records: number; levels: { error: number; warning: number }; unparsed: number; first: string }[] }).files;
  assert.deepEqual(
    files.map((f) => [f.path.split('/').pop(), f.records, f.levels.error, f.levels.warning, f.unparsed]),
    [
      ['AgentExecutor-20260321-225458.log', 16484, 0, 0, 0],
      ['AgentExecutor.log', 159, 0, 0, 0],
      ['AppActionProcessor.log', 9837, 0, 0, 0],
      ['AppWorkload-20260401-160729.log', 2854, 32, 45, 0],
    ],
  );
  assert.equal(files[1].first, '3-24-2026 11:19:59.4204997');
  const search = await cli(['logs', 'search', '--json', '--level', 'error', 'Found native', workload]);
  const s = JSON.parse(search.stdout) as { total: number; matches: { level: string; line: string; time: string }[] };
  assert.equal(s.total, 32);
  assert.ok(s.matches.every((m) => m.level === 'error' && m.line.includes('Found native') && m.time));
  const dir = mkdtempSync(join(tmpdir(), 'sdh-cli-'));
  try {
    const log = join(dir, 'DeviceReassignment-20261120.log');
    writeFileSync(log, reassignmentLog);
    const ex = await cli(['logs', 'explain', '--json', log]);
    const attempts = (JSON.parse(ex.stdout) as { attempts: { windowsUser: string; identifier: unknown; retries: number; outcome: string; reason: string; start: string; end: string }[] }).attempts;
    assert.equal(attempts.length, 4);
    assert.deepEqual(attempts[1], { ...attempts[1], windowsUser: 'CONTOSO\\bob.k', retries: 3, outcome: 'failed', reason: 'identifier_mismatch' });
    assert.equal(attempts[0].end, '2026-11-20 08:00:02.341 +01:00');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads index and filter (in-process shortcut off), and a running filter can be cancelled', async () => {
  const workers = new LogsService({ tempDir: tmpdir(), inProcessBytes: 0, firstScreenBytes: 64 * 1024 });
  const info = await workers.open([workload, agent]);
  assert.ok(workers.count(info.id) > 0, 'first screen from the main-thread scan');
  await workers.whenIndexed(info.id);
  assert.equal(workers.count(info.id), 2854 + 159);
  const errors = await workers.filter(info.id, { levels: ['error'], text: { pattern: 'native', regex: false, caseSensitive: false } });
  assert.equal(errors.matches, 32);
  const ac = new AbortController();
  const running = workers.filter(info.id, { text: { pattern: '(a|b)+c', regex: true, caseSensitive: false } }, () => ac.abort(), ac.signal);
  await assert.rejects(running, /cancel/i);
  await workers.close(info.id);
});

test('a session keeps its last few filter results, not every one ever applied', async () => {
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const ids: string[] = [];
  for (const pattern of ['a', 'b', 'c', 'd', 'e', 'f']) ids.push((await svc.filter(info.id, { text: { pattern, regex: false, caseSensitive: false } })).viewId);
  await assert.rejects(svc.window(info.id, 0, 5, ids[0]), /filter result is gone/);
  assert.ok((await svc.window(info.id, 0, 5, ids[5])).records.length > 0);
  await svc.close(info.id);
});

test('the packaged CommonJS worker bundle indexes and filters, started ahead of the first file', async () => {
  // Built the way scripts/build.mjs builds dist/main/worker.cjs.
  const dir = mkdtempSync(join(tmpdir(), 'sdh-worker-'));
  const { build } = await import('esbuild');
  await build({ entryPoints: [join(repoRoot, 'electron/services/logs/worker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: join(dir, 'worker.cjs'), logLevel: 'warning' });
  const bundled = new LogsService({ tempDir: tmpdir(), inProcessBytes: 0, workerUrl: pathToFileURL(join(dir, 'worker.cjs')) });
  bundled.warmUp();
  try {
    const info = await bundled.whenIndexed((await bundled.open([workload])).id);
    assert.equal(bundled.count(info.id), 2854);
    assert.equal((await bundled.filter(info.id, { levels: ['error'] })).matches, 32);
  } finally {
    await bundled.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker that cannot start fails its job with a message, and never takes the process down', async () => {
  const broken = new LogsService({ tempDir: tmpdir(), inProcessBytes: 0, workers: 2, workerUrl: pathToFileURL(join(tmpdir(), 'no-such-worker.cjs')) });
  // both idle workers fail to load and exit (after their 'error' event, which must not go unheard) before a job comes
  const exited: Promise<unknown>[] = [];
  const started = (w: Worker) => exited.push(new Promise((r) => w.once('exit', r))); // no 'error' listener of our own
  process.on('worker', started);
  broken.warmUp();
  await waitUntil(() => exited.length === 2, 'the two idle workers to start');
  process.off('worker', started);
  await within(Promise.all(exited), 'the idle workers to fail and exit');
  await assert.rejects(
    broken.open([workload]).then((info) => broken.whenIndexed(info.id)),
    (err: Error & { code?: string }) => err.code === 'internal' && /log worker/i.test(err.message),
  );
  await broken.dispose();
});

test('a file indexed in parts by two workers cuts exactly like one pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-parts-'));
  const parts = new LogsService({ tempDir: tmpdir(), inProcessBytes: 0, splitBytes: 1, workers: 2 });
  try {
    const { readFileSync } = await import('node:fs');
    const path = join(dir, 'joined.log');
    writeFileSync(path, Buffer.concat([readFileSync(workload), readFileSync(agent), readFileSync(join(imeReal, 'AppActionProcessor.log'))]));
    const serilog = join(dir, 'hub.log');
    writeFileSync(serilog, Array.from({ length: 30000 }, (_, i) => `2026-11-20 08:02:${String(i % 60).padStart(2, '0')}.000 +01:00 [${i % 7 ? 'INF' : 'ERR'}] line ${i}${i % 5 ? '' : '\n  continuation'}`).join('\n'));
    for (const p of [path, serilog]) {
      const one = await svc.open([p]);
      const two = await parts.open([p]);
      await svc.whenIndexed(one.id);
      await parts.whenIndexed(two.id);
      assert.equal(parts.count(two.id), svc.count(one.id));
      const a = await svc.window(one.id, 0, 100_000), b = await parts.window(two.id, 0, 100_000);
      assert.deepEqual(b.records.map((r) => [r.offset, r.length, r.level]), a.records.map((r) => [r.offset, r.length, r.level]));
      assert.deepEqual(await parts.stats(two.id), await svc.stats(one.id));
      const fa = await svc.filter(one.id, { text: { pattern: 'line 1', regex: false, caseSensitive: true } });
      const fb = await parts.filter(two.id, { text: { pattern: 'line 1', regex: false, caseSensitive: true } });
      assert.equal(fb.matches, fa.matches);
      await svc.close(one.id);
      await parts.close(two.id);
    }
    // Small files are indexed on a worker too (no longer in this thread during open): count once indexed.
    const small = await svc.open([serilog]);
    await svc.whenIndexed(small.id);
    assert.equal(svc.count(small.id), 30000);
  } finally {
    await parts.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('IME Win32 app summary: apps by id, with their error records', async () => {
  const info = await svc.open([workload, agent]);
  const apps = await svc.win32Apps(info.id);
  assert.ok(apps.length >= 20, `${apps.length} apps`);
  assert.ok(apps.every((a) => /^[0-9a-f-]{36}$/.test(a.appId) && a.file === workload && a.start));
  const errors = apps.reduce((n, a) => n + a.errors, 0);
  assert.ok(errors > 0 && errors <= 32);
  await svc.close(info.id);
});

test('component, thread and text filters also see records bigger than a read window', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-big-'));
  try {
    const path = join(dir, 'big.log');
    const rec = (msg: string, comp: string, thread: string): string => `<![LOG[${msg}]LOG]!><time="01:00:00.0000000" date="1-2-2026" component="${comp}" context="" type="1" thread="${thread}" file="">\r\n`;
    writeFileSync(path, rec('small', 'A', '1') + rec(`needle ${'x'.repeat(3 << 20)} end`, 'Big', '7') + rec('tail', 'A', '1'));
    const info = await svc.open([path]);
    await svc.whenIndexed(info.id);
    assert.equal((await svc.filter(info.id, { components: ['Big'] })).matches, 1);
    assert.equal((await svc.filter(info.id, { threads: ['7'], text: { pattern: 'needle', regex: false, caseSensitive: true } })).matches, 1);
    assert.equal((await svc.filter(info.id, { components: ['A'], text: { pattern: 'x end', regex: true, caseSensitive: true } })).matches, 0);
    await svc.close(info.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('histograms of filtered and merged views', async () => {
  const info = await svc.open([agent, workload]);
  await svc.whenIndexed(info.id);
  const all = await svc.histogram(info.id, 50);
  assert.equal(all.reduce((a, b) => a + b.records, 0), 159 + 2854);
  const errors = await svc.filter(info.id, { levels: ['error'] });
  const h = await svc.histogram(info.id, 10, errors.viewId);
  assert.equal(h.reduce((a, b) => a + b.records, 0), 32);
  assert.equal(h.reduce((a, b) => a + b.errors, 0), 32);
  const firsts = h.filter((b) => b.records > 0).map((b) => b.firstPosition);
  assert.equal(firsts[0], 0);
  assert.ok(firsts.every((p, i) => i === 0 || p > firsts[i - 1]));
  // Next/previous error (on a worker) agrees with the records themselves, in the merged view and in the filter.
  const merged = (await svc.window(info.id, 0, 159 + 2854)).records;
  const errorAt = merged.flatMap((r, p) => (r.level === 'error' || r.level === 'fatal' ? [p] : []));
  assert.equal(await svc.nextError(info.id, -1, 'next'), errorAt[0]);
  assert.equal(await svc.nextError(info.id, errorAt[3], 'next'), errorAt[4]);
  assert.equal(await svc.nextError(info.id, errorAt[3], 'previous'), errorAt[2]);
  assert.equal(await svc.nextError(info.id, errorAt.at(-1) ?? 0, 'next'), null);
  assert.equal(await svc.nextError(info.id, 5, 'next', errors.viewId), 6);
  assert.equal(await svc.nextError(info.id, 0, 'previous', errors.viewId), null);
  // Find in the merged view and in a filter result agrees with the records too.
  const spec = { text: { pattern: 'Found native', regex: false, caseSensitive: true } };
  const foundAt = merged.flatMap((r, p) => (r.message.includes('Found native') ? [p] : []));
  assert.equal(await svc.find(info.id, spec, -1, 'next'), foundAt[0]);
  assert.equal(await svc.find(info.id, spec, foundAt[2], 'next'), foundAt[3]);
  assert.equal(await svc.find(info.id, spec, foundAt[2], 'previous'), foundAt[1]);
  assert.equal(await svc.find(info.id, spec, foundAt.at(-1) ?? 0, 'next'), null);
  assert.equal(await svc.find(info.id, spec, 3, 'next', errors.viewId), 4);
  assert.equal(await svc.find(info.id, spec, 3, 'previous', errors.viewId), 2);
  await svc.close(info.id);
});

test('merge orders records of different files within the same second by their milliseconds', async () => {
  const info = await svc.open([join(imeReal, 'AppActionProcessor.log'), agent]);
  await svc.whenIndexed(info.id);
  const all = (await svc.window(info.id, 0, 10_000)).records;
  let switches = 0;
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1], b = all[i];
    if (a.file === b.file || a.timeMs === null || b.timeMs === null) continue;
    if (Math.floor(a.timeMs / 1000) !== Math.floor(b.timeMs / 1000)) continue;
    switches++;
    assert.ok(a.timeMs <= b.timeMs, `${a.time} (file ${a.file}) before ${b.time} (file ${b.file})`);
  }
  assert.ok(switches > 0, 'the two logs interleave within a second somewhere');
  await svc.close(info.id);
  // Synthetic: file 0 always at .900, file 1 at .100 of the same seconds, in Serilog text and CMTrace.
  const dir = mkdtempSync(join(tmpdir(), 'sdh-merge-'));
  try {
    const ser = (ms: string, tag: string): string => Array.from({ length: 5 }, (_, i) => `2026-11-20 08:00:0${i}.${ms} +01:00 [INF] ${tag}${i}\n`).join('');
    const cm = (ms: string, tag: string): string =>
      Array.from({ length: 5 }, (_, i) => `<![LOG[${tag}${i}]LOG]!><time="08:00:0${i}.${ms}0000" date="11-20-2026" component="c" context="" type="1" thread="1" file="">\r\n`).join('');
    for (const [make, ext] of [[ser, 'hub'], [cm, 'ime']] as const) {
      writeFileSync(join(dir, `a-${ext}.log`), make('900', 'a'));
      writeFileSync(join(dir, `b-${ext}.log`), make('100', 'b'));
      const m = await svc.open([join(dir, `a-${ext}.log`), join(dir, `b-${ext}.log`)]);
      await svc.whenIndexed(m.id);
      const order = (await svc.window(m.id, 0, 10)).records.map((r) => r.message);
      assert.deepEqual(order, ['b0', 'a0', 'b1', 'a1', 'b2', 'a2', 'b3', 'a3', 'b4', 'a4']);
      await svc.close(m.id);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('regex and literal filters agree with a record-by-record check (windows, big records, anchors)', async () => {
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(workload);
  const info = await svc.open([workload]);
  await svc.whenIndexed(info.id);
  const all = (await svc.window(info.id, 0, 10_000)).records;
  const raw = all.map((r) => bytes.subarray(r.offset, r.offset + r.length).toString('latin1'));
  const cases: { pattern: string; regex: boolean; caseSensitive: boolean }[] = [
    { pattern: 'Scripts":null', regex: false, caseSensitive: true },
    { pattern: '"InstallContext":\\d+,"InstallerData"', regex: true, caseSensitive: true },
    { pattern: '^<!\\[LOG\\[\\[Win32App\\]\\[V3Processor\\]', regex: true, caseSensitive: true },
    { pattern: 'detectionmanager', regex: false, caseSensitive: false },
  ];
  for (const q of cases) {
    const re = new RegExp(q.regex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), `m${q.caseSensitive ? '' : 'i'}`);
    const want = raw.filter((t) => re.test(t)).length;
    const got = await svc.filter(info.id, { text: q });
    assert.equal(got.matches, want, q.pattern);
    assert.ok(want > 0, q.pattern);
  }
  await svc.close(info.id);
});
