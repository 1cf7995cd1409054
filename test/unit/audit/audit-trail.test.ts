import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openJobsDatabase } from '../../../electron/services/jobs/db.ts';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditTrail, entryContent, genesisHash, type AuditDraft } from '../../../electron/services/audit/audit-trail.ts';
import { fileAnchor } from '../../../electron/services/audit/anchor.ts';
import { auditKeyFrom, auditKeySecret, loadAuditKey, sessionAuditKey, type AuditKey } from '../../../electron/services/audit/audit-key.ts';
import { SessionSecretStore, type SecretStore } from '../../../electron/services/secrets/secret-store.ts';
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
  for (let i = 1; i <= n; i++) {
    audit.append(draft(i));
    audit.commitAnchor();
  }
  return { db, audit };
}

test('entries chain: each carries the previous hash, and the chain verifies', () => {
  const { audit } = filled();
  const all = audit.query().reverse();
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

/** A trail over a real jobs.db with its file anchor, as the app keeps it, and a tamper step with triggers dropped. */
function onDisk(o: { key?: AuditKey } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sdh-audit-'));
  const key = o.key ?? auditKeyFrom(Buffer.alloc(32, 7), true);
  const open = (k: AuditKey = key, knownKeys: AuditKey[] = []) => {
    const db = openJobsDatabase(join(dir, 'jobs.db'));
    return { db, audit: new AuditTrail(db, { key: k, knownKeys, anchor: fileAnchor(join(dir, 'audit-anchor.json')) }) };
  };
  const first = open();
  for (let i = 1; i <= 6; i++) {
    first.audit.append(draft(i));
    first.audit.commitAnchor();
  }
  const tamper = (sql: string) => {
    first.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    first.db.exec(sql);
  };
  return { dir, key, open, first, tamper, close: () => (first.db.close(), rmSync(dir, { recursive: true, force: true })) };
}

test('"Check the chain" reports a rewritten entry, even with its hash recomputed without the key', () => {
  const t = onDisk();
  try {
    const e = t.first.audit.query({ jobId: 'job-1' }).find((x) => x.seq === 4)!;
    const forged = { ...e, result: 'succeeded' as const };
    // an attacker who recomputes the old unkeyed SHA-256 over the edited content still fails: the chain is keyed
    const fakeHash = createHash('sha256').update(entryContent(e.prevHash, 4, forged, t.key.id)).digest('hex');
    t.tamper(`UPDATE audit SET body = replace(body, '"failed"', '"succeeded"'), result = 'succeeded', hash = '${fakeHash}' WHERE seq = 4`);
    const v = t.first.audit.verify();
    console.log(`[audit] rewritten entry: ${JSON.stringify(v)}`);
    assert.deepEqual(v, { ok: false, entries: 4, firstBrokenSeq: 4, problem: 'entry 4 was rewritten after it was recorded' });
  } finally {
    t.close();
  }
});

test('"Check the chain" reports a deleted entry, also when the later ones are renumbered', () => {
  const t = onDisk();
  try {
    t.tamper('DELETE FROM audit WHERE seq = 3');
    const gap = t.first.audit.verify();
    console.log(`[audit] deleted entry: ${JSON.stringify(gap)}`);
    assert.deepEqual([gap.ok, gap.firstBrokenSeq], [false, 3]);
    assert.match(gap.problem!, /entry 3 was deleted/);
    t.tamper('UPDATE audit SET seq = seq - 1 WHERE seq > 3');
    const renumbered = t.first.audit.verify();
    assert.deepEqual([renumbered.ok, renumbered.firstBrokenSeq], [false, 3]);
    assert.match(renumbered.problem!, /does not follow entry 2/);
  } finally {
    t.close();
  }
});

test('"Check the chain" reports a cut tail through the anchor kept beside the database', () => {
  const t = onDisk();
  try {
    assert.deepEqual(t.first.audit.verify(), { ok: true, entries: 6, firstBrokenSeq: null });
    t.tamper('DELETE FROM audit WHERE seq >= 5');
    const v = t.first.audit.verify();
    console.log(`[audit] cut tail: ${JSON.stringify(v)}`);
    assert.deepEqual(v, { ok: false, entries: 4, firstBrokenSeq: 5, problem: 'the trail ends at entry 4 but had 6 entries: entries 5 to 6 were cut off' });
    // a later run that appends again does not hide the cut: the new entry 5 is not the anchored one
    const later = t.open();
    later.audit.append(draft(7));
    later.audit.commitAnchor();
    const after = later.audit.verify();
    assert.deepEqual([after.ok, after.firstBrokenSeq], [false, 6]);
    later.db.close();
    // removing the anchor file is noticed too
    rmSync(join(t.dir, 'audit-anchor.json'));
    assert.match(t.first.audit.verify().problem!, /anchor .* is missing/);
  } finally {
    t.close();
  }
});

test('the keychain key checks entries across runs; without a keychain the session key still chains and anchors', () => {
  const t = onDisk();
  try {
    const again = t.open(auditKeyFrom(Buffer.alloc(32, 7), true));
    assert.deepEqual(again.audit.verify(), { ok: true, entries: 6, firstBrokenSeq: null });
    again.db.close();
    // no keychain: a key for this session only; older entries can be checked for order, not content
    const session = sessionAuditKey();
    assert.equal(session.persistent, false);
    const next = t.open(session);
    next.audit.append(draft(7));
    next.audit.commitAnchor();
    const v = next.audit.verify();
    assert.equal(v.ok, true);
    assert.match(v.note!, /6 entries were signed with a key of an earlier session/);
    next.db.exec('DROP TRIGGER IF EXISTS audit_no_update;');
    next.db.exec(`UPDATE audit SET body = replace(body, '"succeeded"', '"failed"') WHERE seq = 7`);
    assert.deepEqual(next.audit.verify().firstBrokenSeq, 7, 'this session\'s entries are checked with the session key');
    next.db.close();
  } finally {
    t.close();
  }
});

test('loadAuditKey: kept in the keychain and read back; made per session where there is none', async () => {
  const values = new Map<string, string>();
  const keychain: SecretStore = {
    persistence: { kind: 'keychain' },
    get: async (k) => values.get(k) ?? null,
    set: async (k, v) => void values.set(k, v),
    delete: async (k) => values.delete(k),
  };
  const a = await loadAuditKey(keychain);
  const b = await loadAuditKey(keychain);
  assert.equal(a.id, b.id);
  assert.equal(a.persistent, true);
  assert.match(values.get(auditKeySecret)!, /^[0-9a-f]{64}$/);
  const none = await loadAuditKey(new SessionSecretStore({ code: 'no-dbus', message: 'no keychain' }));
  assert.equal(none.persistent, false);
  assert.notEqual(none.id, a.id);
});

test('filters by technician, device, action, result, job and time', () => {
  const { audit } = filled();
  // newest first
  assert.deepEqual(audit.query({ technician: 'anna@contoso.com' }).map((e) => e.seq), [5, 3, 1]);
  assert.deepEqual(audit.query({ device: 'PC-2' }).map((e) => e.seq), [2]);
  assert.deepEqual(audit.query({ action: 'ws1' }).map((e) => e.seq), [6, 4, 2]);
  assert.deepEqual(audit.query({ result: 'failed' }).map((e) => e.seq), [4]);
  assert.deepEqual(audit.query({ jobId: 'job-0' }).map((e) => e.seq), [6, 3]);
  assert.deepEqual(audit.query({ from: '2026-11-23T08:00:02.000Z', to: '2026-11-23T08:00:03.000Z' }).map((e) => e.seq), [3, 2]);
  assert.deepEqual(audit.query({ limit: 2 }).map((e) => e.seq), [6, 5]);
  assert.deepEqual(audit.query({ text: 'req-3' }).map((e) => e.seq), [3]);
});

test('CSV export: one header, one line per entry, quoting and formula neutralising', () => {
  const { audit } = filled(2);
  audit.append(draft(3, { deviceName: 'PC, "lab"', message: '=HYPERLINK("x")' }));
  audit.commitAnchor();
  const csv = auditToCsv(audit.query());
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0], /^seq,at,technician,tenant,platform,action,device,deviceKey,before,after,result,reason,message,job,requestId,actionId,hash$/);
  // newest first, the action in words
  assert.ok(lines[1].includes('"PC, ""lab"""'));
  assert.ok(lines[1].includes(`"'=HYPERLINK(""x"")"`));
  assert.match(lines[2], /,(Intune,Remove the primary user \(make shared\)|Workspace ONE,Change to Multiuser),PC-2,/);
  assert.match(lines[3], /primaryUser=\(none\)|userMode=multiuser/);
  assert.equal(csvCell('-1'), "'-1");
});
