// Runs every test layer in order and prints one summary. Called by `npm test` (scripts/test.sh) and
// `npm run test:layers`, both inside scripts/with-keyring.sh. Each node:test layer writes TAP to a file so
// its counts can be summed, and every skipped test is listed in the summary with its reason; a layer that
// fails does not stop the others, but any failure makes the exit code non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });

function testFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const found = [];
  for (const name of readdirSync(abs).sort()) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) found.push(...testFiles(join(dir, name)));
    else if (/\.test\.ts$/.test(name)) found.push(relative(root, p));
  }
  return found;
}

const layers = [
  { name: 'typecheck', cmd: ['node_modules/.bin/tsc', '-p', 'tsconfig.node.json'], more: [['node_modules/.bin/tsc', '-p', 'tsconfig.dom.json'], ['node_modules/.bin/tsc', '-p', 'tsconfig.e2e.json']] },
  { name: 'lint', cmd: ['node_modules/.bin/eslint', '--max-warnings', '0', '.'] },
  { name: 'unit', dir: 'test/unit' },
  { name: 'shell', dir: 'test/shell' },
  { name: 'integration', dir: 'test/integration' },
  { name: 'security', dir: 'test/security' },
  { name: 'packaging', dir: 'test/packaging' },
  { name: 'e2e', dir: 'test/e2e' },
];

const only = process.argv.slice(2);
if (!process.env.SDH_KEYRING) {
  console.log('run-tests: no keychain session (SDH_KEYRING unset): the keychain tests will be skipped and listed below; `npm run test:layers` runs them with a throw-away keychain.');
}
const skips = [];

/** `ok N - name # SKIP reason` (and TODO) lines of a TAP file: which tests did not run, and why. */
function skippedTests(tap) {
  return [...tap.matchAll(/^\s*ok \d+ - (.*?) # (SKIP|TODO)\b ?(.*)$/gm)].map((m) => ({ name: m[1], why: m[3] || m[2].toLowerCase() }));
}
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
let failedLayers = 0;

for (const layer of layers) {
  if (only.length && !only.includes(layer.name)) continue;
  const started = Date.now();
  let row;
  if (layer.cmd) {
    let ok = true;
    for (const cmd of [layer.cmd, ...(layer.more ?? [])]) {
      console.log(`\n== ${layer.name}: ${cmd.join(' ')}`);
      ok = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit' }).status === 0 && ok;
    }
    row = { layer: layer.name, result: ok ? 'ok' : 'FAILED' };
    if (!ok) failedLayers++;
  } else {
    const files = testFiles(layer.dir);
    if (files.length === 0) {
      rows.push({ layer: layer.name, result: 'no test files', seconds: 0 });
      continue;
    }
    console.log(`\n== ${layer.name}: ${files.length} files`);
    const tap = join(out, `${layer.name}.tap`);
    const status = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
      { cwd: root, stdio: 'inherit', env: { ...process.env, SDH_TEST_LAYER: layer.name } },
    ).status;
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
    const c = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
    if (status !== 0 && c.failed === 0) c.failed = 1; // the runner itself failed (crash, load error)
    for (const sk of skippedTests(text)) skips.push({ layer: layer.name, ...sk });
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    if (c.failed) failedLayers++;
    row = { layer: layer.name, result: `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` };
  }
  row.seconds = Math.round((Date.now() - started) / 100) / 10;
  rows.push(row);
}

console.log('\n== summary by layer');
for (const r of rows) console.log(`${r.layer.padEnd(12)} ${r.result.padEnd(40)} ${r.seconds}s`);
if (skips.length) {
  console.log('\n== skipped tests');
  for (const sk of skips) console.log(`${sk.layer.padEnd(12)} ${sk.name}\n${' '.repeat(13)}why: ${sk.why}`);
}
if (skips.length !== totals.skipped) console.log(`run-tests: ${totals.skipped} tests reported skipped but ${skips.length} found in the TAP files`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedLayers ? 1 : 0);
