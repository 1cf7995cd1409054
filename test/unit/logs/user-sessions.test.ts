// Who was signed in when (issue 18, point 4): sign-in marks from reassignment lines in any wording the
// step patterns know, IME's SID lines and event logs, paired into one person's sessions at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SignInMarks, eventLogMarks } from '../../../electron/services/logs/sessions/sign-in-marks.ts';
import { pairSessions, type FileMark } from '../../../electron/services/logs/sessions/pair.ts';
import { decimalCode } from '../../../electron/services/logs/ime/rows.ts';
import { Win32AppRows } from '../../../electron/services/logs/ime/app-rows.ts';
import { repoRoot } from './helpers.ts';

const T0 = Date.UTC(2026, 10, 20, 8);
const min = 60_000;

test('sign-in lines of a reassignment log, in several wordings, and IME session lines become marks', () => {
  const marks = new SignInMarks('DeviceReassignment-20261120.log');
  const lines = [
    'User logon detected: CONTOSO\\anna.berg (session 2). Starting device reassignment check.',
    'Device join type: DomainJoined',
    'session 3: CONTOSO\\bob.k signed in',
    '[Win32App][EspHelper][GetLogonIdFromFirstSyncReg] Expected usersid for session 1 with name AzureAD\\carl is S-1-12-1-1-2-3-4',
    '[Win32App] ..................... Processing user session 1, userId: 6f1c2a9e-0000-4bbb-9ccc-123456789abc, userSID: S-1-12-1-1-2-3-4 .',
  ];
  lines.forEach((message, index) => marks.add({ index, timeMs: T0 + index * min, message }));
  assert.deepEqual(
    marks.done().map((m) => [m.kind, m.user, m.record]),
    [
      ['logon', 'CONTOSO\\anna.berg', 0],
      ['logon', 'CONTOSO\\bob.k', 2],
      ['seen', 'AzureAD\\carl', 3],
      ['seen', 'S-1-12-1-1-2-3-4', 4],
    ],
  );
});

test('pairing: one person at a time; a sign-off or the next person ends a session; a SID borrows its name', () => {
  const mark = (kind: FileMark['kind'], minute: number, user: string, sid = ''): FileMark => ({ kind, timeMs: T0 + minute * min, user, sid, from: 'test', record: minute, file: 0 });
  const sessions = pairSessions([
    mark('logon', 0, 'CONTOSO\\anna'),
    mark('seen', 5, 'anna@contoso.com'),
    mark('logoff', 10, 'CONTOSO\\anna'),
    mark('seen', 20, 'S-1-5-21-9', 'S-1-5-21-9'),
    mark('seen', 25, 'CONTOSO\\bob', 'S-1-5-21-9'),
    mark('logon', 40, 'CONTOSO\\carl'),
  ]);
  assert.deepEqual(
    sessions.map((s) => [s.user, (s.startMs - T0) / min, s.endMs === null ? null : (s.endMs - T0) / min]),
    [
      ['CONTOSO\\anna', 0, 10],
      ['CONTOSO\\bob', 20, 40],
      ['CONTOSO\\carl', 40, null],
    ],
  );
});

test('an event log gives its Security sign-ins as marks', () => {
  const marks = eventLogMarks(join(repoRoot, 'test/fixtures/evtx/security_bad_string_cache.evtx'));
  assert.ok(marks.length > 0);
  assert.deepEqual(new Set(marks.map((m) => m.user)), new Set(['WIN-03DLIIOFRRA\\fsir', 'WIN-03DLIIOFRRA\\archir']));
  const sessions = pairSessions(marks.map((m) => ({ ...m, file: 0 })));
  assert.ok(sessions.length > 0 && sessions.every((s) => s.endMs === null || s.endMs >= s.startMs));
});

test('Win32 app error codes IME reports as decimals are explained', () => {
  assert.deepEqual(decimalCode(-2016345060), { code: '0x87D1041C', kind: 'intune', name: 'Win32 app not detected', meaning: 'The app installed, but the detection rule did not find it afterwards.' });
  assert.equal(decimalCode(1603).name, 'ERROR_INSTALL_FAILURE');
  const rows = new Win32AppRows(0, 'AppWorkload.log');
  const id = '05d1ca79-1a9f-4d94-b9a2-6e8b279c5701';
  const rec = (index: number, message: string) => ({ index, time: null, timeMs: T0 + index * 1000, level: 'info' as const, message });
  rows.add(rec(0, `[Win32App][V3Processor] Processing subgraph with app ids: ${id}`));
  rows.add(rec(1, `[Win32App][ReportingManager] Sending status to company portal based on report: {"ApplicationId":"${id}","ResultantAppState":2,"EnforcementErrorCode":-2016345060}`));
  rows.add(rec(2, '[Win32App][V3Processor] Done processing subgraph.'));
  const [row] = rows.done();
  assert.equal(row.outcome, 'failed');
  assert.deepEqual(row.errorCodes.map((c) => c.code), ['0x87D1041C']);
  assert.equal(row.durationMs, 2000);
});
