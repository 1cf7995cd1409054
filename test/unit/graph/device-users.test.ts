import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphClient } from '../../../electron/services/graph/client.ts';
import { chooseDeviceUsers, skipReason, type DeviceUsersInput } from '../../../electron/services/graph/device-users.ts';
import { sendJson, startFakeServer } from './fake-server.ts';

const now = Date.parse('2026-12-01T12:00:00Z');
const day = 86_400_000;
const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();
const signIn = (upn: string, daysAgo: number, extra: Record<string, unknown> = {}) => ({ id: `${upn}-${daysAgo}`, createdDateTime: at(daysAgo), userPrincipalName: upn, userId: `id-${upn}`, appDisplayName: 'Windows Sign In', status: { errorCode: 0 }, ...extra });
const input: DeviceUsersInput = {
  azureAdDeviceId: 'aad-1',
  loggedOnUsers: [
    { id: 'id-dem', upn: 'dem.lab01@contoso.com', lastSignIn: at(0) },
    { id: 'id-eva', upn: 'eva@contoso.com', lastSignIn: at(1) },
    { id: 'id-anna', upn: 'anna@contoso.com', lastSignIn: at(3) },
  ],
  enrollmentAccounts: ['dem.lab01@contoso.com'],
};

test('sign-in logs decide: the most frequent person over N days, never the enrollment or a service account', async () => {
  const rows = [
    ...[0, 1, 2, 3, 4, 5].map((d) => signIn('dem.lab01@contoso.com', d)),
    ...[1, 2, 4, 6].map((d) => signIn('anna@contoso.com', d)),
    ...[0.5, 9].map((d) => signIn('eva@contoso.com', d)),
    ...[0, 1, 2, 3, 4, 5, 6].map((d) => signIn('svc-kiosk@contoso.com', d)),
    signIn('eva@contoso.com', 0.2, { status: { errorCode: 50126 } }), // a failed sign-in does not count
    signIn('eva@contoso.com', 0.1, { appDisplayName: 'Microsoft Teams' }), // not a Windows sign-in
    signIn('eva@contoso.com', 40), // outside the window
  ];
  const srv = await startFakeServer((req, res) => sendJson(res, 200, { value: rows }));
  try {
    const client = new GraphClient({ baseUrl: srv.url, getToken: async (need) => (need === 'auditLogs' ? 'audit-token' : 'read-token') });
    const c = await chooseDeviceUsers(client, input, { days: 30, now, patterns: ['kiosk*'] });
    assert.equal(c.source, 'signInLogs');
    assert.equal(c.mostFrequent?.upn, 'anna@contoso.com');
    assert.equal(c.last?.upn, 'eva@contoso.com');
    assert.deepEqual(c.counts.map((x) => [x.user.upn, x.signIns, x.skipped !== null]), [
      ['svc-kiosk@contoso.com', 7, true],
      ['dem.lab01@contoso.com', 6, true],
      ['anna@contoso.com', 4, false],
      ['eva@contoso.com', 2, false],
    ]);
    assert.match(c.summary, /Entra sign-in logs of the last 30 days: anna@contoso.com signed in 4 times; not chosen: svc-kiosk@contoso.com \(service account/);
    assert.match(c.summary, /dem.lab01@contoso.com \(enrolled this device/);
    const r = srv.requests[0];
    assert.equal(r.headers.authorization, 'Bearer audit-token', 'asked with the sign-in-log token');
    const f = new URL(r.url, 'http://x').searchParams.get('$filter');
    assert.equal(f, `deviceDetail/deviceId eq 'aad-1' and createdDateTime ge ${at(30)} and appDisplayName eq 'Windows Sign In'`);
    assert.ok(r.url.startsWith('/v1.0/auditLogs/signIns?'));
  } finally {
    await srv.close();
  }
});

test('no Entra ID P1 (403 NonPremiumTenant) or no AuditLog.Read.All: usersLoggedOn decides, and the summary says why', async () => {
  const answers = [
    { error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" } },
    { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } },
  ];
  let k = 0;
  const srv = await startFakeServer((_req, res) => sendJson(res, 403, answers[k++]));
  try {
    const client = new GraphClient({ baseUrl: srv.url, getToken: async () => 't' });
    const premium = await chooseDeviceUsers(client, input, { days: 30, now });
    assert.equal(premium.source, 'usersLoggedOn');
    assert.equal(premium.mostFrequent?.upn, 'eva@contoso.com', 'the DEM account is skipped even as the most recent');
    assert.match(premium.summary, /Intune's last logon per user \(the tenant has no Entra ID P1 or P2 licence.*most recent user, not a count/);
    const scope = await chooseDeviceUsers(client, input, { days: 30, now });
    assert.match(scope.summary, /lacks AuditLog.Read.All/);
    const none = await chooseDeviceUsers(null, { ...input, loggedOnUsers: [input.loggedOnUsers[0]] }, { days: 30, now });
    assert.equal(none.source, 'usersLoggedOn');
    assert.equal(none.mostFrequent, null);
    assert.match(none.summary, /^No user to choose/);
  } finally {
    await srv.close();
  }
});

test('a cancelled read still throws; service-account patterns match the whole name or the part before @', async () => {
  const controller = new AbortController();
  controller.abort();
  const reader = { windowsSignIns: async () => Promise.reject(new Error('aborted')) };
  await assert.rejects(chooseDeviceUsers(reader, input, { days: 30, now, signal: controller.signal }));
  assert.match(skipReason('ws1-staging@contoso.com', { enrollmentAccounts: [] }, ['*staging*']) ?? '', /service account/);
  assert.match(skipReason('scanner@contoso.com', { enrollmentAccounts: [] }, ['scan*']) ?? '', /service account/);
  assert.equal(skipReason('anna@contoso.com', { enrollmentAccounts: ['dem@contoso.com'] }, ['svc-*']), null);
});
