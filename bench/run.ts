// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process, and prints one JSON
// object with each benchmark's result (read back from bench-results/<name>.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const only = process.argv.slice(2);
const combined: Record<string, unknown> = {};
let failed = 0;
for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  console.error(`== bench ${name}`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', file)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const out = join(root, 'bench-results', `${name}.json`);
  if (r.status !== 0 || !existsSync(out)) {
    failed++;
    combined[name] = { error: `exit ${r.status ?? r.signal}` };
    continue;
  }
  combined[name] = { seconds: Math.round((Date.now() - t0) / 100) / 10, result: JSON.parse(readFileSync(out, 'utf8')) as unknown };
}
console.log(JSON.stringify(combined, null, 2));
process.exitCode = failed ? 1 : 0;
