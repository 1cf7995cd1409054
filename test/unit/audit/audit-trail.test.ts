import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { AuditTrail, genesisHash, type AuditDraft } from '../../../electron/services/audit/audit-trail.ts';
import { auditToCsv, csvCell } from '../../../electron/services/audit/csv.ts';

function draft(i: number, over: Partial<AuditDraft> = {}): AuditDraft {
  return {
    at: new Date(Date.UTC(2026, 10, 23, 8, 0, i)).toISOString(),
    technician: i % 2 ? 'anna@contoso.com' : 'ben@contoso.com',
    tenant: 'contoso',
    jobId: `job-${i % 3}`,
    deviceKey: `SN${i}`,
    deviceName: `PC-${i}`,
    action: i % 2 ? 'intune.removePrimaryUser' : 'ws1.changeToMultiuser',
    before: i % 2 ? { primaryUser: { id: 'u1', upn: 'u1@contoso.com' } } : { ws1UserMode: 'singleUser' },
    after: i % 2 ? { primaryUser: null } : { ws1UserMode: 'multiUser' },
    result: i === 4 ? 'failed' : 'succeeded',
    requestId: `req-${i}`,
    ...over,
  };
}

function filled(n = 6) {
  const db = openJobsDatabase(':memory:');
  const audit = new AuditTrail(db);
  for (let i = 1; i <= n; i++) audit.append(draft(i));
  return { db, audit };
}

test('entries chain: each carries the previous hash, and the chain verifies', () => {
  const { audit } = filled();
  const all = audit.query();
  assert.equal(all.length, 6);
  assert.equal(all[0].prevHash, genesisHash);
  for (let i = 1; i < all.length; i++) assert.equal(all[i].prevHash, all[i - 1].hash);
  assert.deepEqual(audit.verify(), { ok: true, entries: 6, firstBrokenSeq: null });
});

test('the table refuses UPDATE and DELETE', () => {
  const { db } = filled();
  assert.throws(() => db.prepare("UPDATE audit SET result = 'succeeded' WHERE seq = 4").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit WHERE seq = 2').run(), /append-only/);
});

test('an altered, removed or re-linked entry breaks the chain and is reported', () => {
  const tamper = (sql: string) => {
    const { db, audit } = filled();
    db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    db.exec(sql);
    return audit.verify();
  };
  const altered = tamper(`UPDATE audit SET body = replace(body, '"failed"', '"succeeded"') WHERE seq = 4`);
  assert.deepEqual(altered, { ok: false, entries: 4, firstBrokenSeq: 4, problem: 'entry 4 was altered' });
  const removed = tamper('DELETE FROM audit WHERE seq = 3');
  assert.equal(removed.ok, false);
  assert.equal(removed.firstBrokenSeq, 4);
  assert.match(removed.problem!, /entry 3 is missing/);
  const lastRemoved = tamper('DELETE FROM audit WHERE seq = 6');
  assert.equal(lastRemoved.ok, true, 'removing the tail cannot be seen from the chain alone');
  const relinked = tamper(`UPDATE audit SET prev_hash = '${'f'.repeat(64)}' WHERE seq = 2`);
  assert.deepEqual([relinked.ok, relinked.firstBrokenSeq], [false, 2]);
});

test('filters by technician, device, action, result, job and time', () => {
  const { audit } = filled();
  assert.deepEqual(audit.query({ technician: 'anna@contoso.com' }).map((e) => e.seq), [1, 3, 5]);
  assert.deepEqual(audit.query({ device: 'PC-2' }).map((e) => e.seq), [2]);
  assert.deepEqual(audit.query({ action: 'ws1' }).map((e) => e.seq), [2, 4, 6]);
  assert.deepEqual(audit.query({ result: 'failed' }).map((e) => e.seq), [4]);
  assert.deepEqual(audit.query({ jobId: 'job-0' }).map((e) => e.seq), [3, 6]);
  assert.deepEqual(audit.query({ from: '2026-11-23T08:00:02.000Z', to: '2026-11-23T08:00:03.000Z' }).map((e) => e.seq), [2, 3]);
  assert.deepEqual(audit.query({ limit: 2 }).map((e) => e.seq), [1, 2]);
});

test('CSV export: one header, one line per entry, quoting and formula neutralising', () => {
  const { audit } = filled(2);
  audit.append(draft(3, { deviceName: 'PC, "lab"', message: '=HYPERLINK("x")' }));
  const csv = auditToCsv(audit.query());
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^seq,at,technician,tenant,jobId,deviceKey,deviceName,action,before,after,result,message,requestId,prevHash,hash$/);
  assert.match(lines[1], /primaryUser=\(none\)|userMode=multiuser/);
  assert.ok(lines[3].includes('"PC, ""lab"""'));
  assert.ok(lines[3].includes(`"'=HYPERLINK(""x"")"`));
  assert.equal(csvCell('-1'), "'-1");
});
