// One file's measurements for bench/logs.bench.ts, which bundles this file and runs it under plain node (as
// the packaged app runs its main process) and passes {file, literal, regex, workerFile, cli, runs} as JSON.
// Sizes and speeds are in GB = 10^9 bytes. Ours is measured with one and with two worker threads; every
// peer's exit status is checked and every count compared (a difference fails the run unless it is the
// record-vs-line difference, shown per file with ripgrep's match offsets). Our steps also give the CPU seconds
// of the main thread and of the other threads (workers) in their best run, and each file the load average
// before and after: wall seconds above CPU seconds on a loaded machine are time spent waiting for a core.
// Each of our runs (one worker, two) is in a process of its own, so each RSS peak is that run's alone.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { LogsService } from '../electron/services/logs/service.ts';
import type { LogProgress } from '../electron/common/logs.ts';
import { count, cpuSince, explainLines, lnav, round, threadSeconds, timed } from './logs-peers.ts';

type Cpu = ReturnType<typeof cpuSince>;

/**
 * Best of `runs` wall-clock seconds, with the CPU seconds of that run (cpuSince) and every run's seconds
 * (the first runs the workers' code cold: V8 still compiles it, on helper threads).
 */
async function bestOf<T>(runs: number, fn: () => Promise<T>): Promise<{ seconds: number; value: T; cpu: Cpu; all: number[] }> {
  let best = Infinity, value: T | undefined, cpu: Cpu = { main: 0, others: 0, busiest: 0 };
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = threadSeconds();
    const t0 = performance.now();
    value = await fn();
    const s = (performance.now() - t0) / 1000;
    all.push(round(s));
    if (s < best) [best, cpu] = [s, cpuSince(before)];
  }
  return { seconds: round(best), value: value as T, cpu, all };
}

/** The load average (1, 5, 15 minutes) as `uptime` shows it. */
const load = (): number[] => loadavg().map((x) => round(x, 2));

/**
 * Reads the file once so every tool starts from a warm page cache. This machine pages out cache untouched
 * for about a minute (DAMON), so it runs right before each measured step, ours and the peers' alike.
 */
function warm(path: string): void {
  spawnSync('cat', [path], { stdio: 'ignore' });
}

interface Args {
  file: string;
  literal: string;
  regex: string;
  workerFile: string;
  cli: string;
  runs: number;
}

/**
 * Our engine with `workers` threads: first screen, index, literal and regex filter, histogram, RSS. The
 * matching records' offsets are read only when a count differs from ripgrep's line count (`rgLines`).
 */
