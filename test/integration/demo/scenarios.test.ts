// Each scenario the product diagnoses is present and reachable through the real wire shapes, found by
// the example device of `scenarioExamples`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { scenarioExamples, scenarioIds, scenarios, type DemoTenant, type ScenarioId } from '../../../electron/services/demo/index.ts';
import { graph, T0, tenant, ws1 } from './support.ts';

let t: DemoTenant;
let g: ReturnType<typeof graph>;
let w: ReturnType<typeof ws1>;

before(async () => {
  ({ t } = await tenant());
  g = graph(t);
  w = ws1(t);
});
after(() => t.stop());

const DETAIL = 'id,deviceName,serialNumber,userPrincipalName,userId,operatingSystem,deviceEnrollmentType,managedDeviceOwnerType,managementAgent,joinType,autopilotEnrolled,enrollmentProfileName,enrolledByUserPrincipalName,usersLoggedOn,lastSyncDateTime';
const DAY = 86_400_000;

/** The example device through Graph: LIST by name, then GET its details. */
async function intune(id: ScenarioId): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire record
  const name = scenarioExamples[id].deviceName;
  const list = await g.get(`/beta/deviceManagement/managedDevices?$select=id&$filter=${encodeURIComponent(`deviceName eq '${name}'`)}`);
  assert.equal(list.json.value.length, 1, name);
  return (await g.get(`/beta/deviceManagement/managedDevices/${list.json.value[0].id}?$select=${DETAIL}`)).json;
}

/** The example device through WS1: by serial number (v1). */
async function uem(id: ScenarioId): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire record
  const a = await w.get(`/api/mdm/devices?searchby=Serialnumber&id=${scenarioExamples[id].serialNumber}`);
  assert.equal(a.status, 200, id);
  assert.equal(a.json.DeviceReportedName, scenarioExamples[id].deviceName);
  return a.json;
}

test('every scenario has its devices, and its example on the platforms it claims', () => {
  for (const id of scenarioIds) {
    const ex = scenarioExamples[id];
    const inIntune = t.data.intuneDevices.filter((d) => d.scenario === id).length;
    const inWs1 = t.data.ws1Devices.filter((d) => d.scenario === id).length;
    const spec = scenarios[id];
    assert.equal(spec.presence === 'ws1' ? inWs1 : inIntune, spec.count, id);
    if (spec.presence === 'both') assert.equal(inWs1, spec.count, id);
    if (spec.presence !== 'ws1') assert.ok(t.data.intuneDevices.some((d) => d.deviceName === ex.deviceName), id);
    if (spec.presence !== 'intune') assert.ok(t.data.ws1Devices.some((d) => d.reportedName === ex.deviceName), id);
  }
  const windows = t.data.intuneDevices.filter((d) => d.operatingSystem === 'Windows').length + t.data.ws1Devices.length;
  assert.ok(windows >= 2000, `${windows} Windows device records`);
});

test('DEM: the DEM account is the primary user; one DEM account is near its 1,000-device limit', async () => {
  const d = await intune('dem-primary-user');
  assert.equal(d.deviceEnrollmentType, 'deviceEnrollmentManager');
  assert.equal(d.userPrincipalName, 'dem.lab01@contoso.com');
  assert.equal(d.enrolledByUserPrincipalName, d.userPrincipalName);
  const { rows } = await g.all(`/v1.0/deviceManagement/managedDevices?$select=id&$filter=${encodeURIComponent("userPrincipalName eq 'dem.classroom@contoso.com' and deviceEnrollmentType eq 'deviceEnrollmentManager'")}`);
  assert.ok(rows.length >= 950 && rows.length < 1000, `${rows.length}`);
});

test('Autopilot self-deploying and bulk-enrolled devices have no primary user', async () => {
  const kiosk = await intune('autopilot-self-deploying');
  assert.equal(kiosk.userPrincipalName, '');
  assert.equal(kiosk.autopilotEnrolled, true);
  assert.equal(kiosk.deviceEnrollmentType, 'windowsAzureADJoinUsingDeviceAuth');
  assert.deepEqual((await g.get(`/beta/deviceManagement/managedDevices/${kiosk.id}/users`)).json.value, []);
  const bulk = await intune('bulk-enrolled');
  assert.equal(bulk.userPrincipalName, '');
  assert.match(bulk.deviceEnrollmentType, /^windowsBulk/);
  assert.match(bulk.enrolledByUserPrincipalName, /^package_/);
});

test('user-driven, hybrid joined, Entra registered and co-managed', async () => {
  const ud = await intune('user-driven');
  assert.equal(ud.joinType, 'azureADJoined');
  assert.equal(ud.autopilotEnrolled, true);
  assert.ok(ud.userPrincipalName);
  assert.equal((await intune('hybrid-joined')).joinType, 'hybridAzureADJoined');
  const reg = await intune('entra-registered');
  assert.equal(reg.joinType, 'azureADRegistered');
  assert.equal(reg.managedDeviceOwnerType, 'personal');
  const cm = await intune('co-managed');
  assert.equal(cm.deviceEnrollmentType, 'windowsCoManagement');
  assert.equal(cm.managementAgent, 'configurationManagerClientMdm');
});

