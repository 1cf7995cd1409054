// Who signed in, from a real Security log (test/fixtures/evtx/security_bad_string_cache.evtx): people's
// logons, logoffs, locks and unlocks, without machine accounts, service logons or system SIDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { signInOf, signInsOfFile, signInsOfFiles } from '../../../electron/services/logs/formats/evtx/sign-ins.ts';
import { repoRoot } from './helpers.ts';

test('sign-ins from a real Security log: the two people, their interactive logons and logoffs', () => {
  const all = signInsOfFile(join(repoRoot, 'test/fixtures/evtx/security_bad_string_cache.evtx'));
  const count = (kind: string, user: string): number => all.filter((s) => s.kind === kind && s.user === user).length;
  assert.deepEqual(new Set(all.map((s) => s.user)), new Set(['WIN-03DLIIOFRRA\\fsir', 'WIN-03DLIIOFRRA\\archir']));
  assert.equal(count('logon', 'WIN-03DLIIOFRRA\\fsir'), 84);
  assert.equal(count('logoff', 'WIN-03DLIIOFRRA\\fsir'), 44);
  assert.equal(count('logon', 'WIN-03DLIIOFRRA\\archir'), 4);
  assert.ok(all.every((s) => s.logonType !== '5' && !s.user.endsWith('$') && s.timeMs > Date.UTC(2000, 0, 1)), 'people only, with times');
  assert.ok(all.filter((s) => s.from === 'Security 4624').every((s) => /^0x[0-9a-f]+$/.test(s.logonId)), 'logons carry their logon ID');
  for (let k = 1; k < all.length; k++) assert.ok(all[k].timeMs >= all[k - 1].timeMs - 60_000, 'in file order');
});

test('Winlogon and User Profile Service notifications count; service and machine logons do not', () => {
  const base = { provider: '', eventId: '', level: 4, time: '', recordId: '1', channel: '', computer: 'PC', userSid: '', processId: '', threadId: '', keywords: '' };
  const winlogon = signInOf({ ...base, provider: 'Microsoft-Windows-Winlogon', eventId: '7001', data: [['TSId', '1'], ['UserSid', 'S-1-5-21-1-2-3-1001']] }, 1);
  assert.equal(winlogon?.kind, 'logon');
  assert.equal(winlogon?.sid, 'S-1-5-21-1-2-3-1001');
  const profile = signInOf({ ...base, provider: 'Microsoft-Windows-User Profiles Service', eventId: '2', userSid: 'S-1-5-21-1-2-3-1001', data: [['Session', '1']] }, 1);
  assert.equal(profile?.kind, 'logoff');
  const service = signInOf({ ...base, provider: 'Microsoft-Windows-Security-Auditing', eventId: '4624', data: [['TargetUserName', 'SYSTEM'], ['LogonType', '5'], ['TargetUserSid', 'S-1-5-18']] }, 1);
  assert.equal(service, null);
  const machine = signInOf({ ...base, provider: 'Microsoft-Windows-Security-Auditing', eventId: '4624', data: [['TargetUserName', 'PC$'], ['LogonType', '3']] }, 1);
  assert.equal(machine, null);
});

test('sign-ins of several files: event logs only, in time order, each with its file', () => {
  const security = join(repoRoot, 'test/fixtures/evtx/security_bad_string_cache.evtx');
  const newUser = join(repoRoot, 'test/fixtures/evtx/new-user-security.evtx');
  const text = join(repoRoot, 'test/fixtures/ime-real/AgentExecutor.log');
  const all = signInsOfFiles([text, security, newUser, join(repoRoot, 'test/fixtures/no-such-file.evtx')]);
  // new-user-security.evtx holds an account creation and group changes, no sign-in.
  assert.equal(signInsOfFile(newUser).length, 0);
  assert.equal(all.length, signInsOfFile(security).length);
  assert.ok(all.every((s) => s.path === security));
  for (let k = 1; k < all.length; k++) assert.ok(all[k].timeMs >= all[k - 1].timeMs, 'in time order');
});
