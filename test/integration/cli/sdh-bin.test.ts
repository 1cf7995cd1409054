// The built `sdh` (dist/cli/sdh.mjs, package.json `bin`) as a technician runs it: plain node, no
// TypeScript loader; help for the tool and for each command; one line and exit 2 for every usage error;
// NO_COLOR honoured. Needs `npm run build` (npm test builds first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'dist/cli/sdh.mjs');
const ESC = '\x1b[';

function sdh(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } {
  assert.ok(existsSync(bin), 'dist/cli/sdh.mjs is missing: run `npm run build` before this layer');
  const base = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete base[k];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('package.json names sdh as a bin: the built file, executable, starting with a node shebang', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  assert.equal(pkg.bin.sdh, 'dist/cli/sdh.mjs');
  assert.doesNotMatch(pkg.scripts.sdh, /tsx/);
  accessSync(bin, constants.X_OK);
  assert.match(readFileSync(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

test('sdh --help lists every command and exits 0', () => {
  const r = sdh(['--help']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  for (const c of ['lookup', 'lookup sync', 'demo serve', 'logs stats', 'logs search', 'mode plan', 'mode audit']) assert.ok(r.out.includes(`sdh ${c} `), c);
});

test('each command has its own --help (also as `sdh help CMD`) with what its options mean', () => {
  const cases: [string[], RegExp][] = [
    [['logs', '--help'], /--regex +PATTERN is a regular expression/],
    [['logs', 'search', '--help'], /--level L\[,L\] +only records of these levels: .*error/],
    [['help', 'mode'], /--to GOAL +multiuser/],
    [['lookup', '-h'], /--offline +answer from the local cache only/],
    [['demo', 'serve', '--help'], /--seed N/],
  ];
  for (const [args, want] of cases) {
    const r = sdh(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    assert.match(r.out, want, args.join(' '));
    assert.match(r.out, /^Usage:\n/);
  }
  const search = sdh(['logs', 'search', '--help']).out;
  assert.doesNotMatch(search, /logs stats/, 'a sub-command help shows only that sub-command');
});

test('every usage error: exit 2, nothing on stdout, one line on stderr that says what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [[], /^sdh: no command given/],
    [['frobnicate'], /^sdh: unknown command "frobnicate"/],
    [['logs'], /^sdh logs: logs needs a command: stats, search, explain, apps or ime/],
    [['logs', 'tail', 'x'], /^sdh logs: unknown logs command "tail"/],
    [['logs', 'stats'], /^sdh logs: logs stats needs at least one path/],
    [['logs', 'search', '--bogus', 'x', 'y'], /^sdh logs: unknown option --bogus/],
    [['logs', 'search', '--limit', 'many', 'x', 'y'], /^sdh logs: --limit needs a whole number/],
    [['logs', 'search', 'x', 'y', '--level'], /^sdh logs: --level needs a value/],
    [['logs', 'search', '--level', 'loud', 'x', 'y'], /^sdh logs: unknown level "loud"/],
    [['lookup'], /^sdh lookup: lookup needs a QUERY/],
    [['demo', 'serve', '--json=yes'], /^sdh demo: --json takes no value/],
    [['mode', 'plan', 'X'], /^sdh mode: --to is required/],
  ];
  for (const [args, want] of cases) {
    const r = sdh(args);
    const what = `sdh ${args.join(' ')}`;
    assert.equal(r.code, 2, `${what}: exit ${r.code}, stderr ${r.err}`);
    assert.equal(r.out, '', what);
    assert.equal(r.err.split('\n').filter(Boolean).length, 1, `${what}: ${r.err}`);
    assert.match(r.err, want, what);
    assert.match(r.err, /\(see 'sdh( \w+)? --help'\)\n$/, what);
  }
});

test('colours only where asked, and never under NO_COLOR', () => {
  const log = join(root, 'test/fixtures/ime-real/AppWorkload-20260401-160729.log');
  const args = ['logs', 'search', '--level', 'error', '--limit', '1', 'Found native', log];
  assert.ok(!sdh(args).out.includes(ESC), 'not a terminal: no colour');
  assert.ok(sdh(args, { FORCE_COLOR: '1' }).out.includes(`${ESC}31merror${ESC}39m`), 'FORCE_COLOR colours the level');
  assert.ok(sdh(['nope'], { FORCE_COLOR: '1' }).err.startsWith(`${ESC}31m`), 'and the error prefix');
  for (const r of [sdh(args, { FORCE_COLOR: '1', NO_COLOR: '1' }), sdh(['nope'], { FORCE_COLOR: '1', NO_COLOR: '1' })]) {
    assert.ok(!(r.out + r.err).includes(ESC), 'NO_COLOR wins');
  }
});

test('the bundle runs the log engine under plain node: counts of the real IME logs, via the bundled worker', () => {
  const r = sdh(['logs', 'stats', '--json', join(root, 'test/fixtures/ime-real')]);
  assert.equal(r.code, 0, r.err);
  const files = (JSON.parse(r.out) as { files: { path: string; records: number }[] }).files;
  assert.deepEqual(
    files.map((f) => [f.path.split('/').pop(), f.records]),
    [
      ['AgentExecutor-20260321-225458.log', 16484],
      ['AgentExecutor.log', 159],
      ['AppActionProcessor.log', 9837],
      ['AppWorkload-20260401-160729.log', 2854],
    ],
  );
});

test('plain files are counted and searched on the bundled CLI workers: the counts a session gives', () => {
  const log = join(root, 'test/fixtures/ime-real/AgentExecutor-20260321-225458.log');
  const stats = sdh(['logs', 'stats', '--json', log]);
  assert.equal(stats.code, 0, stats.err);
  const [f] = (JSON.parse(stats.out) as { files: { records: number; first: string | null; last: string | null }[] }).files;
  assert.equal(f.records, 16484);
  assert.ok(f.first && f.last, 'the first and last times are read');
  const search = sdh(['logs', 'search', '--json', '--limit', '3', 'remediation', log]);
  assert.equal(search.code, 0, search.err);
  const found = JSON.parse(search.out) as { total: number; matches: unknown[] };
  assert.ok(found.total > 3);
  assert.equal(found.matches.length, 3);
});

test('npm run --silent sdh -- runs the same built command', () => {
  const r = spawnSync('npm', ['run', '--silent', 'sdh', '--', 'logs', '--help'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Usage:\n {2}sdh logs stats/);
});
