// Builds what the app runs: the main process and preload (esbuild), the renderer (Vite), and the
// browser host's bridge. Native modules stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmodSync, existsSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const external = ['electron', 'keytar', 'better-sqlite3'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

// Bundled ESM still meets CommonJS dependencies that call require().
const esmRequire = "import { createRequire as __sdhCreateRequire } from 'node:module'; const require = __sdhCreateRequire(import.meta.url);";

rmSync(`${root}dist`, { recursive: true, force: true });

const workers = ['electron/services/logs/worker.ts'].filter((f) => existsSync(`${root}${f}`));

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/shell/main.ts' },
    outdir: 'dist/main',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    external,
    banner: { js: esmRequire },
  }),
  // The log worker is CommonJS: its per-line loops measured ~12% faster than the same code bundled as an
  // ES module (Serilog indexing, bench/logs.bench.ts).
  ...workers.map((w) => build({ ...common, entryPoints: { worker: w }, outdir: 'dist/main', format: 'cjs', outExtension: { '.js': '.cjs' }, external })),
  // `sdh`: plain JavaScript so the CLI starts without a TypeScript loader (package.json `bin`).
  build({ ...common, entryPoints: { sdh: 'electron/services/cli/bin.ts' }, outdir: 'dist/cli', format: 'esm', splitting: true, chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }, external, banner: { js: `#!/usr/bin/env node\n${esmRequire}` } }),
  // The CLI's own workers for `logs stats` and `logs search` on plain files: CommonJS like the app's worker,
  // one bundle per job, so a thread loads only its job's code (the count's is small and free of zod).
  build({ ...common, entryPoints: { 'count-worker': 'electron/services/cli/count-worker.ts', 'search-worker': 'electron/services/cli/search-worker.ts' }, outdir: 'dist/cli', format: 'cjs', outExtension: { '.js': '.cjs' }, external }),
  build({ ...common, entryPoints: { preload: 'electron/shell/preload.ts' }, outdir: 'dist/main', format: 'cjs', outExtension: { '.js': '.cjs' }, external: ['electron'] }),
  build({ ...common, platform: 'browser', target: 'chrome130', entryPoints: { bridge: 'renderer/bridge/http-bridge.ts' }, outdir: 'dist/browser-host', format: 'iife' }),
  viteBuild({ configFile: `${root}vite.config.ts`, logLevel: 'warn' }),
]);
chmodSync(`${root}dist/cli/sdh.mjs`, 0o755); // package.json `bin`
console.log('built dist/main, dist/cli, dist/renderer, dist/browser-host');
