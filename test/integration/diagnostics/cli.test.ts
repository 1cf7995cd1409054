// `sdh device diagnostics NAME --wait --out FILE` through the built CLI against a demo tenant on 127.0.0.1
// (the Graph endpoint and token from the environment, as with Connect-MgGraph -AccessToken): the request
// waits for the upload, the zip is written, and the token never appears in the output. Needs `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startDemoTenant, type DemoTenant } from '../../../electron/services/demo/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'dist/cli/sdh.mjs');
const run = promisify(execFile);
let demo: DemoTenant;
const dir = mkdtempSync(join(tmpdir(), 'sdh-diag-cli-'));

before(async () => {
  demo = await startDemoTenant({ logCollectionDelayMs: 1_500, deviceCount: 300 });
});
after(async () => {
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => {
  const base = { ...process.env };
  for (const k of ['NODE_OPTIONS', 'SDH_WS1_URL', 'SDH_WS1_TOKEN', 'SDH_WS1_BASIC']) delete base[k];
  return { ...base, SDH_GRAPH_URL: demo.graphUrl, SDH_GRAPH_TOKEN: demo.graphToken, SDH_DATA_DIR: join(dir, 'data') };
};

test('device diagnostics --wait --out downloads the uploaded zip', async () => {
  assert.ok(existsSync(bin), 'dist/cli/sdh.mjs is missing: run `npm run build` before this layer');
  const out = join(dir, 'MIG-BOTH-001.zip');
  const r = await run(process.execPath, [bin, 'device', 'diagnostics', 'MIG-BOTH-001', '--wait', '--out', out, '--json'], { cwd: root, env: env(), timeout: 60_000 });
  const answer = JSON.parse(r.stdout) as { request: { status: string; id: string }; file: string };
  assert.equal(answer.request.status, 'completed');
  assert.equal(answer.file, out);
  assert.deepEqual([...readFileSync(out).subarray(0, 2)], [0x50, 0x4b], 'a zip');
  assert.ok(!`${r.stdout}${r.stderr}`.includes(demo.graphToken), 'no token in the output');
});

test('--out without --wait is a usage error (exit 2), and an unknown device exits 1 saying so', async () => {
  const usage = await run(process.execPath, [bin, 'device', 'diagnostics', 'MIG-BOTH-001', '--out', 'x.zip'], { cwd: root, env: env() }).catch((e: { code: number; stderr: string }) => e);
  assert.equal((usage as { code: number }).code, 2);
  assert.match((usage as { stderr: string }).stderr, /--out needs --wait/);
  const missing = await run(process.execPath, [bin, 'device', 'diagnostics', 'NO-SUCH-DEVICE'], { cwd: root, env: env() }).catch((e: { code: number; stderr: string }) => e);
  assert.equal((missing as { code: number }).code, 1);
  assert.match((missing as { stderr: string }).stderr, /no device called NO-SUCH-DEVICE/);
});
