// Log engine benchmark: on a 2.2 GB CMTrace file (built from test/fixtures/ime-real) and a 2.2 GB
// Serilog file, both under the temp folder (GB = 10^9 bytes everywhere): time to first screen, full index
// time and GB/s, index bytes per record, RSS while indexing, literal and regex filter, with one and with two
// worker threads; `sdh logs stats` and `sdh logs search` (fresh process, no index) wall time; and on the
// same files in the same run `wc -l`, `grep -c -F`, `grep -c -E`, `rg -c -F`, `rg -c` and lnav (headless),
// with ratios, every exit status checked and every count compared (logs-measure.ts). `SDH_BENCH_GB` sets
// the size (default 2.2), `SDH_BENCH_FILES` which files (cmtrace,serilog), `SDH_BENCH_RUNS` the runs per
// step (default 3, the best counts; lnav runs once after a first read). Run `node scripts/build.mjs`
// first (the CLI is timed from dist/).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const imeReal = resolve(root, 'test/fixtures/ime-real');
const gbLabel = process.env.SDH_BENCH_GB ?? '2.2';
const targetBytes = Math.round(Number(gbLabel) * 1e9);
const which = (process.env.SDH_BENCH_FILES ?? 'cmtrace,serilog').split(',');
const runs = Number(process.env.SDH_BENCH_RUNS ?? 3);

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

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'sdh-logs-bench');
  mkdirSync(dir, { recursive: true });
  const block = cmtraceBlock();
  const cm = join(dir, `cmtrace-${gbLabel}GB.log`);
  const se = join(dir, `serilog-${gbLabel}GB.log`);
  if (which.includes('cmtrace')) await writeRepeated(cm, () => block);
  if (which.includes('serilog')) await writeRepeated(se, serilogBlock());
  const cli = join(root, 'dist/cli/sdh.mjs');
  if (!existsSync(cli)) throw new Error('dist/cli/sdh.mjs is missing: run node scripts/build.mjs first');
  // Built as scripts/build.mjs builds the packaged app: the worker as a CommonJS bundle, and the measuring
  // side (the logs service, as in main.mjs) as an ES module bundle run by plain node, one process per file,
  // so that no TypeScript loader sits in the memory measured.
  // In a folder of this run's own: another worktree's bench may be bundling into the shared data folder.
  const buildDir = mkdtempSync(join(dir, 'build-'));
  const workerFile = join(buildDir, 'logs-worker.cjs');
  const measureFile = join(buildDir, 'logs-measure.mjs');
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [join(root, 'electron/services/logs/worker.ts')], format: 'cjs', outfile: workerFile });
  // As in scripts/build.mjs: bundled ESM still meets CommonJS dependencies that call require().
  const banner = { js: "import { createRequire as __sdhCreateRequire } from 'node:module'; const require = __sdhCreateRequire(import.meta.url);" };
  await build({ ...common, entryPoints: [join(root, 'bench/logs-measure.ts')], format: 'esm', outfile: measureFile, banner });
  const measure = (file: string, literal: string, regex: string): unknown => {
    const r = spawnSync(process.execPath, [measureFile, JSON.stringify({ file, literal, regex, workerFile, cli, runs })], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
    if (r.status !== 0) throw new Error(`measuring ${file} failed (exit ${r.status ?? r.signal})`);
    return JSON.parse(r.stdout) as unknown;
  };
  const result = {
    bench: 'logs',
    node: process.version,
    units: 'GB = 10^9 bytes, GB/s = 10^9 bytes per second, MB = 10^6 bytes; times in seconds (wall clock)',
    build: 'as packaged: worker threads from a CommonJS bundle, started before timing as the app does at start-up; the logs service from an ES module bundle under plain node, a fresh process per file; the CLI from dist/cli/sdh.mjs',
    method: `page cache warmed before every step; best of ${runs} runs for every tool and step (lnav: its second run); RSS over the first open, its searches and histogram, in a fresh process for each worker count; speed ratios are peer seconds / our seconds (above 1: we are faster), time ratios our seconds / peer seconds`,
    cpus: (await import('node:os')).cpus().length,
    targets: { literalSpeedVsRg: 0.75, regexSpeedVsRg: 0.6, indexTimeVsWcL: 2.2, rssMB: 250, statsVsGrepF: 1.2, searchVsRgF: 3 },
    ...(which.includes('cmtrace') ? { cmtrace: measure(cm, 'remediation script', 'for [0-9]+ apps?') } : {}),
    ...(which.includes('serilog') ? { serilog: measure(se, 'reassigned to user42@', 'attempt [0-9] of 3\\)') } : {}),
  };
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'logs.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(root, 'bench-results', `logs-${gbLabel}GB.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
