// Issue 18 point 6: on the 2.2 GB CMTrace file that bench/logs.bench.ts builds from the real IME logs
// (run it first, or set SDH_BENCH_TIMELINE_FILE), through the app's real router as the renderer calls it:
// the index time, then the IME timeline and the user-session band, each against the index time (target
// < 2×), and a bookmark toggle (target < 100 ms). The big file is opened under IME file names (hard links, since symlinks are refused:
// AppWorkload-… reads it as Win32 app runs, AgentExecutor-… as script runs), one session each. Workers
// come from a CommonJS bundle, as packaged. `SDH_BENCH_RUNS` sets the runs per step (default 3, best counts).
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, linkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createAppServices } from '../electron/services/app-services.ts';
import { silentLogger } from '../electron/services/log/logger.ts';

const root = new URL('..', import.meta.url).pathname;
const big = process.env.SDH_BENCH_TIMELINE_FILE ?? join(tmpdir(), 'sdh-logs-bench', 'cmtrace-2.2GB.log');
const runs = Number(process.env.SDH_BENCH_RUNS ?? 3);
/** The IME file names the big file is opened under (`SDH_BENCH_TIMELINE_NAMES`, comma-separated, to time one). */
const names = (process.env.SDH_BENCH_TIMELINE_NAMES ?? 'AppWorkload-20260401-160729.log,AgentExecutor-20260321-225458.log').split(',');
const frame = { frameUrl: 'app://helpdesk/index.html', isMainFrame: true };
const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  if (!existsSync(big)) throw new Error(`${big} is missing: run npm run bench -- logs first (it builds the file)`);
  const work = mkdtempSync(join(tmpdir(), 'sdh-timeline-bench-'));
  const workerFile = join(work, 'logs-worker.cjs');
  await build({ bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', entryPoints: [join(root, 'electron/services/logs/worker.ts')], format: 'cjs', outfile: workerFile });
  const services = await createAppServices({
    host: 'test',
    version: '0.0.0',
    platform: process.platform,
    dataDir: join(work, 'data'),
    trustedOrigins: ['app://helpdesk'],
    logger: silentLogger,
    tenantPolicy: 'demo-only',
    openExternal: async () => {},
    logsWorkerUrl: pathToFileURL(workerFile),
  });
  const call = async <T>(channel: string, arg: unknown): Promise<T> => {
    const r = await services.router.invoke(channel, arg, frame);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  const timed = async <T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> => {
    const t0 = performance.now();
    const value = await fn();
    return { seconds: (performance.now() - t0) / 1000, value };
  };
  const best = async <T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> => {
    let out = await timed(fn);
    for (let i = 1; i < runs; i++) {
      const r = await timed(fn);
      if (r.seconds < out.seconds) out = r;
    }
    return out;
  };
  const perName: Record<string, unknown> = {};
  try {
    // Untimed warm-up, as the logs bench warms the page cache: one whole index of the file, then closed.
    const warm = join(work, 'warm-up.log');
    linkSync(big, warm);
    const w = await call<{ id: string }>('logsOpenPaths', { paths: [warm] });
    await call('logsStats', { session: w.id });
    await call('logsClose', { session: w.id });
    for (const name of names) {
      const path = join(work, name);
      linkSync(big, path);
      let previous: string | null = null;
      const indexed = await best(async () => {
        if (previous) await call('logsClose', { session: previous });
        const info = await call<{ id: string }>('logsOpenPaths', { paths: [path] });
        previous = info.id;
        await call('logsStats', { session: info.id }); // waits for the whole index
        return info.id;
      });
      const session = previous ?? indexed.value;
      const total = await call<number>('logsCount', { session });
      const timeline = await best(() => call<{ rows: unknown[] }>('logsImeTimeline', { session }));
      const users = await best(() => call<unknown[]>('logsUserSessions', { session }));
      // Bookmarks on the file's last records (the slowest to reach), each toggled on and off again.
      const toggles: number[] = [];
      for (let k = 0; k < 10; k++) {
        for (let twice = 0; twice < 2; twice++) toggles.push((await timed(() => call('logsBookmarkToggle', { session, file: 0, index: total - 1 - k }))).seconds * 1000);
      }
      const list = await best(() => call<unknown[]>('logsBookmarks', { session }));
      toggles.sort((a, b) => a - b);
      perName[name] = {
        records: total,
        indexSeconds: round(indexed.seconds),
        timelineSeconds: round(timeline.seconds),
        timelineRows: timeline.value.rows.length,
        timelineVsIndex: round(timeline.seconds / indexed.seconds, 2),
        userSessionsSeconds: round(users.seconds),
        userSessions: users.value.length,
        userSessionsVsIndex: round(users.seconds / indexed.seconds, 2),
        bookmarkToggleMs: { median: round(toggles[toggles.length >> 1], 1), worst: round(toggles[toggles.length - 1], 1), calls: toggles.length },
        bookmarkListMs: round(list.seconds * 1000, 1),
      };
      console.error(name, JSON.stringify(perName[name]));
      await call('logsClose', { session });
    }
  } finally {
    await services.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  const result = {
    bench: 'logs-timeline',
    node: process.version,
    file: { path: big, bytes: statSync(big).size },
    method: `through the app router as the renderer calls it, after one untimed index of the file (page cache, workers, JIT warm); best of ${runs} runs per step; index = open until logsStats answers (every record indexed); workers from a CommonJS bundle; bookmark toggles on the file's last 10 records, each on and off`,
    loadAverageAfter: loadavg().map((l) => round(l, 2)),
    targets: { timelineVsIndex: 2, userSessionsVsIndex: 2, bookmarkToggleMs: 100 },
    ...perName,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'logs-timeline.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
