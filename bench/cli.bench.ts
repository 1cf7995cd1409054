// CLI start-up: wall time from spawning `sdh --help` (the built dist/cli/sdh.mjs under plain node, as
// `npx sdh` runs it) to its first byte of output, median of 10; beside it the same for `node -e` printing
// one line (the floor any Node CLI pays), and for `npm run --silent sdh -- --help` (npm's own start-up added).
// Needs `npm run build`. Writes bench-results/cli.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

async function main(): Promise<void> {
  if (!existsSync(sdh)) throw new Error('dist/cli/sdh.mjs is missing: run `npm run build` first');
  const help = await medianOf(process.execPath, [sdh, '--help']);
  const nodeFloor = await medianOf(process.execPath, ['-e', 'console.log("x")']);
  const viaNpm = await medianOf('npm', ['run', '--silent', 'sdh', '--', '--help']);
  const result = { runs, sdhHelp: help, nodeFloor, npmRunSdhHelp: viaNpm, targetMs: 150, meetsTarget: help.medianMs <= 150 };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'cli.json'), JSON.stringify(result, null, 2));
  console.error(JSON.stringify(result));
}

await main();