async function ours(a: Args, workers: number, rgLines: { literal: number; regex: number }) {
  const svc = new LogsService({ tempDir: tmpdir(), workerUrl: pathToFileURL(a.workerFile), workers });
  svc.warmUp(); // as in the app: worker threads start at start-up, before any file is opened
  await new Promise((r) => setTimeout(r, 500));
  const open = async (onProgress?: (p: LogProgress) => void) => {
    warm(a.file);
    const before = threadSeconds();
    const t0 = performance.now();
    const info = await svc.open([a.file], { onProgress });
    const first = await svc.window(info.id, 0, 60);
    const firstScreen = (performance.now() - t0) / 1000;
    await svc.whenIndexed(info.id);
    return { info, firstRecords: first.records.length, firstScreen, index: (performance.now() - t0) / 1000, cpu: cpuSince(before) };
  };
  let rssPeak = 0;
  const rssAt: Record<string, number> = {};
  const sample = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
  const run1 = await open((p) => {
    const q = Math.floor((p.bytesDone / p.bytesTotal) * 4);
    if (p.phase === 'index' && q > 0 && !(`${q * 25}%` in rssAt)) rssAt[`${q * 25}%`] = Math.round(process.memoryUsage().rss / 1e6);
  });
  const rssIndexPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const id = run1.info.id;
  const records = svc.count(id);
  const indexBytes = svc.indexBytes(id);
  warm(a.file);
  const lit = await bestOf(a.runs, () => svc.filter(id, { text: { pattern: a.literal, regex: false, caseSensitive: true } }));
  warm(a.file);
  const re = await bestOf(a.runs, () => svc.filter(id, { text: { pattern: a.regex, regex: true, caseSensitive: true } }));
  const hist = await bestOf(1, () => svc.histogram(id, 200));
  clearInterval(sample);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  // Matching records (offset, length), to explain a difference with ripgrep's line counts.
  const matched = async (viewId: string, n: number) => {
    const out: { offset: number; length: number }[] = [];
    for (let first = 0; first < n; first += 10000) for (const r of (await svc.window(id, first, 10000, viewId)).records) out.push({ offset: r.offset, length: r.length });
    return out;
  };
  const litRecords = lit.value.matches === rgLines.literal ? [] : await matched(lit.value.viewId, lit.value.matches);
  const reRecords = re.value.matches === rgLines.regex ? [] : await matched(re.value.viewId, re.value.matches);
  await svc.close(id);
  const runs = [run1];
  for (let i = 1; i < a.runs; i++) {
    const r = await open();
    await svc.close(r.info.id);
    runs.push(r);
  }
  await svc.dispose();
  const fastest = runs.reduce((a, r) => (r.index < a.index ? r : a));
  const indexSeconds = fastest.index;
  return {
    workers,
    format: run1.info.files[0].format,
    records,
    firstScreenSeconds: round(Math.min(...runs.map((r) => r.firstScreen))),
    firstScreenRecords: run1.firstRecords,
    indexSeconds: round(indexSeconds),
    indexRunsSeconds: runs.map((r) => round(r.index)),
    indexCpu: fastest.cpu,
    indexBytesPerRecord: round(indexBytes / records),
    histogramSeconds: hist.seconds,
    rssIndexPeakMB: Math.round(rssIndexPeak / 1e6),
    rssPeakMB: Math.round(rssPeak / 1e6),
    rssDuringIndexMB: rssAt,
    literal: { matches: lit.value.matches, seconds: lit.seconds, runs: lit.all, cpu: lit.cpu, records: litRecords },
    regex: { matches: re.value.matches, seconds: re.seconds, runs: re.all, cpu: re.cpu, records: reRecords },
  };
}

/**
 * `ours` in a fresh process of this script: the RSS of one run is then not measured on top of what an
 * earlier run in the same process left (freed index buffers that the allocator keeps, heap not yet
 * collected: measured so, the one-worker run after the two-worker one read ~50 MB high).
 */
