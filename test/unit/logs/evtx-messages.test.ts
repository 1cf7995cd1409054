// The built-in message lines of the events a shared-device technician reads most (Windows keeps the real
// texts in provider DLLs we do not have): Security logon/logoff/lock/unlock, Winlogon, User Profile
// Service, the MDM diagnostics provider and AAD; any other event shows its data as name=value pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventMessage, fieldLines } from '../../../electron/services/logs/formats/evtx/messages.ts';
import type { EventFields } from '../../../electron/services/logs/formats/evtx/render.ts';

const ev = (provider: string, eventId: string, data: [string, string][]): EventFields => ({
  provider, eventId, level: 0, time: '2026-07-30T11:05:01.000Z', recordId: '7', channel: 'Security', computer: 'SHARED-LAB-07',
  userSid: '', processId: '4', threadId: '8', keywords: '0x8020000000000000', data,
});
const SEC = 'Microsoft-Windows-Security-Auditing';
const user: [string, string][] = [['TargetUserName', 'kiosk.user'], ['TargetDomainName', 'CONTOSO'], ['TargetLogonId', '0x3e7a1']];

test('Security 4624, 4634, 4647, 4800, 4801', () => {
  assert.equal(eventMessage(ev(SEC, '4624', [...user, ['LogonType', '2'], ['IpAddress', '-']])), 'An account logged on: CONTOSO\\kiosk.user, logon type 2 (interactive), logon ID 0x3e7a1');
  assert.equal(eventMessage(ev(SEC, '4634', [...user, ['LogonType', '11']])), 'An account logged off: CONTOSO\\kiosk.user, logon type 11 (cached interactive), logon ID 0x3e7a1');
  assert.equal(eventMessage(ev(SEC, '4647', user)), 'User initiated logoff: CONTOSO\\kiosk.user, logon ID 0x3e7a1');
  assert.equal(eventMessage(ev(SEC, '4800', user)), 'The workstation was locked: CONTOSO\\kiosk.user');
  assert.equal(eventMessage(ev(SEC, '4801', user)), 'The workstation was unlocked: CONTOSO\\kiosk.user');
});

test('Winlogon, User Profile Service, MDM diagnostics provider and AAD', () => {
  assert.equal(eventMessage(ev('Microsoft-Windows-Winlogon', '7001', [['UserSid', 'S-1-12-1-1'], ['TSId', '1']])), 'User logon notification for the Customer Experience Improvement Program: S-1-12-1-1');
  assert.equal(eventMessage(ev('Microsoft-Windows-User Profiles Service', '1', [['Session', '2']])), 'Received user logon notification on session 2');
  assert.equal(eventMessage(ev('Microsoft-Windows-User Profiles Service', '1511', [])), 'Windows cannot find the local profile and is logging the user on with a temporary profile');
  const mdm = 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider';
  assert.equal(eventMessage(ev(mdm, '404', [['CSPURI', './Device/Vendor/MSFT/Policy/Config/Update/ActiveHoursStart'], ['Result', '0x86000011']])), 'MDM ConfigurationManager: command failure, CSP URI ./Device/Vendor/MSFT/Policy/Config/Update/ActiveHoursStart, result 0x86000011');
  assert.equal(eventMessage(ev(mdm, '209', [['Result', '0x0']])), 'MDM session: OMA-DM session ended, result 0x0');
  assert.equal(eventMessage(ev('Microsoft-Windows-AAD', '1098', [['Error', '0xCAA5001C'], ['ErrorMessage', 'Token broker operation failed']])), 'AAD error, 0xCAA5001C, Token broker operation failed');
});

test('any other event: its data as name=value pairs; the fields list the System facts', () => {
  const other = ev('Service Control Manager', '7036', [['param1', 'Print Spooler'], ['param2', 'running']]);
  assert.equal(eventMessage(other), 'param1=Print Spooler; param2=running');
  assert.equal(eventMessage(ev('Some-Provider', '12', [])), 'Some-Provider 12');
  const lines = fieldLines(other);
  assert.ok(lines.includes('Provider: Service Control Manager') && lines.includes('Event ID: 7036') && lines.includes('Time created (UTC): 2026-07-30T11:05:01.000Z'));
  assert.ok(lines.includes('param1: Print Spooler'));
});
