// The CLI's own log workers (dist/cli/count-worker.cjs, search-worker.cjs) start in a few milliseconds
// only while their import graphs stay free of zod (¾ MB of JavaScript, which took a search worker ~100 ms
// to load): each is bundled here as scripts/build.mjs bundles it, and its inputs are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';

const root = new URL('../../../', import.meta.url).pathname;

async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [entry], absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'silent', external: ['electron', 'keytar', 'better-sqlite3'] });
  return Object.keys(r.metafile.inputs);
}

for (const worker of ['count-worker', 'search-worker']) {
  test(`the CLI's ${worker} loads no zod (nor the schemas of common/logs.ts and errors.ts)`, async () => {
    const inputs = await inputsOf(`electron/services/cli/${worker}.ts`);
    assert.ok(inputs.includes(`electron/services/cli/${worker}.ts`), 'the bundle was read');
    assert.deepEqual(inputs.filter((f) => /node_modules\/zod\/|electron\/common\/(logs|errors)\.ts$/.test(f)), []);
  });
}
