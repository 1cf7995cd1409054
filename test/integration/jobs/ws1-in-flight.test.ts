// Issue 14, point 2: a Workspace ONE mode change in flight when the process dies. The demo WS1 simulator
// (serving its own API description and holding the body to it) takes the command, applies it, and holds
// the answer; the job's process is SIGKILLed before it can record anything. On resume the devices are
// read back, the pending command counts as sent, and nothing is sent again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { startDemoTenant } from '../../../electron/services/demo/index.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { enumKey, ws1UserModes } from '../../../electron/services/ws1/mapping.ts';
import type { TargetResolution } from '../../../electron/common/jobs.ts';
import { keychainAuditKey } from './support/audit-key.ts';
import { runChild as runScript } from './support/run-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'support/demo-child.ts');

const runChild = (args: string[], started?: (p: ChildProcess) => void) => runScript(child, args, started);

/** Polls (every 10 ms, at most `ms`) until `ok()`; throws when the bound passes. */
async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

test('killed while its WS1 mode change waits for the answer: on resume the devices are read back and the command is not sent again', { timeout: 120_000 }, async () => {
  const demo = await startDemoTenant({ deviceCount: 400, consumeDelayMs: 3_600_000 });
  const dataDir = mkdtempSync(join(tmpdir(), 'sdh-ws1-kill-'));
  try {
    // single-user devices of one organization group: one mode-change call holds them all
    const group = demo.data.ws1Devices.find((d) => enumKey(d.userMode) === 'singleuser')!.locationGroupUuid;
    const devices = demo.data.ws1Devices.filter((d) => d.locationGroupUuid === group && ws1UserModes[enumKey(d.userMode)] === 'singleUser').slice(0, 12);
    assert.ok(devices.length >= 3, `${devices.length} single-user devices in one group`);
    const targets: TargetResolution[] = devices.map((d) => ({ input: d.friendlyName, matches: [{ key: d.serialNumber, name: d.friendlyName, ws1: { uuid: d.uuid, userMode: 'singleUser' } }] }));
    const planner = new JobEngine({ dataDir, audit: { key: keychainAuditKey }, executor: unusedExecutor, identity: () => ({ technician: 'tech@contoso.com', tenant: 'demo' }) });
    const plan = planner.plan({ goal: { kind: 'multiuser' }, targets });
    assert.equal(plan.totals.byAction['ws1.changeToMultiuser'], devices.length);
    await planner.close();

    // the simulator applies the command at once and answers only when the gate opens (never, here)
    const gate = new Promise<void>(() => {});
    demo.faults.inject('/api/mdm/devices/action', 'slow', { target: 'ws1', method: 'POST', times: 1, until: gate });
    const sent = () => devices.reduce((n, d) => n + demo.counters.actionCalls('CHANGE_TO_MULTIUSER', d.uuid), 0);
    const args = [dataDir, plan.planId, demo.ws1Url, `${demo.ws1.basicUser}:${demo.ws1.basicPassword}`, demo.ws1.tenantCode];
    let first: ChildProcess | undefined;
    const killed = runChild(args, (p) => (first = p));
    await until(() => sent() === devices.length, 60_000, 'the mode change to reach the simulator');
    for (const d of devices) assert.equal(demo.pendingUserMode(d.uuid), 'MultiUser', 'the simulator applied the command (pending on the device)');
    first!.kill('SIGKILL');
    assert.equal(await killed, 'killed');

    // the journal knows only that the call was in flight
    const look = new JobEngine({ dataDir, audit: { key: keychainAuditKey }, executor: unusedExecutor, identity: () => ({ technician: '', tenant: '' }) });
    assert.deepEqual(new Set(look.steps(plan.planId).map((s) => s.status)), new Set(['inFlight']));
    assert.equal(look.audit.count(plan.planId), 0);
    await look.close();

    assert.equal(await runChild(args), 'done finished');
    assert.equal(sent(), devices.length, 'each device was sent the command once, before the kill; the resume sent nothing');
    const after = new JobEngine({ dataDir, audit: { key: keychainAuditKey }, executor: unusedExecutor, identity: () => ({ technician: '', tenant: '' }) });
    const steps = after.steps(plan.planId);
    assert.ok(steps.every((s) => s.status === 'succeeded' && s.pending?.state === 'waiting'), JSON.stringify(steps.map((s) => [s.status, s.note])));
    assert.ok(steps.every((s) => /Accepted before the app stopped/.test(s.note ?? '')));
    assert.equal(after.audit.count(plan.planId), devices.length);
    assert.equal(after.audit.verify().ok, true);
    await after.close();
  } finally {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const unused = async (): Promise<never> => {
  throw new Error('this engine only reads the journal');
};
const unusedExecutor = { intuneWrite: unused, intuneSync: unused, ws1Action: unused, readState: unused };
