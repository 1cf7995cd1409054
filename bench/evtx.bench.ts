// Event log benchmark: a ≥ 100 MB .evtx built from the real samples' clean chunks (test/fixtures/evtx),
// repeated, with the file header's chunk count, last chunk and checksum fixed up. Measures time to the first
// screen, full index time and MB/s through the logs service (worker threads from a CommonJS bundle, as
// packaged), RSS, and libevtx's `evtxexport` on the same file in the same run (best of 2, page cache warm).
// `SDH_BENCH_EVTX_MB` sets the size (default 100).
import { spawnSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LogsService } from '../electron/services/logs/service.ts';
import { CHUNK_BYTES, FILE_HEADER_BYTES, chunkLayout } from '../electron/services/logs/formats/evtx/chunk.ts';

const root = new URL('..', import.meta.url).pathname;
const samples = ['system.evtx', '2-system-Microsoft-Windows-LiveId%4Operational.evtx', 'E_Windows_system32_winevt_logs_Microsoft-Windows-Shell-Core%4Operational.evtx', 'security_bad_string_cache.evtx'];
const targetBytes = Math.round(Number(process.env.SDH_BENCH_EVTX_MB ?? 100) * 1024 * 1024);
const round = (n: number, d = 3): number => Math.round(n * 10 ** d) / 10 ** d;

/** The samples' chunks that have events and no problem, and how many events they hold. */
function cleanChunks(): { chunks: Buffer[]; events: number[] } {
  const chunks: Buffer[] = [], events: number[] = [];
  for (const name of samples) {
    const b = readFileSync(join(root, 'test/fixtures/evtx', name));
    for (let at = FILE_HEADER_BYTES; at + CHUNK_BYTES <= b.length; at += CHUNK_BYTES) {
      const c = b.subarray(at, at + CHUNK_BYTES);
      const l = chunkLayout(c, 0);
      if (l.records.length && !l.problems.length) {
        chunks.push(c);
        events.push(l.records.length);
      }
    }
  }
  return { chunks, events };
}

function buildFile(path: string): { bytes: number; events: number } {
  const { chunks, events } = cleanChunks();
  const n = Math.ceil((targetBytes - FILE_HEADER_BYTES) / CHUNK_BYTES);
  const header = Buffer.from(readFileSync(join(root, 'test/fixtures/evtx/system.evtx')).subarray(0, FILE_HEADER_BYTES));
  header.writeBigUInt64LE(0n, 8); // first chunk
  header.writeBigUInt64LE(BigInt(n - 1), 16); // last chunk
  header.writeUInt16LE(Math.min(n, 0xffff), 42); // chunk count
  header.writeUInt32LE(header.readUInt32LE(120) & ~1, 120); // not dirty
  header.writeUInt32LE(crc32(header.subarray(0, 120)) >>> 0, 124);
  const parts: Buffer[] = [header];
  let total = 0;
  for (let k = 0; k < n; k++) {
    parts.push(chunks[k % chunks.length]);
    total += events[k % chunks.length];
  }
  const file = Buffer.concat(parts);
  if (!existsSync(path) || statSync(path).size !== file.length) writeFileSync(path, file);
  return { bytes: file.length, events: total };
}

function warmCache(path: string): void {
  spawnSync('cat', [path], { stdio: 'ignore' });
}

function evtxexport(path: string): { seconds: number | null; records: number | null; note?: string } {
  if (spawnSync('evtxexport', ['-h'], { stdio: 'ignore' }).error) return { seconds: null, records: null, note: 'evtxexport not installed (libevtx-utils)' };
  let best = Infinity, records = 0;
  for (let i = 0; i < 2; i++) {
    warmCache(path);
    const t0 = performance.now();
    const r = spawnSync('sh', ['-c', `evtxexport "${path}" | grep -c '^Event number'`], { encoding: 'utf8', timeout: 900_000 });
    best = Math.min(best, (performance.now() - t0) / 1000);
    records = Number(r.stdout.trim());
  }
  return { seconds: round(best), records };
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'sdh-evtx-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${targetBytes}.evtx`);
  const built = buildFile(path);
  const workerFile = join(dir, 'logs-worker.cjs');
  await build({ bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', entryPoints: [join(root, 'electron/services/logs/worker.ts')], format: 'cjs', outfile: workerFile });
  const svc = new LogsService({ tempDir: tmpdir(), workerUrl: pathToFileURL(workerFile) });
  svc.warmUp();
  await new Promise((r) => setTimeout(r, 500));
  let rssPeak = 0;
  const sample = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 25);
  const runs: { firstScreen: number; index: number; records: number; firstRecords: number }[] = [];
  for (let i = 0; i < 3; i++) {
    warmCache(path);
    const t0 = performance.now();
    const info = await svc.open([path]);
    const first = await svc.window(info.id, 0, 60);
    const firstScreen = (performance.now() - t0) / 1000;
    await svc.whenIndexed(info.id);
    const index = (performance.now() - t0) / 1000;
    runs.push({ firstScreen, index, records: svc.count(info.id), firstRecords: first.records.length });
    await svc.close(info.id);
  }
  clearInterval(sample);
  await svc.dispose();
  const best = runs.reduce((a, b) => (b.index < a.index ? b : a));
  const oracle = evtxexport(path);
  const mb = built.bytes / 1024 / 1024;
  const result = {
    bench: 'evtx',
    node: process.version,
    file: { mb: round(mb, 1), events: built.events, chunksFrom: samples },
    method: 'logs service under tsx with the worker bundled as packaged; page cache warmed before every run; ours best of 3, evtxexport best of 2 (its output counted by grep)',
    targets: { firstScreenSeconds: 0.3, speedVsEvtxexport: 10 },
    ours: { firstScreenSeconds: round(Math.min(...runs.map((r) => r.firstScreen))), firstRecords: best.firstRecords, indexSeconds: round(best.index), mbPerSecond: round(mb / best.index, 1), records: best.records, rssPeakMB: Math.round(rssPeak / 1e6) },
    evtxexport: { ...oracle, mbPerSecond: oracle.seconds ? round(mb / oracle.seconds, 1) : null },
    speedVsEvtxexport: oracle.seconds ? round(oracle.seconds / best.index, 1) : null,
  };
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'evtx.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