function oursApart(a: Args, workers: number, rgLines: { literal: number; regex: number }): Awaited<ReturnType<typeof ours>> {
  const r = spawnSync(process.execPath, [process.argv[1], JSON.stringify({ ...a, ours: { workers, rgLines } })], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`measuring ours with ${workers} workers failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(r.stdout) as Awaited<ReturnType<typeof ours>>;
}

/** Our count against ripgrep's line count: equal, or every rg match inside exactly our records. */
function agree(what: string, path: string, fixed: boolean, pattern: string, ourCount: number, records: { offset: number; length: number }[], rgLines: number, grepLines: number) {
  if (rgLines !== grepLines) throw new Error(`${what}: rg counts ${rgLines} lines, grep ${grepLines}`);
  if (ourCount === rgLines) return { equal: true };
  const why = explainLines(path, fixed, pattern, records);
  if (!why.explained) throw new Error(`${what}: we count ${ourCount} records, rg ${rgLines} lines, not explained: ${JSON.stringify(why)}`);
  return { equal: false, recordsVsLines: `${rgLines - ourCount} matching lines share a record with another matching line (multi-line records)`, ...why };
}

async function measure(a: Args) {
  const path = a.file;
  const bytes = statSync(path).size;
  const gb = bytes / 1e9;
  const loadAtStart = load();
  const peer = <T>(fn: () => T): T => (warm(path), fn());
  const wc = peer(() => count('wc', ['-l', path], a.runs));
  const grepF = peer(() => count('grep', ['-c', '-F', '--', a.literal, path], a.runs));
  const grepE = peer(() => count('grep', ['-c', '-E', '--', a.regex, path], a.runs));
  const rgF = peer(() => count('rg', ['-c', '-F', '--', a.literal, path], a.runs));
  const rgE = peer(() => count('rg', ['-c', '--', a.regex, path], a.runs));
  const lnavRun = peer(() => lnav(path));
  const rgLines = { literal: rgF.count, regex: rgE.count };
  const two = oursApart(a, 2, rgLines);
  const one = oursApart(a, 1, rgLines);
  // Our CLI in a fresh process, start-up included; `logs search` without any saved index.
  const stats = peer(() => timed(process.execPath, [a.cli, 'logs', 'stats', '--json', path], a.runs));
  const statsRecords = (JSON.parse(stats.out) as { files: { records: number }[] }).files[0].records;
  if (statsRecords !== two.records) throw new Error(`sdh logs stats counts ${statsRecords} records, the service ${two.records}`);
  const search = peer(() => timed(process.execPath, [a.cli, 'logs', 'search', '--json', '--case', '--limit', '100', a.literal, path], a.runs, [0, 1]));
  const searchTotal = (JSON.parse(search.out) as { total: number }).total;
  if (searchTotal !== two.literal.matches) throw new Error(`sdh logs search finds ${searchTotal} records, the filter ${two.literal.matches}`);
  for (const o of [one, two]) if (o.literal.matches !== two.literal.matches || o.regex.matches !== two.regex.matches || o.records !== two.records) throw new Error('one and two workers disagree');
  const lit = agree('literal', path, true, a.literal, two.literal.matches, two.literal.records, rgF.count, grepF.count);
  const re = agree('regex', path, false, a.regex, two.regex.matches, two.regex.records, rgE.count, grepE.count);
  const side = (o: typeof two) => ({
    workers: o.workers,
    firstScreenSeconds: o.firstScreenSeconds,
    indexSeconds: o.indexSeconds,
    indexRunsSeconds: o.indexRunsSeconds,
    indexCpuSeconds: o.indexCpu,
    indexGBps: round(gb / o.indexSeconds),
    indexTimeVsWcL: round(o.indexSeconds / wc.seconds),
    literalSeconds: o.literal.seconds,
    literalRunsSeconds: o.literal.runs,
    literalGBps: round(gb / o.literal.seconds),
    literalSpeedVsRg: round(rgF.seconds / o.literal.seconds),
    literalSpeedVsGrep: round(grepF.seconds / o.literal.seconds),
    literalCpuSeconds: o.literal.cpu,
    regexSeconds: o.regex.seconds,
    regexRunsSeconds: o.regex.runs,
    regexGBps: round(gb / o.regex.seconds),
    regexSpeedVsRg: round(rgE.seconds / o.regex.seconds),
    regexSpeedVsGrep: round(grepE.seconds / o.regex.seconds),
    regexCpuSeconds: o.regex.cpu,
    histogramSeconds: o.histogramSeconds,
    rssIndexPeakMB: o.rssIndexPeakMB,
    rssPeakMB: o.rssPeakMB,
    rssDuringIndexMB: o.rssDuringIndexMB,
  });
  return {
    file: path,
    sizeGB: round(gb),
    format: two.format,
    records: two.records,
    indexBytesPerRecord: two.indexBytesPerRecord,
    firstScreenRecords: two.firstScreenRecords,
    loadAverage: { start: loadAtStart, end: load() },
    literal: { pattern: a.literal, records: two.literal.matches, rgLines: rgF.count, grepLines: grepF.count, ...lit },
    regex: { pattern: a.regex, records: two.regex.matches, rgLines: rgE.count, grepLines: grepE.count, ...re },
    peers: {
      wcL: { seconds: wc.seconds, lines: wc.count, GBps: round(gb / wc.seconds) },
      grepF: { seconds: grepF.seconds, GBps: round(gb / grepF.seconds) },
      grepE: { seconds: grepE.seconds, GBps: round(gb / grepE.seconds) },
      rgF: { seconds: rgF.seconds, GBps: round(gb / rgF.seconds) },
      rgE: { seconds: rgE.seconds, GBps: round(gb / rgE.seconds) },
      lnav: 'seconds' in lnavRun ? { ...lnavRun, indexSpeedupVsLnav: round(lnavRun.seconds / two.indexSeconds) } : lnavRun,
    },
    twoWorkers: side(two),
    oneWorker: side(one),
    cli: {
      statsSeconds: stats.seconds,
      statsVsGrepF: round(stats.seconds / grepF.seconds),
      searchSeconds: search.seconds,
      searchVsRgF: round(search.seconds / rgF.seconds),
    },
  };
}

const args = JSON.parse(process.argv[2]) as Args & { ours?: { workers: number; rgLines: { literal: number; regex: number } } };
process.stdout.write(`${JSON.stringify(args.ours ? await ours(args, args.ours.workers, args.ours.rgLines) : await measure(args))}\n`);
