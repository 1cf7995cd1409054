// Log engine benchmark: on a ≥ 2 GB CMTrace file (built from ../shared/fixtures/ime-real) and a ≥ 2 GB
// Serilog file, both under the temp folder: time to first screen, full index time and GB/s, index bytes per
// record, RSS while indexing, literal and regex search; and on the same files in the same run `wc -l`,
// `grep -c -F`, `grep -c -E` and lnav (headless) with ratios. `SDH_BENCH_GB` sets the size (default 2.05).
// Run it as `npm run bench -- logs`, which passes --expose-gc.
// Indexing, searches and the external tools report the best of three runs (page cache warmed before each
// step); lnav runs once.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LogsService } from '../electron/services/logs/service.ts';
import type { LogProgress } from '../electron/common/logs.ts';

const root = new URL('..', import.meta.url).pathname;
const imeReal = resolve(root, '../shared/fixtures/ime-real');
const targetBytes = Math.round(Number(process.env.SDH_BENCH_GB ?? 2.05) * 1024 ** 3);
const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;

async function writeRepeated(path: string, block: () => Buffer): Promise<number> {
  if (existsSync(path) && statSync(path).size >= targetBytes) return statSync(path).size;
  const out = createWriteStream(path);
  let size = 0;
  while (size < targetBytes) {
    const b = block();
    size += b.length;
    if (!out.write(b)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return size;
}

function cmtraceBlock(): Buffer {
  // The four real logs without their BOMs, so the big file is one clean UTF-8 CMTrace stream.
  const parts = readdirSync(imeReal).sort().map((f) => readFileSync(join(imeReal, f)));
  return Buffer.concat(parts.map((p) => (p[0] === 0xef ? p.subarray(3) : p)));
}

function serilogBlock(): () => Buffer {
  const levels = ['INF', 'INF', 'INF', 'DBG', 'WRN', 'ERR'];
  const msgs = [
    'User logon detected: CONTOSO\\user{n} (session 2). Starting device reassignment check.',
    'Calling user switch endpoint /deviceservices/multiuser/switchuser (attempt 1 of 3)',
    'Device reassigned to user{n}@contoso.com (UEM user id {n}) in 00:00:02.341',
    'Sampling {n} apps for compliance; Found {n} apps with intent to install',
    'Heartbeat ok, queue depth {n}',
  ];
  let n = 0;
  let t = Date.parse('2026-11-01T00:00:00Z');
  return () => {
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++, n++) {
      t += 37;
      const stamp = new Date(t).toISOString().replace('T', ' ').slice(0, 23);
      const lvl = levels[n % levels.length];
      lines.push(`${stamp} +01:00 [${lvl}] ${msgs[n % msgs.length].replaceAll('{n}', String(n % 9973))}`);
      if (lvl === 'ERR') lines.push('System.Net.Http.HttpRequestException: Response status code does not indicate success: 500', '   at Hub.Reassign.Switch()');
    }
    return Buffer.from(`${lines.join('\n')}\n`);
  };
}

/** Best of `runs` (the machine is shared: the best run is the least disturbed one, for us and for them). */
function timed(cmd: string, args: string[], runs = 3): { seconds: number; out: string } {
  let best = Infinity, out = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    best = Math.min(best, (performance.now() - t0) / 1000);
    out = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  }
  return { seconds: round(best), out };
}

async function bestOf<T>(runs: number, fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  let best = Infinity, value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { seconds: best, value: value as T };
}

/**
 * Reads the file once so every tool starts from a warm page cache. This machine pages out cache untouched
 * for about a minute (DAMON), so it runs right before each measured step, ours and the peers' alike.
 */
function warmCache(path: string): void {
  spawnSync('cat', [path], { stdio: 'ignore' });
}

