import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createModeGroup, parseGoal, type ModeContext } from '../../../electron/services/cli/commands/mode.ts';
import { UsageError, type CliIo } from '../../../electron/services/cli/command.ts';
import { JobEngine } from '../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { systemClock } from '../../../electron/services/jobs/clock.ts';
import { jobTargetFromDevice, resolveExact } from '../../../electron/services/jobs/targets.ts';
import type { Device } from '../../../electron/common/device.ts';
import { FakeTenant } from './support/fake-tenant.ts';
import { auditKeyFrom } from '../../../electron/services/audit/audit-key.ts';
import { fileAnchor } from '../../../electron/services/audit/anchor.ts';

const auditKey = auditKeyFrom(Buffer.alloc(32, 3), true);

function sink() {
  let text = '';
  const w = new Writable({
    write(c, _e, cb) {
      text += String(c);
      cb();
    },
  });
  return { w, text: () => text };
}

/** A device card as the lookup returns it (only the fields the engine reads matter here). */
function card(i: number): Device {
  const now = new Date().toISOString();
  return {
    key: `serial:sn${i}`,
    name: `LAB-${i}`,
    serial: `SN${i}`,
    model: null,
    os: 'Windows',
    match: null,
    diagnoses: [],
    timeline: [],
    ws1: null,
    intune: {
      id: `intune-${i}`, azureAdDeviceId: null, name: `LAB-${i}`, serial: `SN${i}`, model: null, manufacturer: null, os: 'Windows', osVersion: null,
      ownership: 'corporate', ownershipRaw: null, enrollmentType: 'dem', enrollmentTypeRaw: 'deviceEnrollmentManager', enrollmentProfileName: null,
      autopilotEnrolled: false, joinType: 'entraJoined', joinTypeRaw: 'azureADJoined', primaryUser: { id: 'dem', upn: 'dem@contoso.com', displayName: null },
      enrolledBy: 'dem@contoso.com', loggedOnUsers: [], lastCheckIn: null, compliance: 'compliant', complianceRaw: null, detailsLoaded: true, portalUrl: null,
      freshness: { fetchedAt: now, fromCache: false },
    },
  };
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-mode-cli-'));
  const tenant = new FakeTenant({ now: Date.now, writeLimit: { count: 1000, windowMs: 1000 } });
  const cards = Array.from({ length: 8 }, (_, i) => card(i));
  for (const c of cards) tenant.add({ key: c.key, name: c.name, intuneId: c.intune!.id, primaryUser: { id: 'dem', upn: 'dem@contoso.com' } });
  const db = openJobsDatabase(join(dir, 'jobs.db'));
  const group = createModeGroup(async () => {
    const engine = new JobEngine({ db: openJobsDatabase(join(dir, 'jobs.db')), audit: { key: auditKey, anchor: fileAnchor(join(dir, 'audit-anchor.json')) }, executor: tenant.executor(systemClock), identity: () => ({ technician: 'cli@contoso.com', tenant: 'test' }), limits: { intune: { count: 1000, windowMs: 1000 } } });
    const ctx: ModeContext = {
      engine,
      resolve: async (inputs, match) =>
        match === 'query'
          ? cards.filter((c) => c.name.startsWith(inputs[0])).map((c) => ({ input: c.name, matches: [jobTargetFromDevice(c)] }))
          : inputs.map((i) => resolveExact(i, cards.filter((c) => c.name === i || c.serial === i))),
      resolveUser: async (upn) => (upn === 'ben@contoso.com' ? { id: 'ben', upn } : null),
      close: () => engine.close(),
    };
    return ctx;
  });
  const run = async (...args: string[]) => {
    const out = sink();
    const err = sink();
    const io: CliIo = { stdout: out.w, stderr: err.w, env: {}, cwd: dir, signal: new AbortController().signal };
    const code = await group.run(args, io);
    return { code, out: out.text(), err: err.text() };
  };
  return { dir, tenant, run, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

test('goals from --to', () => {
  assert.deepEqual(parseGoal('multiuser'), { kind: 'multiuser' });
  assert.deepEqual(parseGoal('user:anna@contoso.com'), { kind: 'user', upn: 'anna@contoso.com' });
  assert.deepEqual(parseGoal('frequent-user:14'), { kind: 'mostFrequent', days: 14 });
  assert.deepEqual(parseGoal('last-user'), { kind: 'lastSignedIn' });
  assert.throws(() => parseGoal('sideways'), UsageError);
  assert.throws(() => parseGoal(undefined), UsageError);
});

test('plan --json prints only the preview; run needs --yes; then resume, undo, jobs and audit', async () => {
  const s = setup();
  try {
    const plan = await s.run('plan', '--json', '--to', 'shared', 'LAB');
    assert.equal(plan.code, 0);
    const preview = JSON.parse(plan.out);
    assert.equal(preview.totals.toChange, 8);
    assert.equal(preview.confirmCount, 8);
    await assert.rejects(s.run('run', '--to', 'shared', 'LAB'), /add --yes to change 8 devices/);
    assert.equal(s.tenant.changes.size, 0);

    const ran = await s.run('run', '--json', '--to', 'shared', 'LAB', '--yes');
    assert.equal(ran.code, 0);
    const r = JSON.parse(ran.out);
    assert.equal(r.job.status, 'finished');
    assert.equal(r.counts.succeeded, 8);
    assert.equal(s.tenant.changes.size, 8);

    const undoPreview = await s.run('undo', r.job.id, '--json');
    assert.equal(JSON.parse(undoPreview.out).totals.byAction['intune.assignPrimaryUser'], 8);
    const undone = await s.run('undo', r.job.id, '--yes', '--json');
    assert.equal(JSON.parse(undone.out).counts.succeeded, 8);
    for (const d of s.tenant.byIntune.values()) assert.deepEqual(d.primaryUser, { id: 'dem', upn: 'dem@contoso.com' });

    await assert.rejects(s.run('resume', r.job.id), /is finished; there is nothing to resume/);
    const jobs = JSON.parse((await s.run('jobs', '--json')).out).jobs;
    assert.equal(jobs.length, 5); // plan, run, undo preview, undo run… the first plan stays planned
    assert.equal((await s.run('audit', '--verify')).out, 'Audit trail intact: 16 entries.\n');
    // Intune applies its changes at once: nothing waits for a device
    assert.deepEqual(JSON.parse((await s.run('pending', '--json')).out), { confirmed: 0, gaveUp: 0, waiting: 0 });
    const csv = (await s.run('audit', '--csv', '--device', 'LAB-3')).out.trim().split('\r\n');
    assert.equal(csv.length, 3);
  } finally {
    s.close();
  }
});

test('--devices CSV resolves each line exactly: not found and assign-a-user rows show in the preview', async () => {
  const s = setup();
  try {
    writeFileSync(join(s.dir, 'devices.csv'), 'serial,comment\nSN1,first\n"SN2",second\nSN404,ghost\n');
    const plan = await s.run('plan', '--to', 'user:ben@contoso.com', '--devices', 'devices.csv');
    assert.equal(plan.code, 0);
    assert.match(plan.out, /SN1 +LAB-1 .*POST .*→ ben@contoso.com/);
    assert.match(plan.out, /SN404 +— +— +skipped: notFound/);
    assert.match(plan.out, /3 devices: 2 to change, 1 skipped \(notFound 1\)/);
    await assert.rejects(s.run('plan', '--to', 'shared'), /either --devices CSV or a QUERY/);
    await assert.rejects(s.run('plan', '--to', 'shared', '--devices', 'missing.csv'), /cannot be read/);
  } finally {
    s.close();
  }
});
