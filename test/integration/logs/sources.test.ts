// Real files on disk: folders, zips, nested zips and hostile archives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSources } from '../../../electron/services/logs/sources.ts';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { buildZip } from './zip-writer.ts';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const imeReal = resolve(repoRoot, 'test/fixtures/ime-real');
const agent = readFileSync(join(imeReal, 'AgentExecutor.log'));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sdh-logs-src-'));
}

test('a folder is searched recursively by pattern', async () => {
  const dir = tempDir();
  try {
    mkdirSync(join(dir, 'a/b'), { recursive: true });
    writeFileSync(join(dir, 'a/b/One.log'), agent);
    writeFileSync(join(dir, 'a/Two.lo_'), agent);
    writeFileSync(join(dir, 'a/picture.png'), 'x');
    const r = await resolveSources([dir], { tempDir: join(dir, 'tmp') });
    assert.deepEqual(r.files.map((f) => f.displayPath.slice(dir.length)).sort(), ['/a/Two.lo_', '/a/b/One.log']);
    assert.deepEqual(r.problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an Intune-style bundle with a nested zip opens; entries are named ZIP!/entry', async () => {
  const dir = tempDir();
  try {
    const inner = buildZip([{ name: 'Logs/AgentExecutor.log', data: agent, deflate: true }]);
    const outer = buildZip([
      { name: '1/commandoutput.txt', data: 'dsregcmd /status\r\nAzureAdJoined : YES\r\n' },
      { name: '2/IME.zip', data: inner },
      { name: '3/registry.reg', data: 'x' },
    ]);
    const zip = join(dir, 'DiagLogs.zip');
    writeFileSync(zip, outer);
    const r = await resolveSources([zip], { tempDir: join(dir, 'tmp') });
    assert.deepEqual(r.files.map((f) => f.displayPath).sort(), [`${zip}!/1/commandoutput.txt`, `${zip}!/2/IME.zip!/Logs/AgentExecutor.log`]);
    const extracted = r.files.find((f) => f.displayPath.endsWith('AgentExecutor.log'));
    assert.deepEqual(readFileSync(extracted?.fsPath ?? ''), agent);
    // One entry by its ZIP!/entry path.
    const one = await resolveSources([`${zip}!/2/IME.zip!/Logs/AgentExecutor.log`], { tempDir: join(dir, 'tmp') });
    assert.equal(one.files.length, 1);
    await r.cleanup();
    await one.cleanup();
    assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('zip-slip, absolute paths and symlinks are refused with a sentence; other entries still open', async () => {
  const dir = tempDir();
  try {
    const zip = join(dir, 'evil.zip');
    writeFileSync(
      zip,
      buildZip([
        { name: '../../evil.log', data: 'pwned' },
        { name: '/etc/evil.log', data: 'pwned' },
        { name: 'C:/Windows/evil.log', data: 'pwned' },
        { name: 'link.log', data: '/etc/passwd', mode: 0o120777 },
        { name: 'good.log', data: 'fine\n' },
      ]),
    );
    const r = await resolveSources([zip], { tempDir: join(dir, 'tmp') });
    assert.deepEqual(r.files.map((f) => f.displayPath), [`${zip}!/good.log`]);
    assert.equal(r.problems.length, 4);
    assert.match(r.problems[0], /zip-slip/);
    assert.match(r.problems[1], /absolute path/);
    assert.match(r.problems[2], /absolute path/);
    assert.match(r.problems[3], /symbolic link/);
    await r.cleanup();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a zip bomb (ratio and size caps) is refused as a whole', async () => {
  const dir = tempDir();
  try {
    const zip = join(dir, 'bomb.zip');
    writeFileSync(zip, buildZip([{ name: 'zeros.log', data: Buffer.alloc(64 * 1024 * 1024), deflate: true }]));
    const r = await resolveSources([zip], { tempDir: join(dir, 'tmp') });
    assert.equal(r.files.length, 0);
    assert.match(r.problems[0], /refused, entry zeros.log compresses \d+:1 \(possible zip bomb\)/);
    const capped = await resolveSources([zip], { tempDir: join(dir, 'tmp'), limits: { maxRatio: 1e9, maxTotalBytes: 1024 * 1024 } });
    assert.match(capped.problems[0], /more than 1048576 bytes \(possible zip bomb\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the service opens a zip, serves windows and removes extracted files on close', async () => {
  const dir = tempDir();
  try {
    const zip = join(dir, 'bundle.zip');
    writeFileSync(zip, buildZip([{ name: 'IME/AgentExecutor.log', data: agent, deflate: true }]));
    const svc = new LogsService({ tempDir: join(dir, 'tmp') });
    const phases: string[] = [];
    const info = await svc.open([zip], { onProgress: (p) => phases.push(p.phase) });
    assert.equal(phases[0], 'extract');
    assert.equal(info.files[0].path, `${zip}!/IME/AgentExecutor.log`);
    await svc.whenIndexed(info.id);
    const w = await svc.window(info.id, 0, 3);
    assert.equal(w.total, 159);
    assert.equal(w.records[0].component, 'AgentExecutor');
    await svc.close(info.id);
    assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
