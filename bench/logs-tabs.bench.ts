// Tabs and the search pane on 2 GB files (issue 18, point 6): what the renderer asks main for when the
// technician switches tabs or toggles the search pane, timed as IPC round trips through the real router
// (as the e2e bridge calls it), each step < 100 ms. Two tabs: the 2.2 GB CMTrace and Serilog files the
// logs bench writes under the temp folder (run `SDH_BENCH_FILES=cmtrace,serilog npm run bench -- logs`
// first), both indexed, each with a filter's results in the search pane.
// - switch: the shown tab's count, then a page of 200 rows of all records and of the results where the
//   tab had scrolled (tabs/tab-actions.ts: nothing else is asked);
// - pane off: a page of the results in place of all records; pane on: the count, a page of all records
//   and of the results, and where the selected result sits among all records (pane-actions.ts);
// - following: the nearest result to a record (logsNearestHit) and a result's place (logsLocate).
// React's own rendering is not in these figures. `SDH_BENCH_STEPS` sets the steps per kind (default 40).
import { existsSync, mkdtempSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices } from '../electron/services/app-services.ts';
import { createLogger, memorySink } from '../electron/services/log/logger.ts';
import { SessionSecretStore } from '../electron/services/secrets/secret-store.ts';

const root = new URL('..', import.meta.url).pathname;
const dir = join(tmpdir(), 'sdh-logs-bench');
const files = [
  { path: join(dir, 'cmtrace-2.2GB.log'), text: 'remediation script' },
  { path: join(dir, 'serilog-2.2GB.log'), text: 'reassigned to user42@' },
];
const steps = Number(process.env.SDH_BENCH_STEPS ?? 40);
const PAGE = 200;
const origin = 'http://127.0.0.1:9';
const sender = { frameUrl: `${origin}/index.html`, isMainFrame: true };

interface Tab {
  id: string;
  label: string;
  hits: string;
  total: number;
  hitsTotal: number;
}

async function main(): Promise<void> {
  for (const f of files) if (!existsSync(f.path)) throw new Error(`${f.path} is missing: run the logs bench first (it writes the 2.2 GB files)`);
  const services = await createAppServices({
    host: 'test',
    version: '0.0.0-bench',
    platform: 'linux',
    dataDir: mkdtempSync(join(tmpdir(), 'sdh-tabs-bench-')),
    trustedOrigins: [origin],
    logger: createLogger(memorySink()),
    tenantPolicy: 'demo-only',
    secretStore: new SessionSecretStore({ code: 'failed', message: 'Bench run: secrets are kept in memory.', detail: 'bench' }),
    openExternal: async () => {},
  });
  const call = async <T>(channel: string, arg?: unknown): Promise<T> => {
    const r = (await services.router.invoke(channel, arg, sender)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
    return r.value as T;
  };
  const indexed = new Set<string>();
  services.router.subscribe((channel, payload) => {
    const p = payload as { session: string; task: string | null; progress: { phase: string; done: boolean } };
    if (channel === 'onLogsProgress' && !p.task && p.progress.phase === 'index' && p.progress.done) indexed.add(p.session);
  });

  try {
    const tabs: Tab[] = [];
    const setup: Record<string, unknown> = {};
    for (const f of files) {
      const t0 = performance.now();
      const info = await call<{ id: string }>('logsOpenPaths', { paths: [f.path] });
      // Bounded wait for the index (2.2 GB takes seconds to a minute on two shared cores).
      for (let i = 0; i < 6000 && !indexed.has(info.id); i++) await new Promise((r) => setTimeout(r, 50));
      if (!indexed.has(info.id)) throw new Error(`${f.path} was not indexed within 5 minutes`);
      const indexSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const filtered = await call<{ viewId: string; matches: number }>('logsFilter', { session: info.id, task: `bench-${tabs.length}`, spec: { text: { pattern: f.text, regex: false, caseSensitive: false } } });
      const total = await call<number>('logsCount', { session: info.id });
      tabs.push({ id: info.id, label: f.path.includes('cmtrace') ? 'cmtrace' : 'serilog', hits: filtered.viewId, total, hitsTotal: filtered.matches });
      setup[f.path] = { bytes: statSync(f.path).size, records: total, results: filtered.matches, indexSeconds: round(indexSeconds), filterSeconds: round((performance.now() - t1) / 1000) };
    }

    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % Math.max(1, n));
    const pageAt = (n: number) => Math.floor(random(n) / PAGE) * PAGE;
    const timed = async (run: () => Promise<unknown>): Promise<number> => {
      const t0 = performance.now();
      await run();
      return performance.now() - t0;
    };
    const window = (t: Tab, viewId: string | undefined, count: number, first: number) => call('logsWindow', { session: t.id, viewId, first, count: Math.min(PAGE, Math.max(1, count - first)) });

    const kinds: Record<string, number[]> = {};
    for (const k of ['switchTab', 'paneOff', 'paneOn', 'followRecord', 'followResult']) for (const t of tabs) kinds[`${k} ${t.label}`] = [];
    for (let i = 0; i < steps; i++) {
      const t = tabs[i % tabs.length];
      const at = (k: string) => kinds[`${k} ${t.label}`];
      at('switchTab').push(await timed(async () => {
        await call('logsCount', { session: t.id });
        await Promise.all([window(t, undefined, t.total, pageAt(t.total)), window(t, t.hits, t.hitsTotal, pageAt(t.hitsTotal))]);
      }));
      at('paneOff').push(await timed(() => window(t, t.hits, t.hitsTotal, pageAt(t.hitsTotal))));
      const hit = random(t.hitsTotal);
      at('paneOn').push(await timed(async () => {
        const [, , rows] = await Promise.all([call('logsCount', { session: t.id }), window(t, undefined, t.total, pageAt(t.total)), call<{ records: { file: number; index: number }[] }>('logsWindow', { session: t.id, viewId: t.hits, first: hit, count: 1 })]);
        await call('logsLocate', { session: t.id, target: { file: rows.records[0].file, index: rows.records[0].index } });
      }));
      at('followRecord').push(await timed(() => call('logsNearestHit', { session: t.id, viewId: t.hits, position: random(t.total) })));
      at('followResult').push(await timed(async () => {
        const rows = await call<{ records: { file: number; index: number }[] }>('logsWindow', { session: t.id, viewId: t.hits, first: random(t.hitsTotal), count: 1 });
        await call('logsLocate', { session: t.id, target: { file: rows.records[0].file, index: rows.records[0].index } });
      }));
    }
    const stats = Object.fromEntries(Object.entries(kinds).map(([k, ms]) => [k, summary(ms)]));
    const result = {
      bench: 'logs-tabs',
      node: process.version,
      units: 'milliseconds per step (wall clock), IPC round trips through the real router; page cache warm after indexing',
      method: `${steps} steps of each kind (half per file: the switch to that file's tab), alternating the two tabs, at pseudo-random rows (fixed seed); a step is every call the renderer makes for it, those it makes together in parallel`,
      target: { maxMs: 100 },
      tabs: setup,
      steps: stats,
      underTarget: Object.values(stats).every((s) => s.maxMs < 100),
    };
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results', 'logs-tabs.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await services.dispose();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
function summary(ms: number[]): { medianMs: number; p95Ms: number; maxMs: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { medianMs: round(s[Math.floor(s.length / 2)]), p95Ms: round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]), maxMs: round(s[s.length - 1]) };
}

await main();
