// Zip limits hold across the whole input (issue 13, point 2): many small entries are judged by their
// aggregate ratio, one byte budget and one entry count cover nested archives and several zips opened
// together, and extraction folders left by an ended process are removed at start-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { removeLeftoverExtractions } from '../../../electron/services/logs/extraction-folders.ts';
import { resolveSources } from '../../../electron/services/logs/sources.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { buildZip } from './zip-writer.ts';

const MiB = 1024 * 1024;

function withDir(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdh-zip-limits-'));
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const du = (dir: string): number => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((a, e) => a + (e.isFile() ? statSync(join(e.parentPath, e.name)).size : 0), 0) : 0);

test(
  '200 entries of 1 MiB in a small zip are refused by their aggregate ratio before 200 MiB are written',
  withDir(async (dir) => {
    const zip = join(dir, 'small-entries.zip');
    writeFileSync(zip, buildZip(Array.from({ length: 200 }, (_, i) => ({ name: `logs/part-${i}.log`, data: Buffer.alloc(MiB, 'a'), deflate: true }))));
    assert.ok(statSync(zip).size < 400 * 1024, `the zip is ${statSync(zip).size} bytes`);
    const r = await resolveSources([zip], { tempDir: join(dir, 'tmp') });
    assert.equal(r.files.length, 0);
    assert.match(r.problems[0], /entries together compress \d+:1 \(possible zip bomb\)/);
    assert.ok(du(join(dir, 'tmp')) <= 2 * MiB, `${du(join(dir, 'tmp'))} bytes written`);
    await r.cleanup();
  }),
);

test(
  'one byte budget over nested archives and over several zips opened together',
  withDir(async (dir) => {
    const log = (i: number) => Buffer.from(Array.from({ length: 20_000 }, (_, k) => `line ${i}-${k} ${Math.random().toString(36)}\n`).join(''));
    const one = log(1), two = log(2);
    const inner = buildZip([{ name: 'inner.log', data: two, deflate: true }]);
    const nested = join(dir, 'nested.zip');
    writeFileSync(nested, buildZip([{ name: 'outer.log', data: one, deflate: true }, { name: 'inner.zip', data: inner }]));
    // Each archive alone fits the budget; together (outer + inner) they do not.
    const budget = one.length + two.length - 1;
    const r = await resolveSources([nested], { tempDir: join(dir, 'tmp'), limits: { maxTotalBytes: budget } });
    assert.ok(r.problems.some((p) => /inner\.zip: refused, with the archives opened with it, it would unpack to more than \d+ bytes/.test(p)), r.problems.join('\n'));
    await r.cleanup();
    const a = join(dir, 'a.zip'), b = join(dir, 'b.zip');
    writeFileSync(a, buildZip([{ name: 'a.log', data: one, deflate: true }]));
    writeFileSync(b, buildZip([{ name: 'b.log', data: two, deflate: true }]));
    const both = await resolveSources([a, b], { tempDir: join(dir, 'tmp'), limits: { maxTotalBytes: budget } });
    assert.deepEqual(both.files.map((f) => f.displayPath), [`${a}!/a.log`]);
    assert.match(both.problems[0], /b\.zip: refused, with the archives opened with it, it would unpack to more than \d+ bytes/);
    await both.cleanup();
  }),
);

test(
  'one entry count over nested archives',
  withDir(async (dir) => {
    const inner = buildZip(Array.from({ length: 6 }, (_, i) => ({ name: `in-${i}.log`, data: `inner ${i}\n` })));
    const zip = join(dir, 'count.zip');
    writeFileSync(zip, buildZip([...Array.from({ length: 6 }, (_, i) => ({ name: `out-${i}.log`, data: `outer ${i}\n` })), { name: 'inner.zip', data: inner }]));
    const r = await resolveSources([zip], { tempDir: join(dir, 'tmp'), limits: { maxEntries: 10 } });
    assert.equal(r.files.length, 6, 'the outer archive (7 entries) opens');
    assert.match(r.problems[0], /inner\.zip: refused, it holds 6 entries, more than 10/);
    await r.cleanup();
  }),
);

test(
  'extraction folders are removed on close, and those of an ended process at start-up',
  withDir(async (dir) => {
    const tmp = join(dir, 'tmp');
    const zip = join(dir, 'bundle.zip');
    writeFileSync(zip, buildZip([{ name: 'a.log', data: 'one line\n' }]));
    // A folder left by a process that has ended (its pid is a finished child's), one of a live process
    // (this one), and a folder that is not an extraction.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    for (const [name, pid] of [['sdh-logs-extract-dead', dead], ['sdh-logs-extract-live', String(process.pid)]]) {
      mkdirSync(join(tmp, name), { recursive: true });
      writeFileSync(join(tmp, name, '.owner-pid'), pid);
      writeFileSync(join(tmp, name, '1-a.log'), 'left over');
    }
    mkdirSync(join(tmp, 'something-else'));
    const svc = new LogsService({ tempDir: tmp });
    try {
      const info = await svc.open([zip]);
      assert.deepEqual(readdirSync(tmp).sort().filter((n) => !n.startsWith('sdh-logs-extract-') || n === 'sdh-logs-extract-live' || n === 'sdh-logs-extract-dead'), ['sdh-logs-extract-live', 'something-else']);
      assert.equal(readdirSync(tmp).length, 3, 'the new extraction folder exists while the session is open');
      await svc.close(info.id);
      assert.deepEqual(readdirSync(tmp).sort(), ['sdh-logs-extract-live', 'something-else']);
    } finally {
      await svc.dispose();
    }
    assert.equal(await removeLeftoverExtractions(tmp), 0, 'a live process keeps its folder');
  }),
);
