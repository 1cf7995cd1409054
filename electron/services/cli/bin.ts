// The `sdh` process: wires runCli to this process's streams, signals and exit code. Bundled by
// scripts/build.mjs to dist/cli/sdh.mjs, which runs under plain node (no TypeScript loader).
import { runCli } from './main.ts';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0); // `sdh … | head` closed the pipe
});
const bundled = import.meta.url.endsWith('.mjs');
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  logsWorkerUrl: bundled ? new URL('../main/worker.cjs', import.meta.url) : undefined,
  cliWorkerUrls: bundled ? { count: new URL('./count-worker.cjs', import.meta.url), search: new URL('./search-worker.cjs', import.meta.url) } : undefined,
}).then((code) => {
  process.exitCode = code;
});
