// dsregcmd /status facts: join state (Microsoft Learn's table of AzureAdJoined / EnterpriseJoined /
// DomainJoined), the user's PRT, device and tenant ids, and plain diagnosis lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsregcmdFacts } from '../../../electron/services/logs/formats/dsregcmd-facts.ts';
import { repoRoot } from './helpers.ts';

const border = '+----------------------------------------------------------------------+';
const section = (title: string, rows: [string, string][]): string =>
  [border, `| ${title.padEnd(69)}|`, border, '', ...rows.map(([k, v]) => `${k.padStart(30)} : ${v}`), ''].join('\r\n');
const state = (aad: string, ent: string, dom: string): string => section('Device State', [['AzureAdJoined', aad], ['EnterpriseJoined', ent], ['DomainJoined', dom]]);

test('the bundle sample: Entra joined, no PRT, with the failed attempt in plain words', () => {
  const f = dsregcmdFacts(readFileSync(join(repoRoot, 'test/fixtures/bundle/dsregcmd-status.txt'), 'utf8'));
  assert.equal(f.joinState, 'Microsoft Entra joined');
  assert.deepEqual([f.azureAdJoined, f.enterpriseJoined, f.domainJoined, f.workplaceJoined, f.azureAdPrt], [true, false, false, false, false]);
  assert.equal(f.deviceId, '5f1c2b7e-8a4d-4c1e-9b0a-3d6e2f7a9c11');
  assert.equal(f.tenantId, '72f988bf-0000-4d1c-a0b2-3c4d5e6f7a8b');
  assert.equal(f.tenantName, 'Contoso');
  assert.equal(f.deviceName, 'SHARED-LAB-07');
  assert.equal(f.azureAdPrtUpdateTime, null);
  assert.equal(f.diagnosis[0], 'The device is Microsoft Entra joined to the tenant Contoso.');
  assert.match(f.diagnosis[1], /^The signed-in user has no Primary Refresh Token \(AzureAdPrt: NO\).*0xc000006d \(AADSTS50126: /);
});

test('every join state of the documented table, and registered / not joined', () => {
  const cases: [string, string, string, string][] = [
    ['YES', 'NO', 'NO', 'Microsoft Entra joined'],
    ['NO', 'NO', 'YES', 'Domain joined'],
    ['YES', 'NO', 'YES', 'Microsoft Entra hybrid joined'],
    ['NO', 'YES', 'YES', 'On-premises DRS joined'],
    ['NO', 'NO', 'NO', 'Not joined'],
  ];
  for (const [aad, ent, dom, want] of cases) assert.equal(dsregcmdFacts(state(aad, ent, dom)).joinState, want, `${aad}/${ent}/${dom}`);
  const registered = state('NO', 'NO', 'NO') + section('User State', [['WorkplaceJoined', 'YES']]);
  assert.equal(dsregcmdFacts(registered).joinState, 'Microsoft Entra registered');
  assert.equal(dsregcmdFacts('Windows IP Configuration\r\n').joinState, 'Unknown');
  assert.match(dsregcmdFacts('').diagnosis[0], /join state is unknown/);
});

test('a PRT with its renewal time; a failed device authentication; no SSO section', () => {
  const ok = dsregcmdFacts(
    state('YES', 'NO', 'YES') +
      section('Device Details', [['DeviceId', 'abc'], ['DeviceAuthStatus', 'FAILED. Device is either disabled or deleted']]) +
      section('SSO State', [['AzureAdPrt', 'YES'], ['AzureAdPrtUpdateTime', '2026-07-30 08:01:12.000 UTC']]),
  );
  assert.equal(ok.joinState, 'Microsoft Entra hybrid joined');
  assert.equal(ok.azureAdPrt, true);
  assert.equal(ok.azureAdPrtUpdateTime, '2026-07-30 08:01:12.000 UTC');
  assert.ok(ok.diagnosis.some((l) => l.startsWith('The device cannot authenticate to Microsoft Entra ID (DeviceAuthStatus: FAILED.')));
  assert.ok(ok.diagnosis.includes('The signed-in user has a Primary Refresh Token, last renewed 2026-07-30 08:01:12.000 UTC.'));
  const noUser = dsregcmdFacts(state('YES', 'NO', 'NO'));
  assert.equal(noUser.azureAdPrt, null);
  assert.ok(noUser.diagnosis.some((l) => /no SSO State section/.test(l)));
  assert.ok(dsregcmdFacts(state('NO', 'NO', 'YES')).diagnosis.some((l) => /not joined to Microsoft Entra ID/.test(l)));
});
