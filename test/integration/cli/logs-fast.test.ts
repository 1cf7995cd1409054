// `sdh logs stats` and `sdh logs search` on plain files take the quick way (cli/logs-fast.ts: counted and
// searched on the CLI's own workers, no session): the same stats as a session's, to the field, for the
// real IME logs, a Serilog file with a BOM, a CMTrace file whose last record is huge and whose records
// run past 4,096 characters, and an empty file; the same search total as a filter; folders still open
// as a session; a cancelled command says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../electron/services/cli/command.ts';
import { runCli } from '../../../electron/services/cli/main.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';

const imeReal = new URL('../../fixtures/ime-real/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sdh-cli-fast-'));
const svc = new LogsService({ tempDir: dir });
after(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function cli(signal = new AbortController().signal): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough(), stderr = new PassThrough();
  const o: Buffer[] = [], e: Buffer[] = [];
  stdout.on('data', (c: Buffer) => o.push(c));
  stderr.on('data', (c: Buffer) => e.push(c));
  return { io: { stdout, stderr, env: { SDH_TEMP_DIR: dir }, cwd: dir, signal }, out: () => Buffer.concat(o).toString('utf8'), err: () => Buffer.concat(e).toString('utf8') };
}

const cm = (msg: string, type: number, time: string) => `<![LOG[${msg}]LOG]!><time="${time}" date="3-19-2026" component="Agent" context="" type="${type}" thread="7" file="">\r\n`;
const files = [
  ...readdirSync(imeReal).filter((f) => f.endsWith('.log')).map((f) => join(imeReal, f)),
  join(dir, 'hub.log'),
  join(dir, 'huge-last.log'),
  join(dir, 'wide.log'),
  join(dir, 'empty.log'),
];
writeFileSync(join(dir, 'hub.log'), `\ufeff${Array.from({ length: 500 }, (_, n) => `2026-11-20 08:00:${String(n % 60).padStart(2, '0')}.000 +01:00 [${['INF', 'ERR'][n % 2]}] step ${n}\r\n`).join('')}`);
// The last record is longer than the 16 KB a 4,096-character message reads: its time is in the trailer.
writeFileSync(join(dir, 'huge-last.log'), cm('first', 1, '10:00:00.0000000') + cm('é'.repeat(30_000), 3, '11:12:13.1415926'));
// A record of 3,000 two-byte characters (over 4,096 bytes), one of 5,000 (over 4,096 characters: its
// trailer is cut off, so the session's stats give it no time) and a line that is no record.
writeFileSync(join(dir, 'wide.log'), cm('ü'.repeat(3000), 2, '09:00:00.0000000') + cm('ü'.repeat(5000), 1, '09:30:00.0000000') + 'not a record\r\n');
writeFileSync(join(dir, 'empty.log'), '');

async function sessionStats(paths: string[]): Promise<unknown> {
  const info = await svc.open(paths);
  try {
    await svc.whenIndexed(info.id);
    return { files: await svc.stats(info.id) };
  } finally {
    await svc.close(info.id);
  }
}

test('stats without a session: the session\'s stats, field for field', async () => {
  for (const f of files) {
    const t = cli();
    assert.equal(await runCli(['logs', 'stats', '--json', f], t.io), 0, t.err());
    assert.deepEqual(JSON.parse(t.out()), await sessionStats([f]), f);
    assert.equal(t.out(), `${JSON.stringify(await sessionStats([f]))}\n`, `${f}: the same JSON text`);
  }
  const t = cli();
  assert.equal(await runCli(['logs', 'stats', '--json', ...files.slice(0, 3)], t.io), 0, t.err());
  assert.deepEqual(JSON.parse(t.out()), await sessionStats(files.slice(0, 3)), 'several files at once');
});

test('search without a session: the total a filter finds, and records by offset', async () => {
  const f = files[0];
  const t = cli();
  assert.equal(await runCli(['logs', 'search', '--json', '--limit', '5', 'remediation', f], t.io), 0, t.err());
  const r = JSON.parse(t.out()) as { total: number; matches: { offset: number }[] };
  const info = await svc.open([f]);
  try {
    await svc.whenIndexed(info.id);
    const res = await svc.filter(info.id, { text: { pattern: 'remediation', regex: false, caseSensitive: false } });
    assert.equal(r.total, res.matches);
    const w = await svc.window(info.id, 0, 5, res.viewId);
    assert.deepEqual(r.matches.map((m) => m.offset), w.records.map((x) => x.offset));
  } finally {
    await svc.close(info.id);
  }
});

test('a folder still opens as a session (the same counts)', async () => {
  const t = cli();
  assert.equal(await runCli(['logs', 'stats', '--json', imeReal], t.io), 0, t.err());
  assert.deepEqual(JSON.parse(t.out()), await sessionStats([imeReal]));
});

test('a cancelled stats or search says so and exits 1', async () => {
  for (const args of [['logs', 'stats', files[0]], ['logs', 'search', 'remediation', files[0]]]) {
    const c = new AbortController();
    c.abort();
    const t = cli(c.signal);
    assert.equal(await runCli(args, t.io), 1);
    assert.match(t.err(), /cancelled/);
    assert.equal(t.out(), '');
  }
});

test('a link to a file: search takes it (as before), stats leave it to the session, which refuses it (as before)', async () => {
  const link = join(dir, 'link.log');
  symlinkSync(files[0], link);
  const s = cli();
  assert.equal(await runCli(['logs', 'search', '--json', '--limit', '1', 'remediation', link], s.io), 0, s.err());
  assert.ok((JSON.parse(s.out()) as { total: number }).total > 0);
  const t = cli();
  assert.equal(await runCli(['logs', 'stats', '--json', link], t.io), 1);
  assert.match(t.err(), /not a regular file or folder/);
});
