// Packs the app offline with electron-builder (`--linux dir`) using a stand-in Electron folder, then
// checks what landed in the asar, that native .node files are unpacked, and that the fuses were flipped.
// The stand-in is a tiny file carrying Electron's fuse sentinel with Electron's default fuse wire, so
// @electron/fuses flips it exactly as it would flip the real binary. The result cannot run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(p: string, o: object): string[] };
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse order (wire v1): runAsNode, cookieEncryption, nodeOptions, nodeCliInspect, asarIntegrity, onlyLoadFromAsar, v8Snapshot, fileProtocolPrivileges
const ELECTRON_DEFAULT_WIRE = '10110001';

test('electron-builder packs offline: app in asar, natives unpacked, fuses flipped', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'sdh-pack-'));
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  mkdirSync(join(dist, 'locales'));
  const binary = Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${SENTINEL}`), Buffer.from([1, 8]), Buffer.from(`${ELECTRON_DEFAULT_WIRE}\n`)]);
  writeFileSync(join(dist, 'electron'), binary);
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), '45.3.4');
  writeFileSync(join(dist, 'LICENSE'), '');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), '');
  const out = join(work, 'out');

  const run = spawnSync(
    join(root, 'node_modules/.bin/electron-builder'),
    ['--config', 'electron-builder.config.cjs', '--linux', 'dir', `-c.electronDist=${dist}`, '-c.electronVersion=45.3.4', '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 200_000 },
  );
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);

  const app = join(out, 'linux-unpacked');
  const listed = asar.listPackage(join(app, 'resources/app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/'));
  for (const needed of ['/package.json', '/dist/main/main.mjs', '/dist/main/preload.cjs', '/dist/main/worker.cjs', '/dist/renderer/index.html']) assert.ok(listed.includes(needed), needed);
  for (const banned of [/^\/electron\//, /^\/test\//, /^\/renderer\//, /\.map$/, /^\/node_modules\/(electron|typescript|vite|playwright-core|eslint|@doyensec)\//, /^\/dist\/browser-host\//]) {
    assert.deepEqual(listed.filter((p) => banned.test(p)).slice(0, 3), [], String(banned));
  }
  assert.ok(listed.some((p) => p.startsWith('/node_modules/keytar/')), 'keytar is packaged');
  for (const native of ['node_modules/keytar/build/Release/keytar.node', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node']) {
    assert.ok(existsSync(join(app, 'resources/app.asar.unpacked', native)), `${native} is unpacked`);
  }

  const packed = readFileSync(join(app, 'shared-device-helpdesk'));
  const at = packed.indexOf(SENTINEL) + SENTINEL.length;
  assert.equal(packed[at], 1, 'fuse wire version');
  const wire = packed.subarray(at + 2, at + 2 + packed[at + 1]).toString('latin1');
  // runAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, asar only on, v8 snapshot off, file:// privileges off
  assert.equal(wire, '01001100');
});