test('one shared account is signed in on dozens of devices', async () => {
  const d = await intune('shared-account');
  const shared = t.data.accounts.sharedAccount;
  assert.ok(d.usersLoggedOn.some((u: { userId: string }) => u.userId === shared.id));
  const devices = await g.get(`/beta/users/${shared.id}/getLoggedOnManagedDevices?$select=id`);
  assert.ok(devices.json.value.length >= 24);
});

test('stale check-ins on both platforms, and the same serial in both', async () => {
  const d = await intune('stale-checkin');
  assert.ok(T0 - Date.parse(d.lastSyncDateTime) > 44 * DAY);
  const u = await uem('stale-checkin');
  assert.ok(T0 - Date.parse(`${u.LastSeen}Z`) > 44 * DAY);
  const both = await intune('dual-platform');
  assert.equal((await uem('dual-platform')).SerialNumber, both.serialNumber);
});

test('the iPad from account-driven Apple User Enrollment reports no serial', async () => {
  const d = await intune('ipad-user-enrollment');
  assert.equal(d.operatingSystem, 'iPadOS');
  assert.equal(d.deviceEnrollmentType, 'appleUserEnrollment');
  assert.equal(d.managedDeviceOwnerType, 'personal');
  assert.equal(d.serialNumber, '');
  assert.equal(t.deviceLogs(scenarioExamples['ipad-user-enrollment'].deviceName), null, 'no Collect diagnostics for iPads');
  assert.equal((await g.send('POST', `/beta/deviceManagement/managedDevices/${d.id}/createDeviceLogCollectionRequest`)).status, 400);
});

test('WS1 devices in each of the four user modes', async () => {
  assert.equal((await uem('ws1-single-user-legacy')).WindowsUserMode, 'SingleUserLegacy');
  assert.equal((await uem('ws1-single-user')).WindowsUserMode, 'SingleUser');
  assert.equal((await uem('ws1-multiuser-capable')).WindowsUserMode, 'MultiUserCapable');
  const mu = await uem('ws1-multiuser');
  assert.equal(mu.WindowsUserMode, 'MultiUser');
  assert.equal(mu.Ownership, 'S');
});

test('Multiuser device whose enrolled user lags the signed-in Windows user', async () => {
  const d = await uem('ws1-enrolled-user-lags');
  assert.equal(d.WindowsUserMode, 'MultiUser');
  assert.notEqual(d.LastLoggedInUser.split('\\')[1].toLowerCase(), d.UserName.toLowerCase());
});

test('identifier mismatch: the ObjectGUID Hub sends is not the ExternalId UEM holds', async () => {
  const d = await uem('identifier-mismatch');
  const sam = d.LastLoggedInUser.split('\\')[1];
  const user = (await w.get(`/api/system/users/search?username=${sam}`)).json.Users.find((u: { UserName: string }) => u.UserName === sam);
  const entra = (await g.get(`/v1.0/users/${sam}@contoso.com`)).json;
  assert.ok(user.ExternalId);
  assert.notEqual(user.ExternalId, entra.id);
  const log = reassignmentLog(t.deviceLogs(d.DeviceReportedName)!);
  assert.ok(log.includes(`no UEM user found for ObjectGUID '${entra.id}' (HTTP 404)`));
});

test('reassignment logs for user not found, checkout restricted, workgroup and group assignment prompt', () => {
  const expect: [ScenarioId, RegExp][] = [
    ['reassignment-user-not-found', /\[ERR\] User switch failed: no UEM user found for UserPrincipalName 'nora\.starter@contoso\.com' \(HTTP 404\)/],
    ['checkout-restricted', /\[WRN\] User switch refused: user 'CONTOSO\\helpdesk\.tech' is excluded by Multiuser checkout restrictions/],
    ['workgroup-prompt', /\[INF\] Workgroup device: prompting user for credentials/],
    ['group-assignment-prompt', /\[WRN\] Group Assignment Mode is 'Prompt User for Organization Group'; silent reassignment is not possible/],
    ['ws1-multiuser', /\[WRN\] Reassignment attempt 1 of 3 failed; retrying in 120 seconds[\s\S]*\[INF\] Device reassigned to /],
    ['ws1-enrolled-user-lags', /\[WRN\] Silent reassignment failed after 3 attempts; prompting user for credentials\r\n.*\[WRN\] Credential prompt dismissed by user\r\n.*\[ERR\] Device reassignment failed: /],
  ];
  for (const [id, re] of expect) assert.match(reassignmentLog(t.deviceLogs(scenarioExamples[id].deviceName)!), re, id);
});

/** All DeviceReassignment-*.log text in a bundle (stored entries are deflated: inflate each). */
function reassignmentLog(zip: Buffer): string {
  const out: string[] = [];
  let p = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const size = zip.readUInt32LE(p + 18);
    const nameLen = zip.readUInt16LE(p + 26);
    const extra = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 30, p + 30 + nameLen);
    const start = p + 30 + nameLen + extra;
    if (/DeviceReassignment-\d{8}\.log$/.test(name)) out.push(inflate(zip.subarray(start, start + size)));
    p = start + size;
  }
  return out.join('');
}

function inflate(b: Buffer): string {
  return inflateRawSync(b).toString('utf8');
}
