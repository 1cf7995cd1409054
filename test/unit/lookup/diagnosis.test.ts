import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnosisSchema } from '../../../electron/common/device.ts';
import { diagnose, diagnosisRules, type DiagnosisContext } from '../../../electron/services/lookup/diagnosis.ts';
import type { Sides } from '../../../electron/services/lookup/match.ts';
import { NOW, daysAgo, intuneSide, ws1Side } from './fixtures.ts';

const ctx = (o: Partial<DiagnosisContext> = {}): DiagnosisContext => ({ now: NOW, devicesEnrolledBy: () => null, devicesSignedInBy: () => null, ...o });
const ids = (s: Sides, c = ctx()) => diagnose(s, c).map((d) => d.ruleId);
const find = (s: Sides, id: string, c = ctx()) => diagnose(s, c).find((d) => d.ruleId === id);

const dem = 'dem.lab01@contoso.com';
const users = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `u${k}`, upn: `p${k}@contoso.com`, displayName: `P${k}`, lastSignIn: daysAgo(k + 1) }));

test('healthy single-platform devices have no findings', () => {
  assert.deepEqual(ids({ intune: intuneSide(), ws1: null }), []);
  assert.deepEqual(ids({ intune: null, ws1: ws1Side() }), []);
});

test('every rule has a unique id and schema-valid output', () => {
  assert.equal(new Set(diagnosisRules.map((r) => r.id)).size, diagnosisRules.length);
  const all = diagnose({ intune: intuneSide({ compliance: 'noncompliant', lastCheckIn: daysAgo(30) }), ws1: ws1Side({ userMode: 'singleUserLegacy' }) }, ctx());
  for (const d of all) diagnosisSchema.parse(d);
  assert.deepEqual(all.map((d) => d.severity), [...all.map((d) => d.severity)].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
});

test('DEM account as primary user of a shared device → remove primary user', () => {
  const d = find({ intune: intuneSide({ enrollmentType: 'dem', enrollmentTypeRaw: 'deviceEnrollmentManager', primaryUser: { id: 'd', upn: dem, displayName: 'DEM' }, enrolledBy: dem, loggedOnUsers: users(3) }), ws1: null }, 'intune.demPrimaryUser');
  assert.equal(d?.fix?.actionId, 'intune.removePrimaryUser');
  assert.match(d!.finding, /Company Portal/);
});

test('self-deploying or bulk device with a primary user', () => {
  for (const enrollmentType of ['selfDeploying', 'bulk'] as const)
    assert.equal(find({ intune: intuneSide({ enrollmentType }), ws1: null }, 'intune.sharedDeviceHasPrimaryUser')?.fix?.actionId, 'intune.removePrimaryUser');
  assert.equal(find({ intune: intuneSide({ enrollmentType: 'bulk', primaryUser: null }), ws1: null }, 'intune.sharedDeviceHasPrimaryUser'), undefined);
});

test('primary user no longer signs in while others do', () => {
  const one = find({ intune: intuneSide({ loggedOnUsers: [{ id: 'u-anna', upn: 'anna.berg@contoso.com', displayName: 'A', lastSignIn: daysAgo(90) }, ...users(1)] }), ws1: null }, 'intune.primaryUserInactive');
  assert.equal(one?.fix?.actionId, 'intune.assignPrimaryUser');
  assert.equal(one?.fix?.params.upn, 'p0@contoso.com');
  const many = find({ intune: intuneSide({ loggedOnUsers: users(3) }), ws1: null }, 'intune.primaryUserInactive');
  assert.equal(many?.fix?.actionId, 'intune.removePrimaryUser');
});

test('WS1 user modes: legacy → migrate; capable → change; single user shared → change', () => {
  assert.equal(find({ intune: null, ws1: ws1Side({ userMode: 'singleUserLegacy' }) }, 'ws1.legacySingleUser')?.fix?.actionId, 'ws1.migrateToMultiuser');
  const capable = find({ intune: null, ws1: ws1Side({ userMode: 'multiUserCapable', lastLoggedInUser: 'CONTOSO\\ben.kim' }) }, 'ws1.multiuserCapableButSingle');
  assert.equal(capable?.fix?.actionId, 'ws1.changeToMultiuser');
  assert.equal(capable?.severity, 'warning');
  assert.equal(find({ intune: null, ws1: ws1Side({ userMode: 'multiUserCapable' }) }, 'ws1.multiuserCapableButSingle')?.severity, 'info');
  assert.equal(find({ intune: null, ws1: ws1Side({ userMode: 'singleUser', lastLoggedInUser: 'CONTOSO\\ben.kim' }) }, 'ws1.singleUserShared')?.fix?.actionId, 'ws1.changeToMultiuser');
  assert.deepEqual(ids({ intune: null, ws1: ws1Side({ userMode: 'unknown', userModeRaw: 'Quantum' }) }), []);
});

test('Multiuser: enrolled user is not the signed-in user → reassignment failing, open the log', () => {
  const d = find({ intune: null, ws1: ws1Side({ enrolledUser: { id: '9', upn: 'staging', displayName: null }, lastLoggedInUser: 'CONTOSO\\ben.kim' }) }, 'ws1.reassignmentFailing');
  assert.equal(d?.severity, 'error');
  assert.equal(d?.fix?.actionId, 'logs.openReassignment');
});

test('identifier attribute mismatch: same person under another attribute, or a GUID', () => {
  const upnVsDomain = { intune: null, ws1: ws1Side({ enrolledUser: { id: '5', upn: 'anna.berg@contoso.com', displayName: null }, lastLoggedInUser: 'anna.berg@contoso.onmicrosoft.com' }) };
  assert.deepEqual(ids(upnVsDomain), ['ws1.identifierMismatch']);
  const guid = { intune: null, ws1: ws1Side({ lastLoggedInUser: '6f1c0e9a-71b2-4f7e-9d1e-0a1b2c3d4e5f' }) };
  const d = find(guid, 'ws1.identifierMismatch');
  assert.match(d?.advice ?? '', /Attributes for Unique Identifier/);
  assert.equal(d?.fix?.actionId, 'logs.openReassignment');
});

test('stale check-in (> 7 days) and noncompliance on either side', () => {
  const s = { intune: intuneSide({ lastCheckIn: daysAgo(8), compliance: 'noncompliant', complianceRaw: 'noncompliant' }), ws1: ws1Side({ serial: 'SER1', lastCheckIn: daysAgo(2) }) };
  assert.deepEqual(find(s, 'device.staleCheckIn')?.evidence, [`Intune: last check-in ${daysAgo(8)}`]);
  assert.match(find(s, 'device.staleCheckIn')?.finding ?? '', /^Intune: the device has not checked in for more than 7 days/, 'the headline names the platform it is about');
  assert.equal(find(s, 'device.noncompliant')?.severity, 'error');
  assert.match(find(s, 'device.noncompliant')?.finding ?? '', /^Intune reports the device as not compliant/);
  assert.equal(find({ intune: intuneSide({ lastCheckIn: daysAgo(6) }), ws1: null }, 'device.staleCheckIn'), undefined);
});

test('Entra-registered and Apple user enrollment: say it is unsupported, offer nothing', () => {
  const reg = { intune: intuneSide({ joinType: 'entraRegistered', enrollmentType: 'userEnrollment', loggedOnUsers: users(2) }), ws1: null };
  const d = diagnose(reg, ctx());
  assert.ok(d.some((x) => x.ruleId === 'intune.primaryUserChangeUnsupported' && x.fix === null && /not supported/.test(x.finding)));
  assert.ok(d.every((x) => !x.fix?.actionId.startsWith('intune.')), 'primary-user fixes are withdrawn');
  const ipad = find({ intune: intuneSide({ enrollmentType: 'appleUserEnrollment', serial: null, os: 'iOS' }), ws1: null }, 'intune.primaryUserChangeUnsupported');
  assert.match(ipad?.finding ?? '', /Apple User Enrollment/);
});

test('DEM account near its 1,000-device limit; a shared account on many devices', () => {
  const s = { intune: intuneSide({ enrollmentType: 'dem', primaryUser: { id: 'd', upn: dem, displayName: null }, enrolledBy: dem }), ws1: null };
  assert.equal(find(s, 'intune.demNearLimit', ctx({ devicesEnrolledBy: () => 990 }))?.severity, 'warning');
  assert.equal(find(s, 'intune.demNearLimit', ctx({ devicesEnrolledBy: () => 1000 }))?.severity, 'error');
  assert.equal(find(s, 'intune.demNearLimit', ctx({ devicesEnrolledBy: () => 12 })), undefined);
  const shared = { intune: intuneSide({ loggedOnUsers: [{ id: 'r', upn: 'remote.assist@contoso.com', displayName: 'RA', lastSignIn: daysAgo(1) }] }), ws1: null };
  const d = find(shared, 'account.sharedAccount', ctx({ devicesSignedInBy: (u) => (u === 'remote.assist@contoso.com' ? 36 : 19) }));
  assert.deepEqual(d?.evidence, ['remote.assist@contoso.com signed in on 36 devices']);
});

test('conflicting users between the Intune and WS1 sides of one device', () => {
  const single = { intune: intuneSide({ serial: 'S' }), ws1: ws1Side({ serial: 'S', userMode: 'singleUser', enrolledUser: { id: '1', upn: 'carl.diaz', displayName: null }, lastLoggedInUser: null }) };
  assert.ok(ids(single).includes('device.conflictingUsers'));
  const agree = { intune: intuneSide({ serial: 'S' }), ws1: ws1Side({ serial: 'S', userMode: 'singleUser', enrolledUser: { id: '1', upn: 'anna.berg', displayName: null }, lastLoggedInUser: null }) };
  assert.ok(!ids(agree).includes('device.conflictingUsers'));
});

test('every headline names its platform, and evidence uses words, not enum values', () => {
  const s = { intune: intuneSide({ enrollmentType: 'dem', enrollmentTypeRaw: 'deviceEnrollmentManager', primaryUser: { id: 'd', upn: 'dem@contoso.com', displayName: null }, loggedOnUsers: users(2) }), ws1: ws1Side({ serial: 'SER1', userMode: 'singleUserLegacy', userModeRaw: 'SINGLE_USER_LEGACY' }) };
  const reg = { intune: intuneSide({ joinType: 'entraRegistered', joinTypeRaw: 'azureADRegistered', enrollmentType: 'userEnrollment', enrollmentTypeRaw: 'windowsAzureADJoin' }), ws1: null };
  const all = [...diagnose(s, ctx()), ...diagnose(reg, ctx())];
  assert.ok(all.length >= 2);
  for (const d of all) assert.match(d.finding, /^(Intune|Workspace ONE|Sign-ins \(Intune and Workspace ONE\))[: ]|Intune and Workspace ONE/, d.finding);
  const text = all.flatMap((d) => [d.finding, ...d.evidence]).join('\n');
  assert.doesNotMatch(text, /deviceEnrollmentManager|SINGLE_USER_LEGACY|azureADRegistered|windowsAzureADJoin/);
  assert.doesNotMatch(text, /^(Intune|Workspace ONE): \1/m, 'the platform is named once');
  assert.match(text, /enrollment: BYOD user enrollment/);
  assert.match(text, /join type: Entra registered/);
});
