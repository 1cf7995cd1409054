// The IME timeline, names for GUIDs and user sessions over the real IME logs (issue 18, points 2-4):
// Win32 app, detection script and remediation runs with their steps and results; how many distinct GUIDs
// get a name from the logs alone; who was signed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LogsService } from '../../../electron/services/logs/service.ts';
import { runCli } from '../../../electron/services/cli/main.ts';
import { imeReal } from '../../unit/logs/helpers.ts';

async function withIme<T>(fn: (svc: LogsService, id: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-ime-'));
  const svc = new LogsService({ tempDir: dir });
  try {
    const info = await svc.open(readdirSync(imeReal).filter((f) => f.endsWith('.log')).map((f) => join(imeReal, f)));
    await svc.whenIndexed(info.id);
    return await fn(svc, info.id);
  } finally {
    await svc.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('IME timeline over the real logs: runs per file and kind, with their outcomes, steps and results', async () => {
  await withIme(async (svc, id) => {
    const tl = await svc.imeTimeline(id);
    const count: Record<string, number> = {};
    for (const r of tl.rows) count[`${r.fileName} ${r.kind} ${r.outcome}`] = (count[`${r.fileName} ${r.kind} ${r.outcome}`] ?? 0) + 1;
    assert.deepEqual(count, {
      'AgentExecutor-20260321-225458.log remediation succeeded': 258,
      'AgentExecutor-20260321-225458.log win32app succeeded': 404,
      'AgentExecutor-20260321-225458.log win32app failed': 6,
      'AgentExecutor.log remediation succeeded': 6,
      'AppActionProcessor.log win32app succeeded': 1226,
      'AppActionProcessor.log win32app unknown': 157,
      'AppWorkload-20260401-160729.log win32app succeeded': 24,
      'AppWorkload-20260401-160729.log win32app not_applicable': 19,
      'AppWorkload-20260401-160729.log win32app unknown': 105,
    });
    assert.equal(tl.omitted, 0);
    // Time order, and every row spans its own records.
    for (let i = 1; i < tl.rows.length; i++) assert.ok((tl.rows[i - 1].startMs ?? 0) <= (tl.rows[i].startMs ?? 0));
    for (const r of tl.rows) assert.ok(r.firstRecord <= r.lastRecord && r.steps.every((s) => s.record >= r.firstRecord && s.record <= r.lastRecord));

    // A Win32 app's subgraph run in AppWorkload: detection, then applicability, named from the policy list.
    const vc = tl.rows.find((r) => r.fileName.startsWith('AppWorkload') && r.id === '05d1ca79-1a9f-4d94-b9a2-6e8b279c5701' && r.outcome === 'succeeded');
    assert.ok(vc);
    assert.equal(vc.name, 'Microsoft Visual C++ v14 Redistributable x86 14.50.35719.0');
    assert.equal(vc.result, 'Detected; Applicable');
    assert.deepEqual([...new Set(vc.steps.map((s) => s.phase))].slice(0, 3), ['other', 'detection', 'applicability']);
    assert.ok(vc.durationMs !== null && vc.durationMs > 0 && vc.durationMs < 60_000);

    // A remediation's detection script, its exit code read as IME means it.
    const uefi = tl.rows.find((r) => r.kind === 'remediation' && r.id === '5e2ea864-0523-4c69-9383-a108412dd85a');
    assert.ok(uefi);
    assert.match(uefi.result, /^output: Compliant: Windows UEFI CA 2023 is present in the Secure Boot database\.; detection: no issue found \(exit 0\)$/);
    assert.ok(uefi.steps.some((s) => s.phase === 'execution' && /^Powershell exit code is 0/.test(s.text)));

    // Detection scripts that found nothing.
    const notDetected = tl.rows.filter((r) => r.outcome === 'failed');
    assert.ok(notDetected.every((r) => r.result.endsWith('not detected (detection script exit 1)')));
  });
});

test('names for GUIDs from the real logs alone: 37 distinct GUIDs, each an app of the timeline', async () => {
  await withIme(async (svc, id) => {
    const tl = await svc.imeTimeline(id);
    const named = new Set(tl.names.map((n) => n.id));
    console.log(`GUIDs named from the logs alone: ${named.size}; timeline ids: ${new Set(tl.rows.map((r) => r.id)).size}`);
    assert.equal(named.size, 37);
    assert.ok(tl.names.every((n) => n.source === 'log' && n.kind === 'app'));
    const onTimeline = new Set(tl.rows.map((r) => r.id));
    assert.ok([...named].every((n) => onTimeline.has(n)), 'every learned name is of an app on the timeline');
    assert.equal(tl.names.find((n) => n.id === '087d41ab-40fb-43b9-9e9e-023ff4715398')?.name, 'Microsoft Edge 146.0.3856.84');
    // The tenant's names fill in what the logs do not say, never overriding the logs.
    const withTenant = await svc.imeTimeline(id, [
      { id: '5e2ea864-0523-4c69-9383-a108412dd85a', name: 'Secure Boot UEFI CA 2023 check', source: 'tenant', kind: 'remediation' },
      { id: '087d41ab-40fb-43b9-9e9e-023ff4715398', name: 'Edge (tenant name)', source: 'tenant', kind: 'app' },
    ]);
    assert.equal(withTenant.rows.find((r) => r.id === '5e2ea864-0523-4c69-9383-a108412dd85a')?.name, 'Secure Boot UEFI CA 2023 check');
    assert.equal(withTenant.names.find((n) => n.id === '087d41ab-40fb-43b9-9e9e-023ff4715398')?.name, 'Microsoft Edge 146.0.3856.84');
  });
});

test("who was signed in: IME's user-session lines pair the SID with AzureAD\\AdamGell", async () => {
  await withIme(async (svc, id) => {
    const sessions = await svc.userSessions(id);
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0].user, 'AzureAD\\AdamGell');
    assert.deepEqual(sessions[0].from, ['IME user session']);
    assert.equal(sessions[0].endMs, null);
    // "Only while AzureAD\\AdamGell was signed in": from the first session line (AppWorkload, 4-1-2026 14:01:15) on.
    const only = await svc.filter(id, { timeRanges: sessions.map((s) => ({ fromMs: s.startMs, toMs: s.endMs ?? 8.64e15 })) });
    assert.equal(only.matches, 2466);
    assert.equal((await svc.filter(id, { fromMs: sessions[0].startMs })).matches, 2466, 'one open session is the same as "from its start"');
    const none = await svc.filter(id, { timeRanges: [{ fromMs: 0, toMs: 1 }] });
    assert.equal(none.matches, 0);
  });
});

test('sdh logs ime --json prints the same timeline; without --json, one run per entry with its codes', async () => {
  const run = async (args: string[]): Promise<string> => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (d: Buffer) => chunks.push(d));
    const code = await runCli(['logs', 'ime', ...args, join(imeReal, 'AgentExecutor.log'), join(imeReal, 'AppWorkload-20260401-160729.log')], { stdout, stderr: new PassThrough(), env: { ...process.env, SDH_TEMP_DIR: tmpdir() }, cwd: imeReal, signal: new AbortController().signal });
    assert.equal(code, 0);
    return Buffer.concat(chunks).toString('utf8');
  };
  const printed = JSON.parse(await run(['--json']));
  const dir = mkdtempSync(join(tmpdir(), 'sdh-ime-'));
  const svc = new LogsService({ tempDir: dir });
  try {
    const info = await svc.open([join(imeReal, 'AgentExecutor.log'), join(imeReal, 'AppWorkload-20260401-160729.log')]);
    assert.deepEqual(printed, await svc.imeTimeline(info.id));
  } finally {
    await svc.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(printed.rows.length, 6 + 148);
  const text = await run([]);
  assert.match(text, /remediation 5e2ea864-0523-4c69-9383-a108412dd85a\n {4}output: Compliant: Windows UEFI CA 2023/);
  assert.match(text, /154 runs; 37 GUIDs named from the logs\.\n$/);
});
