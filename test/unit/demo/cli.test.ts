// `sdh demo scenarios` and `sdh demo logs` through the command group, with a fake terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { demoCommands } from '../../../electron/services/cli/commands/demo.ts';
import { scenarioExamples } from '../../../electron/services/demo/index.ts';
import { UsageError, type CliIo } from '../../../electron/services/cli/command.ts';
import { within } from '../../support/wait.ts';

function io(cwd: string, signal = new AbortController().signal): { io: CliIo; out: () => string; firstLine: Promise<string> } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  const out = () => Buffer.concat(chunks).toString('utf8');
  const firstLine = new Promise<string>((resolve) => {
    stdout.on('data', (c: Buffer) => {
      chunks.push(c);
      if (out().includes('\n')) resolve(out().slice(0, out().indexOf('\n')));
    });
  });
  return { io: { stdout, stderr: new PassThrough(), env: {}, cwd, signal }, out, firstLine };
}

test('demo scenarios --json prints only the examples as JSON', async () => {
  const t = io(tmpdir());
  assert.equal(await demoCommands.run(['scenarios', '--json'], t.io), 0);
  assert.deepEqual(JSON.parse(t.out()), scenarioExamples);
});

test('demo logs writes the device zip into --out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-demo-'));
  try {
    const t = io(dir);
    assert.equal(await demoCommands.run(['logs', '--device', 'FLOOR-GUID-001', '--out', 'zips', '--json'], t.io), 0);
    const { file } = JSON.parse(t.out()) as { file: string };
    assert.equal(file, join(dir, 'zips', 'DiagLogs-FLOOR-GUID-001.zip'));
    assert.equal(readFileSync(file).readUInt32LE(0), 0x04034b50);
    await assert.rejects(demoCommands.run(['logs', '--out', 'zips'], t.io), UsageError);
    await assert.rejects(demoCommands.run(['logs', '--device', 'NOPE', '--out', 'zips'], t.io), /no device/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('demo serve prints the endpoints and stops when the signal aborts', async () => {
  const ctrl = new AbortController();
  const t = io(tmpdir(), ctrl.signal);
  const running = demoCommands.run(['serve', '--json', '--devices', '2000'], t.io);
  // the endpoints line is written once the simulators listen; a command that failed first says so
  const line = await within(Promise.race([t.firstLine, running.then((code) => Promise.reject(new Error(`demo serve exited ${code} before printing`)))]), 'demo serve to print its endpoints');
  assert.equal(t.out(), `${line}\n`, 'only the JSON line on stdout');
  const info = JSON.parse(line) as { graphUrl: string; graphToken: string };
  const res = await fetch(`${info.graphUrl}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${info.graphToken}` } });
  assert.equal(res.status, 200);
  ctrl.abort();
  assert.equal(await running, 0);
  await assert.rejects(fetch(`${info.graphUrl}/v1.0/users`), TypeError);
});