async function measure(path: string, literal: string, regex: string, workerUrl: URL) {
  const bytes = statSync(path).size;
  warmCache(path);
  const wc = timed('wc', ['-l', path]);
  warmCache(path);
  const grepF = timed('grep', ['-c', '-F', literal, path]);
  warmCache(path);
  const grepE = timed('grep', ['-c', '-E', regex, path]);
  warmCache(path);
  const lnav = timed('lnav', ['-n', '-c', ';SELECT count(*) FROM all_logs', path], 1);

  // As in the app: the service starts its worker threads at start-up, before any file is opened.
  const svc = new LogsService({ tempDir: tmpdir(), workerUrl });
  svc.warmUp();
  await new Promise((r) => setTimeout(r, 500));
  const open = async (onProgress?: (p: LogProgress) => void) => {
    warmCache(path);
    const t0 = performance.now();
    const info = await svc.open([path], { onProgress });
    const first = await svc.window(info.id, 0, 60);
    const firstScreen = (performance.now() - t0) / 1000;
    await svc.whenIndexed(info.id);
    return { info, firstRecords: first.records.length, firstScreen, index: (performance.now() - t0) / 1000 };
  };
  // Run 1 measures memory too: RSS while indexing, then through the searches and the histogram on it.
  // What the previous file's runs left behind is collected first (`npm run bench` passes --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  let rssPeak = 0;
  const rssAt: Record<string, number> = {};
  const sample = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
  const run1 = await open((p) => {
    const q = Math.floor((p.bytesDone / p.bytesTotal) * 4);
    if (p.phase === 'index' && q > 0 && !(`${q * 25}%` in rssAt)) rssAt[`${q * 25}%`] = Math.round(process.memoryUsage().rss / 1e6);
  });
  const { info } = run1;
  const rssIndexPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const records = svc.count(info.id);
  const indexBytes = svc.indexBytes(info.id);
  const { seconds: literalSeconds, value: lit } = await bestOf(3, () => svc.filter(info.id, { text: { pattern: literal, regex: false, caseSensitive: true } }));
  const { seconds: regexSeconds, value: re } = await bestOf(3, () => svc.filter(info.id, { text: { pattern: regex, regex: true, caseSensitive: true } }));
  const t3 = performance.now();
  await svc.histogram(info.id, 200);
  const histogramSeconds = (performance.now() - t3) / 1000;
  clearInterval(sample);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  await svc.close(info.id);
  // Runs 2 and 3 time indexing only, like the peers' best of three (run 1 also compiled the threads' code).
  const again = async () => {
    const r = await open();
    await svc.close(r.info.id);
    return r;
  };
  const runs = [run1, await again(), await again()];
  const indexSeconds = Math.min(...runs.map((r) => r.index));
  const firstScreen = Math.min(...runs.map((r) => r.firstScreen));
  await svc.dispose();
  return {
    file: path,
    gigabytes: round(bytes / 1024 ** 3),
    format: info.files[0].format,
    records,
    firstScreenSeconds: round(firstScreen),
    firstScreenRecords: run1.firstRecords,
    indexSeconds: round(indexSeconds),
    indexRunsSeconds: runs.map((r) => round(r.index)),
    indexGBps: round(bytes / 1e9 / indexSeconds),
    indexBytesPerRecord: round(indexBytes / records),
    histogramSeconds: round(histogramSeconds),
    rssIndexPeakMB: Math.round(rssIndexPeak / 1e6),
    rssPeakMB: Math.round(rssPeak / 1e6),
    rssDuringIndexMB: rssAt,
    literal: { pattern: literal, matches: lit.matches, seconds: round(literalSeconds), grepLines: Number(grepF.out), grepSeconds: grepF.seconds, speedVsGrep: round(grepF.seconds / literalSeconds) },
    regex: { pattern: regex, matches: re.matches, seconds: round(regexSeconds), grepLines: Number(grepE.out), grepSeconds: grepE.seconds, speedVsGrep: round(grepE.seconds / regexSeconds) },
    wcL: { lines: Number(wc.out.split(' ')[0]), seconds: wc.seconds, indexTimeRatio: round(indexSeconds / wc.seconds) },
    lnav: { seconds: lnav.seconds, result: lnav.out, indexSpeedup: round(lnav.seconds / indexSeconds) },
  };
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'sdh-logs-bench');
  mkdirSync(dir, { recursive: true });
  const block = cmtraceBlock();
  const cm = join(dir, `cmtrace-${targetBytes}.log`);
  const se = join(dir, `serilog-${targetBytes}.log`);
  await writeRepeated(cm, () => block);
  await writeRepeated(se, serilogBlock());
  // Workers run from a CommonJS bundle built as scripts/build.mjs builds the packaged app's (under tsx each
  // worker would also carry a compiler).
  const workerFile = join(dir, 'logs-worker.cjs');
  await build({ entryPoints: [join(root, 'electron/services/logs/worker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: workerFile, logLevel: 'warning' });
  const workerUrl = pathToFileURL(workerFile);
  const result = {
    bench: 'logs',
    node: process.version,
    worker: 'CommonJS esbuild bundle of electron/services/logs/worker.ts (as packaged), threads started before timing as the app does at start-up; main under tsx',
    method: 'page cache warmed before every step; wc, grep, our searches and indexing: best of 3; lnav: 1 run; RSS over the first open, its searches and histogram',
    cpus: (await import('node:os')).cpus().length,
    targets: { firstScreenSeconds: 0.3, indexGBps: 2, indexTimeRatioVsWcL: 3.5, indexBytesPerRecord: 4, literalSpeedVsGrep: 0.75, regexSpeedVsGrep: 0.5, rssMB: 300 },
    cmtrace: await measure(cm, 'remediation script', 'for [0-9]+ apps?', workerUrl),
    serilog: await measure(se, 'reassigned to user42@', 'attempt [0-9] of 3\\)', workerUrl),
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'logs.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
