// CLI start-up: wall time from spawning `sdh --help` (the built dist/cli/sdh.mjs under plain node, as
// `npx sdh` runs it) to its first byte of output, median of 10; beside it the same for `node -e` printing
// one line (the floor any Node CLI pays), and for `npm run --silent sdh -- --help` (npm's own start-up added).
// Then, when the logs bench's 2.2 GB files are there (/tmp/sdh-logs-bench, `npm run bench -- logs` writes
// them), issue 13's two CLI targets on each: `sdh logs stats --json FILE` against `grep -c -F LITERAL FILE`
// (within 1.2×) and `sdh logs search --json --case --limit 100 LITERAL FILE` against `rg -c -F LITERAL FILE`
// (within 3×), the literals and commands of bench/logs-measure.ts: fresh processes, start-up included, no
// index saved anywhere, each command once a round in turn after the file is read into the page cache, best
// of SDH_BENCH_RUNS rounds (5); every exit status is checked, and the search's total must equal rg's count
// (these files hold one match a line). The load average is recorded with the figures.
// Needs `npm run build`. Writes bench-results/cli.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { round } from './logs-peers.ts';

const root = new URL('..', import.meta.url).pathname;
const sdh = join(root, 'dist/cli/sdh.mjs');
const runs = 10;

/** Milliseconds from spawn to the first stdout byte; rejects unless the process exits 0. */
function firstOutputMs(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first: number | undefined;
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.on('data', () => (first ??= performance.now() - t0));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && first !== undefined ? resolve(first) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code} (${first === undefined ? 'no output' : 'output seen'})`))));
  });
}

async function medianOf(cmd: string, args: string[]): Promise<{ medianMs: number; minMs: number; maxMs: number }> {
  await firstOutputMs(cmd, args); // warm the file cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await firstOutputMs(cmd, args));
  xs.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: r((xs[runs / 2 - 1] + xs[runs / 2]) / 2), minMs: r(xs[0]), maxMs: r(xs[runs - 1]) };
}

interface Run {
  cmd: string;
  args: string[];
  /** Exit codes that mean success (grep and rg exit 1 when nothing matches). */
  ok: number[];
}

/** Best wall seconds of each command over `rounds` rounds (one run of each a round), and its last stdout. */
function bestOf(runs: Run[], rounds: number): { seconds: number; out: string }[] {
  const best = runs.map(() => ({ seconds: Infinity, out: '' }));
  for (let k = 0; k < rounds; k++) {
    runs.forEach((r, i) => {
      const t0 = performance.now();
      const p = spawnSync(r.cmd, r.args, { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 600_000 });
      const s = (performance.now() - t0) / 1000;
      if (!r.ok.includes(p.status ?? -1)) throw new Error(`${r.cmd} ${r.args.join(' ')} exited ${p.status ?? p.signal}: ${(p.stderr ?? '').slice(0, 300)}`);
      best[i] = { seconds: Math.min(best[i].seconds, s), out: p.stdout ?? '' };
    });
  }
  return best.map((b) => ({ seconds: round(b.seconds), out: b.out }));
}

const lineCount = (out: string, what: string): number => {
  const n = Number(out.trim());
  if (!Number.isInteger(n)) throw new Error(`${what}: no count in ${JSON.stringify(out.slice(0, 200))}`);
  return n;
};

/** Issue 13's CLI targets on one of the logs bench's files. */
function targets(file: string, literal: string, rounds: number) {
  spawnSync('cat', [file], { stdio: 'ignore' }); // page cache warm for every tool
  const [grep, rg, stats, search] = bestOf(
    [
      { cmd: 'grep', args: ['-c', '-F', '--', literal, file], ok: [0, 1] },
      { cmd: 'rg', args: ['-c', '-F', '--', literal, file], ok: [0, 1] },
      { cmd: process.execPath, args: [sdh, 'logs', 'stats', '--json', file], ok: [0] },
      { cmd: process.execPath, args: [sdh, 'logs', 'search', '--json', '--case', '--limit', '100', literal, file], ok: [0, 1] },
    ],
    rounds,
  );
  const rgLines = lineCount(rg.out, 'rg -c -F');
  const grepLines = lineCount(grep.out, 'grep -c -F');
  const total = (JSON.parse(search.out) as { total: number }).total;
  if (rgLines !== grepLines || total !== rgLines) throw new Error(`${file}: sdh logs search finds ${total} records, rg ${rgLines} lines, grep ${grepLines}`);
  const records = (JSON.parse(stats.out) as { files: { records: number }[] }).files[0].records;
  return {
    file,
    literal,
    matches: total,
    records,
    grepF: grep.seconds,
    rgF: rg.seconds,
    statsSeconds: stats.seconds,
    statsVsGrepF: round(stats.seconds / grep.seconds),
    statsMeets: stats.seconds / grep.seconds <= 1.2,
    searchSeconds: search.seconds,
    searchVsRgF: round(search.seconds / rg.seconds),
    searchMeets: search.seconds / rg.seconds <= 3,
  };
}

async function main(): Promise<void> {
  if (!existsSync(sdh)) throw new Error('dist/cli/sdh.mjs is missing: run `npm run build` first');
  const help = await medianOf(process.execPath, [sdh, '--help']);
  const nodeFloor = await medianOf(process.execPath, ['-e', 'console.log("x")']);
  const viaNpm = await medianOf('npm', ['run', '--silent', 'sdh', '--', '--help']);
  const dir = '/tmp/sdh-logs-bench';
  const rounds = Number(process.env.SDH_BENCH_RUNS ?? 5);
  const big = [
    { name: 'cmtrace', file: join(dir, 'cmtrace-2.2GB.log'), literal: 'remediation script' },
    { name: 'serilog', file: join(dir, 'serilog-2.2GB.log'), literal: 'reassigned to user42@' },
  ].filter((f) => existsSync(f.file));
  const loadBefore = loadavg().map((x) => round(x, 2));
  const logs = Object.fromEntries(big.map((f) => [f.name, targets(f.file, f.literal, rounds)]));
  const result = {
    runs,
    sdhHelp: help,
    nodeFloor,
    npmRunSdhHelp: viaNpm,
    targetMs: 150,
    meetsTarget: help.medianMs <= 150,
    logsTargets: big.length
      ? { rounds, statsVsGrepF: 1.2, searchVsRgF: 3, loadAverageBefore: loadBefore, loadAverageAfter: loadavg().map((x) => round(x, 2)), ...logs }
      : { skipped: `no bench files in ${dir} (npm run bench -- logs writes them)` },
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'cli.json'), JSON.stringify(result, null, 2));
  console.error(JSON.stringify(result));
}

await main();
